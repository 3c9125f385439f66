import 'dayjs/locale/zh-cn';
import { afterEach, describe, expect, it } from 'vitest';
import { dayjs } from '../lib/dayjs';
import { formatDateTime, formatRelative } from '../lib/time';
import { browserLocale, dayjsLocaleFor } from './locale-setting';
import { chooseTheme, getResolvedTheme, getThemeChoice } from './theme-setting';
import { timeZoneOptions } from './time-zone-setting';

const WINTER = Date.UTC(2026, 10, 27, 9, 12, 5); // 2026-11-27 09:12:05 UTC
const SUMMER = Date.UTC(2026, 6, 1, 12, 0, 0);

describe('the time-zone choice', () => {
  it('offers UTC first, then IANA zones with their offset at that instant, without UTC aliases or unknown names', () => {
    const zones = [
      'America/New_York',
      'Asia/Shanghai',
      'Asia/Kolkata',
      'Etc/UTC',
      'UTC',
      'Mars/Olympus_Mons',
    ];
    expect(timeZoneOptions(WINTER, zones)).toEqual([
      { value: 'UTC', label: 'UTC' },
      { value: 'America/New_York', label: 'America/New_York (-05:00)' },
      { value: 'Asia/Shanghai', label: 'Asia/Shanghai (+08:00)' },
      { value: 'Asia/Kolkata', label: 'Asia/Kolkata (+05:30)' },
    ]);
    expect(timeZoneOptions(SUMMER, ['America/New_York'])[1]!.label).toBe('America/New_York (-04:00)');
  });

  it('lists every zone the runtime knows, each usable by the time module', () => {
    const options = timeZoneOptions(WINTER);
    expect(options.length).toBeGreaterThan(300);
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    for (const o of options)
      expect(formatDateTime(WINTER, o.value)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it.each([
    ['UTC', '2026-11-27 09:12:05'],
    ['Asia/Shanghai', '2026-11-27 17:12:05'],
    ['America/New_York', '2026-11-27 04:12:05'],
    ['Asia/Kathmandu', '2026-11-27 14:57:05'],
  ])('a chosen zone (%s) is what the table shows', (zone, text) => {
    expect(formatDateTime(WINTER, zone)).toBe(text);
  });
});

describe('the language default', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-TW', 'en'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-HK'], 'zh-CN'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ])('browser languages %j → %s', (languages, locale) => {
    expect(browserLocale(languages)).toBe(locale);
  });

  it('switches dayjs, so ages read in Chinese', () => {
    try {
      dayjs.locale(dayjsLocaleFor('zh-CN'));
      expect(formatRelative(WINTER - 5 * 60_000, WINTER)).toBe('5 分钟前');
      dayjs.locale(dayjsLocaleFor('en'));
      expect(formatRelative(WINTER - 5 * 60_000, WINTER)).toBe('5 minutes ago');
    } finally {
      dayjs.locale('en');
    }
  });
});

describe('the theme choice', () => {
  afterEach(() => chooseTheme('system'));

  it('an explicit choice wins; "system" follows the system (light where there is no preference)', () => {
    chooseTheme('dark');
    expect([getThemeChoice(), getResolvedTheme()]).toEqual(['dark', 'dark']);
    chooseTheme('light');
    expect(getResolvedTheme()).toBe('light');
    chooseTheme('system');
    expect([getThemeChoice(), getResolvedTheme()]).toEqual(['system', 'light']);
  });
});
