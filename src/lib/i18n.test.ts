import { describe, expect, it } from 'vitest';
import { createTranslator, formatSize, interpolate, t, tCount } from './i18n';

describe('i18n', () => {
  it('interpolates placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('translates with the English catalog', () => {
    expect(t('label.withCode', { label: 'Failed', code: 90 })).toBe('Failed (90)');
  });

  it('picks plural forms', () => {
    expect(tCount('toolbar.total', 1)).toBe('1 task');
    expect(tCount('toolbar.total', 3000)).toBe('3,000 tasks');
  });

  it('lets features make their own translator', () => {
    const tx = createTranslator({ en: { hello: 'Hello {name}' } });
    expect(tx('hello', { name: 'SOC' })).toBe('Hello SOC');
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
