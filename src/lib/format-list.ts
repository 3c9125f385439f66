/**
 * Lists of labels for display, in the UI locale's own way (Intl.ListFormat, CLDR data):
 * "Failed (90), Unblock failed (91)" in English, "失败（90）、解封失败（91）" in Chinese,
 * where a hand-written `join(', ')` would leave an English comma on the Chinese screen.
 *
 * Not for machine formats (CSV, URLs, raw exports): those keep their documented separators.
 */
import { getLocale } from './i18n';

/**
 * How the items relate:
 * - `enumeration`: a plain enumeration, no "and" (CLDR `conjunction`/`narrow`): "A, B, C" / "A、B、C";
 * - `and`: "A, B, and C" / "A、B和C";
 * - `or`: "A, B, or C" / "A、B或C" (alternatives, e.g. the values a filter accepts).
 */
export type ListKind = 'enumeration' | 'and' | 'or';

const OPTIONS: Record<ListKind, Intl.ListFormatOptions> = {
  enumeration: { type: 'conjunction', style: 'narrow' },
  and: { type: 'conjunction', style: 'long' },
  or: { type: 'disjunction', style: 'long' },
};

const formats = new Map<string, Intl.ListFormat>();

/**
 * `items` as one list in the current UI locale (lib/i18n `getLocale`), e.g.
 * `formatList(['WAF', 'CFW'])` → "WAF, CFW" (en) / "WAF、CFW" (zh-CN). One formatter per
 * locale and kind, built on first use. An empty list is ''.
 */
export function formatList(items: readonly string[], kind: ListKind = 'enumeration'): string {
  const locale = getLocale();
  const id = `${locale}\u0000${kind}`;
  let f = formats.get(id);
  if (!f) {
    f = new Intl.ListFormat(locale, OPTIONS[kind]);
    formats.set(id, f);
  }
  return f.format(items);
}
