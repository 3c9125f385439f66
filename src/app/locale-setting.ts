/**
 * The UI language: `en` or `zh-CN`. Default from the browser (`navigator.languages`: the
 * first `zh*` or `en*` entry decides, `zh*` → Chinese), an explicit choice in the header
 * is remembered (localStorage). The Chinese catalogs, antd's zh_CN locale and dayjs'
 * zh-cn locale load on demand, so the English first screen does not carry them.
 *
 * Applying a locale sets the translators' locale (lib/i18n), dayjs' global locale (relative
 * times, the pickers) and `<html lang>`; antd's locale is read by AppProviders
 * (`antdLocaleFor`).
 */
import type { Locale as AntdLocale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import { dayjs } from '../lib/dayjs';
import { addMessages, getLocale, LOCALES, setLocale, t, type SupportedLocale } from '../lib/i18n';
import { readJson, writeJson } from '../lib/local-storage';

export const LOCALE_STORAGE_KEY = 'rtc.locale.v1';
const isSupported = (v: unknown): v is SupportedLocale => LOCALES.includes(v as SupportedLocale);

/** The UI locale for the browser's preferred languages, e.g. ['zh-TW', 'en'] → 'zh-CN'. */
export function browserLocale(languages: readonly string[]): SupportedLocale {
  for (const l of languages) {
    const lang = l.toLowerCase();
    if (lang.startsWith('zh')) return 'zh-CN';
    if (lang.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The stored choice, else the browser's languages. */
export function initialLocale(): SupportedLocale {
  const stored = readJson(LOCALE_STORAGE_KEY, isSupported);
  if (stored) return stored;
  const languages =
    typeof navigator === 'undefined'
      ? []
      : navigator.languages?.length
        ? navigator.languages
        : [navigator.language];
  return browserLocale(languages.filter(Boolean));
}

const antdLocales = new Map<string, AntdLocale>([['en', enUS]]);
const loading = new Map<SupportedLocale, Promise<void>>();

/** Loads a locale's catalogs and its antd and dayjs locales (once). */
export function loadLocale(locale: SupportedLocale): Promise<void> {
  if (locale === 'en') return Promise.resolve();
  let p = loading.get(locale);
  if (!p) {
    p = Promise.all([
      import('../lib/messages-zh'),
      import('../features/export/messages-zh'),
      import('../features/process-tasks/habits-messages-zh'),
      import('../features/process-tasks/filter-messages-zh'),
      import('antd/es/locale/zh_CN'),
      // The ES module form: it hands over the locale object, registered below on the app's
      // one dayjs instance (the CommonJS form would pull dayjs out of the first screen's chunk).
      import('dayjs/esm/locale/zh-cn'),
    ]).then(([app, exp, habits, filters, antd, dayjsZh]) => {
      dayjs.locale(dayjsZh.default, undefined, true);
      addMessages(locale, app.messagesZh);
      addMessages(locale, exp.exportMessagesZh);
      addMessages(locale, habits.habitsMessagesZh);
      addMessages(locale, filters.filterMessagesZh);
      antdLocales.set(locale, antd.default);
    });
    p.catch(() => loading.delete(locale));
    loading.set(locale, p);
  }
  return p;
}

/** antd's locale for a UI locale (English until the locale's own is loaded). */
export function antdLocaleFor(locale: string): AntdLocale {
  return antdLocales.get(locale) ?? enUS;
}

/** The dayjs locale name for a UI locale. */
export function dayjsLocaleFor(locale: string): string {
  return locale === 'zh-CN' ? 'zh-cn' : 'en';
}

function apply(locale: SupportedLocale): void {
  dayjs.locale(dayjsLocaleFor(locale));
  document.documentElement.lang = locale;
  setLocale(locale);
  document.title = t('app.title');
}

/**
 * Applies the remembered or browser locale before the first render: undefined when it is
 * English (nothing to load), else a promise that settles once Chinese is loaded and
 * applied (English stays if loading fails).
 */
export function restoreLocaleSetting(): Promise<void> | undefined {
  const locale = initialLocale();
  document.documentElement.lang = 'en';
  if (locale === 'en') return undefined;
  return loadLocale(locale).then(
    () => apply(locale),
    (error: unknown) => console.error('The Chinese catalog could not be loaded; English is shown.', error),
  );
}

/**
 * Switches the UI language (after loading it) and remembers the choice. Rejects when the
 * locale's files cannot be loaded (the language shown stays as it was).
 */
export async function chooseLocale(locale: SupportedLocale): Promise<void> {
  if (locale !== getLocale()) {
    await loadLocale(locale);
    apply(locale);
  }
  writeJson(LOCALE_STORAGE_KEY, locale);
}
