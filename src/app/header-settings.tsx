import { Select } from 'antd';
import { useState, useSyncExternalStore } from 'react';
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
    <div className="rtc-zone">
      <label htmlFor="ui-language" className="rtc-header-meta">
        {t('app.language')}
      </label>
      <Select
        id="ui-language"
        size="small"
        value={locale}
        popupMatchSelectWidth={false}
        options={LANGUAGE_OPTIONS}
        aria-describedby={failed ? 'ui-language-error' : undefined}
        status={failed ? 'error' : undefined}
        onChange={(v: SupportedLocale) => {
          setFailed(false);
          chooseLocale(v).catch((error: unknown) => {
            console.error(`The language ${v} could not be loaded`, error);
            setFailed(true);
          });
        }}
      />
      {failed && (
        <span id="ui-language-error" role="alert" className="rtc-header-meta">
          {t('app.languageLoadFailed')}
        </span>
      )}
    </div>
  );
}

function ThemeSelect() {
  const choice = useSyncExternalStore(subscribeTheme, getThemeChoice);
  return (
    <div className="rtc-zone">
      <label htmlFor="ui-theme" className="rtc-header-meta">
        {t('app.theme')}
      </label>
      <Select
        id="ui-theme"
        size="small"
        value={choice}
        popupMatchSelectWidth={false}
        options={[
          { value: 'system', label: t('app.theme.system') },
          { value: 'light', label: t('app.theme.light') },
          { value: 'dark', label: t('app.theme.dark') },
        ]}
        onChange={(v: ThemeChoice) => chooseTheme(v)}
      />
    </div>
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
