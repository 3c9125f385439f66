/**
 * Characters that change how text looks or reads without showing themselves: a U+202E in
 * "invoice\u202Egpj.exe" makes a file name read "invoiceexe.jpg". Data text is shown with each
 * of them replaced by a visible token such as ⟨U+202E⟩; the raw value stays as it is for
 * copying and for the CSV.
 *
 * Which characters (Unicode 15 general categories, https://www.unicode.org/reports/tr44/):
 * - every format character (category Cf): the bidi controls U+061C, U+200E/200F,
 *   U+202A–202E and U+2066–2069, the zero-width U+200B–200D, U+2060 and U+FEFF, the soft
 *   hyphen U+00AD, the tag characters U+E0001 and U+E0020–E007F, and the rest;
 * - every control (category Cc, C0 and C1). In single-line data (entity name, scene, IDs,
 *   codes, error code: table cells, drawer rows, chips) that includes tab, line feed and
 *   carriage return: "\t=1+1" would otherwise read "=1+1" and an ID with a trailing LF would
 *   look whole. They show as ⟨TAB⟩, ⟨LF⟩, ⟨CR⟩ (other controls as ⟨U+001B⟩).
 *   In multi-line text (`multiline`: InputParams' raw and formatted text, ErrMsg, ErrTip)
 *   line feed and CR LF stay line breaks and tab stays white space (indentation is
 *   ordinary there, and both show as space); a lone CR, which hides the text before it in
 *   a terminal and reads as nothing in a page, is still revealed, as is every other control;
 * - invisible letters and marks that render as nothing: U+034F, the Hangul fillers U+115F,
 *   U+1160, U+3164 and U+FFA0, U+17B4/17B5, the Mongolian variation selectors U+180B–180F,
 *   the line and paragraph separators U+2028/2029, the unassigned tag U+E0000;
 * - variation selectors VS1–VS14 (U+FE00–FE0D) and VS17–VS256 (U+E0100–E01EF), which can
 *   carry hidden bytes.
 * Left alone, because ordinary emoji need them: VS15/VS16 (U+FE0E/FE0F), and the
 * zero-width joiner U+200D between two pictographs (as in 👩‍💻).
 */

/** The category of a revealed character, for its label. */
export type InvisibleKind = 'bidi' | 'zero-width' | 'format' | 'control' | 'blank' | 'variation';

/** A piece of a text: plain text, or one revealed character. */
export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'invisible'; char: string; code: string; name: string; category: InvisibleKind };

// Marks (U+034F, U+17B4/17B5, the variation selectors) are alternatives of their own: in one
// class with other characters they would read as combined with them.
const CANDIDATE = new RegExp(
  [
    '[\\p{Cf}\\p{Cc}\\u115F\\u1160\\u2028\\u2029\\u3164\\uFFA0\\u{E0000}]',
    '\\u034F',
    '\\u17B4',
    '\\u17B5',
    '[\\u180B-\\u180F]',
    '[\\uFE00-\\uFE0D]',
    '[\\u{E0100}-\\u{E01EF}]',
  ].join('|'),
  'u',
);
const CANDIDATES = new RegExp(CANDIDATE.source, 'gu');
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/** What may end an emoji before a joiner: the pictograph, its VS16 or a skin-tone modifier. */
const EMOJI_END = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;

/** How a text is laid out: single-line data reveals every control; see the module comment. */
export interface InvisibleOptions {
  multiline?: boolean;
}

const NAMES: Record<number, string> = {
  0x0000: 'NULL',
  0x0008: 'BACKSPACE',
  0x0009: 'CHARACTER TABULATION',
  0x000a: 'LINE FEED',
  0x000b: 'LINE TABULATION',
  0x000c: 'FORM FEED',
  0x000d: 'CARRIAGE RETURN',
  0x001b: 'ESCAPE',
  0x007f: 'DELETE',
  0x0085: 'NEXT LINE',
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** "U+202E", "U+E0041": the code point in the Unicode notation (at least four hex digits). */
export function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function categoryOf(cp: number): InvisibleKind {
  if (cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e)) return 'bidi';
  if (cp >= 0x2066 && cp <= 0x2069) return 'bidi';
  if ((cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff) return 'zero-width';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0x180b && cp <= 0x180f))
    return 'variation';
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if (/\p{Cf}/u.test(String.fromCodePoint(cp))) return 'format';
  return 'blank';
}

/** Whether `char` (one code point) at `index` of `text` is revealed; see the module comment. */
function isRevealed(text: string, char: string, index: number, opts: InvisibleOptions): boolean {
  if (opts.multiline === true) {
    if (char === '\n' || char === '\t') return false;
    if (char === '\r' && text[index + 1] === '\n') return false;
  }
  if (char === '\u200d') {
    const before = Array.from(text.slice(Math.max(0, index - 2), index)).pop();
    const after = String.fromCodePoint(text.codePointAt(index + 1) ?? 0);
    if (before !== undefined && EMOJI_END.test(before) && PICTOGRAPH.test(after)) return false;
  }
  return true;
}

/** Whether `text` holds any character that is revealed (cheap: one regex test first). */
export function hasInvisible(text: string, opts: InvisibleOptions = {}): boolean {
  return CANDIDATE.test(text) && splitInvisible(text, opts).some((p) => p.kind === 'invisible');
}

/**
 * `text` cut into plain parts and revealed characters, in order; joining every part's
 * `text`/`char` gives `text` back exactly. A text with nothing to reveal is one part.
 */
export function splitInvisible(text: string, opts: InvisibleOptions = {}): TextPart[] {
  if (!CANDIDATE.test(text)) return text === '' ? [] : [{ kind: 'text', text }];
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(CANDIDATES)) {
    const char = m[0];
    const index = m.index;
    if (!isRevealed(text, char, index, opts)) continue;
    if (index > last) parts.push({ kind: 'text', text: text.slice(last, index) });
    const cp = char.codePointAt(0)!;
    parts.push({
      kind: 'invisible',
      char,
      code: codePointLabel(char),
      name: NAMES[cp] ?? '',
      category: categoryOf(cp),
    });
    last = index + char.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Short names of the controls analysts meet most, for their tokens. */
const SHORT: Record<string, string> = { 'U+0009': 'TAB', 'U+000A': 'LF', 'U+000D': 'CR' };

/** The token that stands for a revealed character: "⟨U+202E⟩", "⟨TAB⟩", "⟨LF⟩", "⟨CR⟩". */
export function invisibleToken(code: string): string {
  return `⟨${SHORT[code] ?? code}⟩`;
}

/**
 * `text` as plain text with each revealed character replaced by its token, for places that
 * take a string (tooltips, titles, notices): "invoice\u202Egpj.exe" → "invoice⟨U+202E⟩gpj.exe".
 */
export function revealInvisible(text: string, opts: InvisibleOptions = {}): string {
  return splitInvisible(text, opts)
    .map((p) => (p.kind === 'text' ? p.text : invisibleToken(p.code)))
    .join('');
}
