import { useState, useSyncExternalStore } from 'react';
import { HeaderSelect } from './header-select';
import { getLocale, t, type SupportedLocale } from '../lib/i18n';
import { chooseLocale } from './locale-setting';
import { chooseTheme, getThemeChoice, subscribeTheme, type ThemeChoice } from './theme-setting';
import { TimeZoneSelect } from './time-zone-select';

/** Each language named in itself (the same in every catalog), with its `lang`. */
const LANGUAGE_OPTIONS = [
  { value: 'en', label: <span lang="en">English</span>, title: 'English' },
  { value: 'zh-CN', label: <span lang="zh-CN">简体中文</span>, title: '简体中文' },
];

function LanguageSelect() {
  const locale = getLocale() as SupportedLocale;
  const [failed, setFailed] = useState(false);
  return (
    <HeaderSelect<SupportedLocale>
      id="ui-language"
      label={t('app.language')}
      value={locale}
      options={LANGUAGE_OPTIONS}
      aria-describedby={failed ? 'ui-language-error' : undefined}
      status={failed ? 'error' : undefined}
      onChange={(v) => {
        setFailed(false);
        chooseLocale(v).catch((error: unknown) => {
          console.error(`The language ${v} could not be loaded`, error);
          setFailed(true);
        });
      }}
      after={
        failed && (
          <span id="ui-language-error" role="alert" className="rtc-header-meta">
            {t('app.languageLoadFailed')}
          </span>
        )
      }
    />
  );
}

function ThemeSelect() {
  const choice = useSyncExternalStore(subscribeTheme, getThemeChoice);
  return (
    <HeaderSelect<ThemeChoice>
      id="ui-theme"
      label={t('app.theme')}
      value={choice}
      options={[
        { value: 'system', label: t('app.theme.system') },
        { value: 'light', label: t('app.theme.light') },
        { value: 'dark', label: t('app.theme.dark') },
      ]}
      onChange={(v) => chooseTheme(v)}
    />
  );
}

/** The header's settings: language, theme and time zone (loaded after the first rows). */
export function HeaderSettings() {
  return (
    <>
      <LanguageSelect />
      <ThemeSelect />
      <TimeZoneSelect />
    </>
  );
}
