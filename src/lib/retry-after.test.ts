import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  it.each([
    ['2', 2000],
    ['0.5', 500],
    ['Fri, 27 Nov 2026 12:00:03 GMT', 3000],
    ['Fri, 27 Nov 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('%j → %j', (v, ms) => {
    expect(parseRetryAfter(v, now)).toBe(ms);
  });
});
