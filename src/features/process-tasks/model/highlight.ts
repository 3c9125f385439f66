/**
 * Why a keyword result matched: where the keyword (ParamContent) occurs in a row's
 * entity, scene or InputParams, compared case-insensitively as the emulator does
 * (UNVERIFIED for the real API, whose match rule is undocumented).
 */

export interface Segment {
  text: string;
  match: boolean;
}

/** `text` cut into matching and non-matching parts; one non-matching part when the keyword is absent. */
export function splitMatches(text: string, keyword: string | undefined): Segment[] {
  if (!keyword) return [{ text, match: false }];
  const hay = text.toLowerCase();
  const needle = keyword.toLowerCase();
  const out: Segment[] = [];
  let from = 0;
  for (let i = hay.indexOf(needle); i !== -1 && needle.length > 0; i = hay.indexOf(needle, from)) {
    if (i > from) out.push({ text: text.slice(from, i), match: false });
    out.push({ text: text.slice(i, i + needle.length), match: true });
    from = i + needle.length;
  }
  if (from < text.length) out.push({ text: text.slice(from), match: false });
  return out.length > 0 ? out : [{ text, match: false }];
}

export function containsKeyword(text: string | undefined, keyword: string | undefined): boolean {
  return Boolean(text && keyword && text.toLowerCase().includes(keyword.toLowerCase()));
}

/**
 * A short excerpt of `raw` around the first occurrence of `keyword`: `radius` characters
 * on each side, with "…" where it was cut; undefined when the keyword does not occur.
 */
export function snippetAround(
  raw: string | undefined,
  keyword: string | undefined,
  radius = 24,
): string | undefined {
  if (!raw || !keyword) return undefined;
  const i = raw.toLowerCase().indexOf(keyword.toLowerCase());
  if (i === -1) return undefined;
  const start = Math.max(0, i - radius);
  const end = Math.min(raw.length, i + keyword.length + radius);
  return `${start > 0 ? '…' : ''}${raw.slice(start, end)}${end < raw.length ? '…' : ''}`;
}
