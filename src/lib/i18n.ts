/**
 * The i18n layer, on FormatJS (`intl-messageformat`): every UI string is an ICU message
 * (`{name}` arguments, `{count, plural, one {# task} other {# tasks}}`) in a catalog, and
 * goes through a translator made here. English is the reference catalog: its keys
 * type-check every call, and a unit test (src/app/catalogs.test.ts) fails when another
 * locale misses a key, has an extra one, or differs in arguments or plural forms.
 *
 * Locales: `en` (bundled) and `zh-CN`, whose catalogs load on demand (`addMessages`, called
 * by app/locale-setting.ts) so the English first screen does not carry them. A key missing
 * in the current locale falls back to English.
 *
 * In the production build the catalogs (`…messagesEn`, `…messagesZh` object literals) are
 * compiled to ICU syntax trees at build time (scripts/vite-precompile-icu.ts) and the ICU
 * parser is left out of the bundle; in tests and `vite dev` strings are parsed at runtime.
 *
 * Features with their own strings (e.g. export) make their own translator with
 * `createTranslator({ en: {...} })`; the locale setting and the loaded catalogs are shared.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { messagesEn } from './messages-en';

/** The UI locales (BCP 47): also the value of `<html lang>`. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type SupportedLocale = (typeof LOCALES)[number];
export type Locale = SupportedLocale | (string & {});
export type Vars = Record<string, string | number>;
/** A message: ICU text, or its syntax tree once compiled by the build. */
export type Message = string | MessageFormatElement[];

let currentLocale: Locale = 'en';
const localeListeners = new Set<() => void>();

export function getLocale(): Locale {
  return currentLocale;
}
/**
 * Switches the locale used by every translator (synchronous: load the locale's catalogs
 * first with `addMessages`, or its strings fall back to English).
 */
export function setLocale(locale: Locale): void {
  if (locale === currentLocale) return;
  currentLocale = locale;
  for (const l of localeListeners) l();
}
/** For UIs that re-render when the locale changes (useSyncExternalStore). */
export function subscribeLocale(listener: () => void): () => void {
  localeListeners.add(listener);
  return () => localeListeners.delete(listener);
}

/** Loaded messages by locale, shared by every translator (keys are namespaced: `export.…`). */
const loaded = new Map<Locale, Record<string, Message>>();
/** Compiled formatters by locale and message (an IntlMessageFormat is costly to build). */
const formatters = new Map<string, Compiled>();

/** Adds a locale's messages (e.g. a lazily loaded catalog); later keys win. */
export function addMessages(locale: Locale, messages: Readonly<Record<string, Message>>): void {
  loaded.set(locale, { ...loaded.get(locale), ...messages });
  for (const k of formatters.keys()) if (k.startsWith(`${locale}\u0000`)) formatters.delete(k);
}

/** Names of the plain `{name}` arguments of a message (at any depth). */
function plainArguments(elements: readonly MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument) out.add(el.value);
    else if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const option of Object.values(el.options)) plainArguments(option.value, out);
    else if (el.type === TYPE.tag) plainArguments(el.children, out);
  }
  return out;
}

interface Compiled {
  message: Message;
  /** Absent for a message that is only text (`literal`). */
  format?: IntlMessageFormat;
  plain: readonly string[];
  /** The message's text when it has no argument, plural or tag: returned as is. */
  literal?: string;
}

/** The text of a syntax tree made only of literal text, else undefined. */
function literalText(elements: readonly MessageFormatElement[]): string | undefined {
  let text = '';
  for (const el of elements) {
    if (el.type !== TYPE.literal) return undefined;
    text += el.value;
  }
  return text;
}

/**
 * Intl objects shared by every compiled message, by constructor arguments. Each
 * IntlMessageFormat otherwise builds its own (a PluralRules and a NumberFormat per plural
 * message), and the first screen formats dozens of messages once each.
 */
function sharedIntl<A extends unknown[], R>(make: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args) => {
    const id = JSON.stringify(args);
    let value = cache.get(id);
    if (value === undefined) {
      value = make(...args);
      cache.set(id, value);
    }
    return value;
  };
}
const FORMATTERS = {
  getNumberFormat: sharedIntl(
    (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  ),
  getDateTimeFormat: sharedIntl(
    (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  ),
  getPluralRules: sharedIntl(
    (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
  ),
};

// IntlMessageFormat resolves its locale in every constructor: the supported one of
// `Intl.NumberFormat.supportedLocalesOf(locales)` as an Intl.Locale, else
// `new Intl.Locale(locales)`. For one locale tag both are the tag, canonicalised; but
// supportedLocalesOf's first call lists every locale the engine has (about 13 ms of the
// first screen in Chromium's profile). So one tag becomes its Intl.Locale directly, once.
const resolveLocaleUncached = IntlMessageFormat.resolveLocale;
const resolvedLocales = new Map<string, Intl.Locale | undefined>();
IntlMessageFormat.resolveLocale = (locales) => {
  if (typeof locales !== 'string' || typeof Intl.Locale === 'undefined')
    return resolveLocaleUncached(locales);
  if (!resolvedLocales.has(locales)) resolvedLocales.set(locales, new Intl.Locale(locales));
  return resolvedLocales.get(locales);
};

/**
 * Formats one ICU message. A plain `{name}` argument not given stays visible as `{name}`
 * (a bug to see, not hide; it also lets a caller pass a template on, e.g. to the CSV
 * worker). A message that cannot be formatted (malformed, a plural without its number) is
 * returned as its key in brackets and logged: visible, never a crash.
 */
function format(locale: Locale, key: string, message: Message, vars?: Vars): string {
  const id = `${locale}\u0000${key}`;
  try {
    let c = formatters.get(id);
    if (c?.message !== message) {
      // A compiled message that is only text needs no formatter (most of the UI's strings).
      const literal = typeof message === 'string' ? undefined : literalText(message);
      if (literal !== undefined) c = { message, plain: [], literal };
      else {
        const f = new IntlMessageFormat(message, locale, undefined, {
          ignoreTag: true,
          formatters: FORMATTERS,
        });
        const ast = f.getAst();
        c = { message, format: f, plain: [...plainArguments(ast)], literal: literalText(ast) };
      }
      formatters.set(id, c);
    }
    if (c.literal !== undefined) return c.literal;
    let values: Vars | undefined = vars;
    for (const name of c.plain) {
      if (values === undefined || !Object.prototype.hasOwnProperty.call(values, name))
        values = { ...values, [name]: `{${name}}` };
    }
    const out = c.format!.format(values);
    return typeof out === 'string' ? out : String(out);
  } catch (error) {
    console.error(`i18n: message ${key} (${locale}) could not be formatted`, error);
    return `[${key}]`;
  }
}

export type Catalog = Readonly<Record<string, Message>>;
export type Catalogs<M extends Catalog> = { en: M } & Partial<
  Record<string, Partial<Record<keyof M, Message>>>
>;
export type Translator<M extends Catalog> = (key: keyof M & string, vars?: Vars) => string;

/**
 * A translator over `catalogs.en` (the reference) and any catalogs given or loaded for
 * other locales: `(key, vars) => string`, e.g. `tx('export.progress', { rows: 5, total: 9 })`.
 */
export function createTranslator<M extends Catalog>(catalogs: Catalogs<M>): Translator<M> {
  for (const [locale, messages] of Object.entries(catalogs)) {
    if (locale !== 'en' && messages) addMessages(locale, messages as Record<string, Message>);
  }
  return (key, vars) => {
    const localized = currentLocale === 'en' ? undefined : loaded.get(currentLocale)?.[key];
    if (localized !== undefined) return format(currentLocale, key, localized, vars);
    const en = catalogs.en[key];
    return en === undefined ? key : format('en', key, en, vars);
  };
}

export type MessageKey = keyof typeof messagesEn;
/** The app's translator. */
export const t: Translator<typeof messagesEn> = createTranslator({ en: messagesEn });

/** Keys of `M` whose English message is an ICU plural of `count`. */
export type PluralKey<M extends Catalog> = {
  [K in keyof M & string]: M[K] extends `${string}{count, plural,${string}` ? K : never;
}[keyof M & string];

/**
 * A feature's own catalog, loaded with the chunk that uses it (outside the first screen;
 * its other locales arrive through `addMessages`, app/locale-setting.ts): `t`, the
 * translator over `en`, and `tCount`, a plural message with `count` (a number, `#`
 * formatted by the locale's rules), e.g. `txCount('export.matching', 3000)`.
 */
export function createCatalog<M extends Catalog>(
  en: M,
): { t: Translator<M>; tCount: (key: PluralKey<M>, count: number, vars?: Vars) => string } {
  const translate = createTranslator({ en });
  return { t: translate, tCount: (key, count, vars) => translate(key, { ...vars, count }) };
}

/** Bases of old-style `<base>_one` / `<base>_other` key pairs (before ICU plurals). */
type LegacyPluralBase<M extends Catalog> = keyof M extends infer K
  ? K extends `${infer B}_one`
    ? B
    : never
  : never;

/**
 * A plural message with `count` (a number, formatted by the locale's rules inside `#`):
 * `tCount('toolbar.total', 3000)` → "3,000 tasks" / "共 3,000 个任务". A base of an old
 * `_one`/`_other` pair is still accepted (catalogs.test.ts asks for it to become ICU).
 */
export function tCount(
  key: PluralKey<typeof messagesEn> | LegacyPluralBase<typeof messagesEn>,
  count: number,
  vars?: Vars,
): string {
  if (key in messagesEn) return t(key as MessageKey, { ...vars, count });
  const form = new Intl.PluralRules(currentLocale).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}` as MessageKey, { ...vars, count: formatNumber(count) });
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${currentLocale}\u0000${JSON.stringify(options ?? {})}`;
  let f = numberFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(currentLocale, options);
    numberFormats.set(id, f);
  }
  return f;
}

/** `3000` → "3,000" in the current locale (the same formatter ICU `{n, number}` uses). */
export function formatNumber(n: number): string {
  return numberFormat().format(n);
}

/** A size for people, 1 KB = 1024 B: "211 B", "200.3 KB", "20.4 MB". */
export function formatSize(bytes: number): string {
  const nf = numberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (bytes < 1024) return t('size.bytes', { n: String(bytes) });
  if (bytes < 1024 * 1024) return t('size.kb', { n: nf.format(bytes / 1024) });
  return t('size.mb', { n: nf.format(bytes / (1024 * 1024)) });
}

/*
 * Lists of labels for display, in the UI locale's own way (Intl.ListFormat, CLDR data):
 * "Failed (90), Unblock failed (91)" in English, "失败（90）、解封失败（91）" in Chinese,
 * where a hand-written `join(', ')` would leave an English comma on the Chinese screen.
 * Not for machine formats (CSV, URLs, raw exports): those keep their documented separators.
 * Here, beside the translators, so the first screen loads no extra file for it.
 */
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

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * `items` as one list in the current UI locale (`getLocale`), e.g.
 * `formatList(['WAF', 'CFW'])` → "WAF, CFW" (en) / "WAF、CFW" (zh-CN). One formatter per
 * locale and kind, built on first use. An empty list is ''.
 */
export function formatList(items: readonly string[], kind: ListKind = 'enumeration'): string {
  const locale = currentLocale;
  const id = `${locale}\u0000${kind}`;
  let f = listFormats.get(id);
  if (!f) {
    f = new Intl.ListFormat(locale, OPTIONS[kind]);
    listFormats.set(id, f);
  }
  return f.format(items);
}
