import { parse } from '@formatjs/icu-messageformat-parser';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addMessages,
  createCatalog,
  createTranslator,
  formatNumber,
  formatSize,
  getLocale,
  setLocale,
  t,
  tCount,
} from './i18n';
import { messagesZh } from './messages-zh';

afterEach(() => setLocale('en'));

describe('i18n on FormatJS', () => {
  it('translates with the English catalog', () => {
    expect(t('label.withCode', { label: 'Failed', code: 90 })).toBe('Failed (90)');
  });

  it.each([
    ['en', 0, '0 tasks'],
    ['en', 1, '1 task'],
    ['en', 2, '2 tasks'],
    ['en', 3000, '3,000 tasks'],
    ['zh-CN', 0, '共 0 个任务'],
    ['zh-CN', 1, '共 1 个任务'],
    ['zh-CN', 3000, '共 3,000 个任务'],
  ])('ICU plural in %s: %d → %s', (locale, n, text) => {
    addMessages('zh-CN', messagesZh);
    setLocale(locale);
    expect(tCount('toolbar.total', n)).toBe(text);
  });

  it('switches catalogs with the locale and falls back to English for a key not loaded', () => {
    const tx = createTranslator({ en: { 'demo.hello': 'Hello {name}', 'demo.only': 'Only English' } });
    addMessages('zh-CN', { 'demo.hello': '你好，{name}' });
    expect(tx('demo.hello', { name: 'SOC' })).toBe('Hello SOC');
    setLocale('zh-CN');
    expect(getLocale()).toBe('zh-CN');
    expect(tx('demo.hello', { name: 'SOC' })).toBe('你好，SOC');
    expect(tx('demo.only')).toBe('Only English');
  });

  it.each([
    ['en', 1, 'sort', '1 view (sort)'],
    ['en', 3000, 'sort', '3,000 views (sort)'],
    ['zh-CN', 3000, '排序', '3,000 个视图（排序）'],
  ])(
    'a feature catalog (createCatalog) in %s: %d → its plural, with the other variables',
    (locale, n, of, text) => {
      const demo = createCatalog({
        'demo.views': '{count, plural, one {# view ({of})} other {# views ({of})}}',
        'demo.title': 'Views',
      } as const);
      addMessages('zh-CN', {
        'demo.views': '{count, plural, other {# 个视图（{of}）}}',
        'demo.title': '视图',
      });
      setLocale(locale);
      expect(demo.tCount('demo.views', n, { of })).toBe(text);
      expect(demo.t('demo.title')).toBe(locale === 'en' ? 'Views' : '视图');
    },
  );

  it('leaves a plain argument that was not given visible, as the template it was', () => {
    expect(t('label.withCode', { label: 'Failed' })).toBe('Failed ({code})');
    const tx = createTranslator({ en: { 'demo.template': 'Unknown ({code})' } });
    expect(tx('demo.template')).toBe('Unknown ({code})');
  });

  it('keeps two translators that share a key apart', () => {
    const a = createTranslator({ en: { 'demo.same': 'A {x}' } });
    const b = createTranslator({ en: { 'demo.same': 'B {x}' } });
    expect([a('demo.same', { x: 1 }), b('demo.same', { x: 2 }), a('demo.same', { x: 3 })]).toEqual([
      'A 1',
      'B 2',
      'A 3',
    ]);
  });

  it('shows a malformed message as its key instead of throwing', () => {
    const tx = createTranslator({ en: { 'demo.broken': 'Unclosed {name' } });
    const log = console.error;
    console.error = () => undefined;
    try {
      expect(tx('demo.broken', { name: 'x' })).toBe('[demo.broken]');
    } finally {
      console.error = log;
    }
  });

  // The production build hands the translator syntax trees (scripts/vite-precompile-icu.ts):
  // text-only trees are returned without a formatter, the others formatted with shared Intl
  // objects. Both forms must give the same text.
  it.each([
    ['Only text', undefined, 'Only text'],
    ["Escaped '{'braces'}' and it's", undefined, "Escaped {braces} and it's"],
    ['Hello {name}', { name: 'SOC' }, 'Hello SOC'],
    ['Hello {name}', undefined, 'Hello {name}'],
    ['{count, plural, one {# task} other {# tasks}}', { count: 1 }, '1 task'],
    ['{count, plural, one {# task} other {# tasks}}', { count: 12345 }, '12,345 tasks'],
    ['<b>not a tag</b> {n, number}', { n: 1500 }, '<b>not a tag</b> 1,500'],
  ])('a compiled message %j with %j reads %j, as its text does', (text, vars, expected) => {
    const ast = parse(text, { ignoreTag: true });
    const compiled = createTranslator({ en: { 'demo.compiled': ast } });
    const plain = createTranslator({ en: { 'demo.plain': text } });
    expect(compiled('demo.compiled', vars)).toBe(expected);
    expect(compiled('demo.compiled', vars)).toBe(expected);
    expect(plain('demo.plain', vars)).toBe(expected);
  });

  it('formats numbers by the locale', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    setLocale('de-DE');
    expect(formatNumber(1234567)).toBe('1.234.567');
  });

  it('Status, source, product and entity type use Alibaba’s Chinese terms', () => {
    addMessages('zh-CN', messagesZh);
    setLocale('zh-CN');
    expect([
      t('status.21'),
      t('status.23'),
      t('source.system'),
      t('product.Aegis'),
      t('entityType.process'),
    ]).toEqual(['封禁中', '已结束', '手动处置事件触发', '云安全中心', '进程']);
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [205_000, '200.2 KB'],
    [21_180_000, '20.2 MB'],
  ])('%d → %s', (n, s) => {
    expect(formatSize(n)).toBe(s);
  });
});
