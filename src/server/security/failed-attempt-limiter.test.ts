import { describe, expect, it } from 'vitest';
import { FailedAttemptLimiter, clientKey } from './failed-attempt-limiter';

describe('FailedAttemptLimiter', () => {
  it('blocks a client at the limit until its minute ends, and only that client', () => {
    let now = 1_000_000;
    const limiter = new FailedAttemptLimiter(3, 60_000, () => now);
    for (let i = 0; i < 2; i++) limiter.recordFailure('a');
    expect(limiter.retryAfterSeconds('a')).toBe(0);
    limiter.recordFailure('a');
    expect(limiter.retryAfterSeconds('a')).toBe(60);
    expect(limiter.retryAfterSeconds('b')).toBe(0);
    now += 59_001;
    expect(limiter.retryAfterSeconds('a')).toBe(1);
    now += 1_000;
    expect(limiter.retryAfterSeconds('a')).toBe(0);
    // A new window starts from zero.
    limiter.recordFailure('a');
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('stays bounded under a flood of distinct clients and keeps the newest', () => {
    const now = 0;
    const limiter = new FailedAttemptLimiter(1, 60_000, () => now, 100);
    for (let i = 0; i < 1000; i++) limiter.recordFailure(`c${i}`);
    expect(limiter.retryAfterSeconds('c999')).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('c0')).toBe(0);
  });
});

describe('clientKey', () => {
  it.each([
    ['10.1.2.3', '10.1.2.3'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:bbbb::9', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('%s → %s', (addr, key) => {
    expect(clientKey(addr)).toBe(key);
  });
});
