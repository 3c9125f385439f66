import { afterEach, describe, expect, it } from 'vitest';
import { formatList, setLocale, type ListKind } from './i18n';

afterEach(() => setLocale('en'));

describe('formatList: lists in the UI locale', () => {
  it.each<[string, ListKind, string[], string]>([
    ['en', 'enumeration', ['Failed (90)', 'Unblock failed (91)'], 'Failed (90), Unblock failed (91)'],
    ['en', 'enumeration', ['A', 'B', 'C'], 'A, B, C'],
    ['en', 'and', ['A', 'B', 'C'], 'A, B, and C'],
    ['en', 'or', ['A', 'B'], 'A or B'],
    ['zh-CN', 'enumeration', ['失败（90）', '解封失败（91）'], '失败（90）、解封失败（91）'],
    ['zh-CN', 'enumeration', ['A', 'B', 'C'], 'A、B、C'],
    ['zh-CN', 'and', ['A', 'B', 'C'], 'A、B和C'],
    ['zh-CN', 'or', ['A', 'B'], 'A或B'],
    ['zh-CN', 'enumeration', ['only'], 'only'],
    ['zh-CN', 'enumeration', [], ''],
  ])('%s %s %j → %s', (locale, kind, items, text) => {
    setLocale(locale);
    expect(formatList(items, kind)).toBe(text);
  });

  it('follows a locale switch (no comma left on the Chinese screen)', () => {
    expect(formatList(['x', 'y'])).toBe('x, y');
    setLocale('zh-CN');
    expect(formatList(['x', 'y'])).toBe('x、y');
    expect(formatList(['x', 'y'])).not.toContain(',');
  });
});
