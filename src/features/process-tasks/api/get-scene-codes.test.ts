import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../lib/i18n';
import { sceneCodesQueryOptions } from './get-scene-codes';
import { processStatisticsQueryOptions } from './get-triage';

describe('the SPA sends the analyst language as Lang', () => {
  afterEach(() => setLocale('en'));

  it.each([
    ['en', 'en'],
    ['zh-CN', 'zh'],
  ])('locale %s → Lang=%s', (locale, lang) => {
    setLocale(locale);
    expect(sceneCodesQueryOptions().queryKey).toContain(lang);
    expect(processStatisticsQueryOptions().queryKey).toContain(lang);
  });
});
