import { describe, expect, it } from 'vitest';
import { QpsLimiter } from './faults';
import { NonceStore } from './nonce-store';
import { isLoopback } from './server';
import { parseAcsDate } from './verify';

describe('NonceStore', () => {
  it('accepts a nonce once within its window and forgets it afterwards', () => {
    const s = new NonceStore(1000);
    expect(s.use('k:n', 0, 0)).toBe(true);
    expect(s.use('k:n', 0, 500)).toBe(false);
    expect(s.use('k:n', 0, 1001)).toBe(true); // the date check refuses such a replay anyway
  });

  it('is bounded: expired entries are swept, and it refuses rather than forgets when full', () => {
    const s = new NonceStore(1000, 3);
    for (const n of ['a', 'b', 'c']) expect(s.use(n, 0, 0)).toBe(true);
    expect(s.use('d', 0, 10)).toBe('full');
    expect(s.use('a', 0, 10)).toBe(false);
    expect(s.use('d', 0, 2000)).toBe(true);
    expect(s.size).toBe(1);
  });
});

describe('QpsLimiter', () => {
  it('allows cap requests per key in any sliding second', () => {
    const q = new QpsLimiter();
    expect([0, 100, 200, 300].map((t) => q.allow('k', 3, t))).toEqual([true, true, true, false]);
    expect(q.allow('other', 3, 300)).toBe(true);
    expect(q.allow('k', 3, 1000)).toBe(true); // the hit at 0 left the window
    expect(q.allow('k', 3, 1050)).toBe(false); // 100, 200, 1000 are inside it
    expect(q.allow('k', 3, 1101)).toBe(true); // 100 left it
    expect(q.allow('k', 0, 1101)).toBe(true); // 0 = no cap
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:192.168.1.5', false],
    ['fe80::1', false],
    [undefined, false],
  ])('%s → %s', (addr, expected) => {
    expect(isLoopback(addr)).toBe(expected);
  });
});

describe('parseAcsDate', () => {
  it.each([
    ['2023-10-26T10:22:32Z', Date.UTC(2023, 9, 26, 10, 22, 32)],
    ['2023-10-26T10:22:32.123Z', Date.UTC(2023, 9, 26, 10, 22, 32, 123)],
    ['2023-10-26 10:22:32', NaN],
    ['2023-10-26T10:22:32+08:00', NaN],
    ['1698315752', NaN],
  ])('%s', (s, ms) => {
    expect(parseAcsDate(s)).toBe(ms);
  });
});
