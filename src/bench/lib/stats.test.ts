import { describe, expect, it } from 'vitest';
import { closedLoop, median, percentile } from './stats';

describe('bench stats', () => {
  it.each([
    [[5], 50, 5],
    [[1, 2, 3, 4], 50, 2],
    [[4, 3, 2, 1], 99, 4],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
    [Array.from({ length: 100 }, (_, i) => 100 - i), 50, 50],
    [[], 50, Number.NaN],
  ])('percentile(%j, %i) = %d (nearest rank)', (values, p, expected) => {
    expect(percentile(values, p)).toEqual(expected);
  });

  it('median of an odd count is the middle value', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('closedLoop keeps the given number of callers busy and counts failures apart', async () => {
    let inFlight = 0;
    let peak = 0;
    let n = 0;
    const figures = await closedLoop(
      3,
      150,
      async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        if (++n % 4 === 0) throw new Error('every fourth call fails');
      },
      20,
    );
    expect(peak).toBe(3);
    expect(figures.concurrency).toBe(3);
    expect(figures.errors).toBeGreaterThan(0);
    expect(figures.requests).toBeGreaterThan(figures.errors);
    expect(figures.p50Ms).toBeGreaterThanOrEqual(4);
  });
});
