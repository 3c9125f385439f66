/**
 * The i18n layer. Every UI string goes through a translator made here, so a second
 * language is a new catalog, not a hunt through components. English is the reference
 * catalog: its keys type-check every call; other locales may be partial and fall back
 * to English.
 *
 * Features with their own strings (e.g. export) make their own translator with
 * `createTranslator({ en: {...} })`; the locale setting is shared.
 */
import { messagesEn } from './messages-en';

export type Locale = 'en' | (string & {});
export type Vars = Record<string, string | number>;

let currentLocale: Locale = 'en';
export function getLocale(): Locale {
  return currentLocale;
}
export function setLocale(locale: Locale): void {
  currentLocale = locale;
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible (a bug to see, not hide). */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

export type Catalogs<M extends Record<string, string>> = { en: M } & Partial<Record<string, Partial<M>>>;
export type Translator<M extends Record<string, string>> = (key: keyof M & string, vars?: Vars) => string;

export function createTranslator<M extends Record<string, string>>(catalogs: Catalogs<M>): Translator<M> {
  return (key, vars) => {
    const localized = catalogs[currentLocale]?.[key];
    return interpolate(localized ?? catalogs.en[key] ?? key, vars);
  };
}

export type MessageKey = keyof typeof messagesEn;
/** The app's translator. */
export const t: Translator<typeof messagesEn> = createTranslator({ en: messagesEn });

/** Picks `<key>_one` or `<key>_other` by the locale's plural rules and passes `count`. */
export function tCount(
  key: MessageKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never,
  count: number,
  vars?: Vars,
): string {
  const rule = new Intl.PluralRules(currentLocale).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${rule}` as MessageKey, { count: formatNumber(count), ...vars });
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLocale).format(n);
}

/** A size for people, 1 KB = 1024 B: "211 B", "200.3 KB", "20.4 MB". */
export function formatSize(bytes: number): string {
  const nf = new Intl.NumberFormat(currentLocale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (bytes < 1024) return t('size.bytes', { n: String(bytes) });
  if (bytes < 1024 * 1024) return t('size.kb', { n: nf.format(bytes / 1024) });
  return t('size.mb', { n: nf.format(bytes / (1024 * 1024)) });
}
