import { describe, expect, it } from 'vitest';
import { isValidTimeExpr, relativeOffset, resolveTimeExpr } from './time-expr';

const NOW = Date.UTC(2026, 10, 29, 12);

describe('time expressions', () => {
  it.each([
    ['now', { n: 0, unit: undefined }, NOW],
    ['now-30m', { n: 30, unit: 'm' }, NOW - 30 * 60_000],
    ['now-24h', { n: 24, unit: 'h' }, NOW - 24 * 3_600_000],
    ['now-7d', { n: 7, unit: 'd' }, NOW - 7 * 86_400_000],
    ['now-2w', { n: 2, unit: 'w' }, NOW - 14 * 86_400_000],
    ['1764417600000', undefined, 1764417600000],
    ['now+5m', undefined, undefined],
    ['yesterday', undefined, undefined],
  ])('%s', (expr, offset, ms) => {
    expect(relativeOffset(expr)).toEqual(offset);
    expect(resolveTimeExpr(expr, NOW)).toBe(ms);
    expect(isValidTimeExpr(expr)).toBe(ms !== undefined);
  });
});
