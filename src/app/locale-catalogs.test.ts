/**
 * The Chinese catalogs that load with the locale (loadLocale) reach the translators made
 * elsewhere with createTranslator: the app's, the export's and the habits' (shortcuts,
 * saved views, ticket notes), whose strings are not in the first screen's chunk.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tx } from '../features/export/i18n';
import { tf } from '../features/process-tasks/filter-i18n';
import { th, thCount } from '../features/process-tasks/habits-i18n';
import { setLocale, t } from '../lib/i18n';
import { loadLocale } from './locale-setting';

afterEach(() => setLocale('en'));

describe('the Chinese catalogs loaded with the locale', () => {
  it('leaves the habits strings in English until the catalog is loaded, then gives Chinese', async () => {
    setLocale('zh-CN');
    expect(th('shortcuts.title')).toBe('Keyboard shortcuts');
    await loadLocale('zh-CN');
    expect(th('shortcuts.title')).toBe('快捷键');
  });

  it.each([
    ['shortcuts.title', undefined, '快捷键', 'Keyboard shortcuts'],
    ['ticketNote.copy', undefined, '复制为工单备注', 'Copy as ticket note'],
    ['savedViews.button', undefined, '保存的视图', 'Saved views'],
    ['savedViews.saved', { name: 'P1 封禁' }, '视图“P1 封禁”已保存', 'View "P1 封禁" saved'],
    [
      'shortcuts.rowFocused',
      { index: 2, count: 20, id: 't-9' },
      '第 2 行，共 20 行：任务 t-9',
      'Row 2 of 20: task t-9',
    ],
  ] as const)('habits %s: Chinese in zh-CN, English in en', async (key, vars, zh, en) => {
    await loadLocale('zh-CN');
    setLocale('zh-CN');
    expect(th(key, vars)).toBe(zh);
    setLocale('en');
    expect(th(key, vars)).toBe(en);
  });

  it.each([
    [1, '已导入 1 个视图', '1 view imported'],
    [1200, '已导入 1,200 个视图', '1,200 views imported'],
  ])('counts %i imported views as an ICU plural in both languages', async (n, zh, en) => {
    await loadLocale('zh-CN');
    setLocale('zh-CN');
    expect(thCount('savedViews.imported', n)).toBe(zh);
    setLocale('en');
    expect(thCount('savedViews.imported', n)).toBe(en);
  });

  it('gives the app and export strings added by the merged branches in Chinese', async () => {
    await loadLocale('zh-CN');
    setLocale('zh-CN');
    expect(t('block.released.block', { time: '10:00' })).toBe('已于 10:00 解封');
    expect(t('triage.othersCount', { count: 3 })).toBe('另有 3 个任务');
    expect(tx('export.sheet.statusCode')).toBe('状态码');
  });

  it.each([
    ['filters.chosen.TaskStatus', { count: 3 }, '3 个状态', '3 statuses'],
    ['filters.chosen.YunCode', { count: 1 }, '1 个云产品', '1 product'],
    ['filters.chosenGroup', { group: '失败' }, '全部失败', '失败 (all)'],
  ] as const)('filters %s: Chinese once the locale is loaded, English in en', async (key, vars, zh, en) => {
    await loadLocale('zh-CN');
    setLocale('zh-CN');
    expect(tf(key, vars)).toBe(zh);
    setLocale('en');
    expect(tf(key, vars)).toBe(en);
  });
});
