import { describe, expect, it } from 'vitest';
import { FailedLoginLimiter, clientKey } from './failed-attempt-limiter';

describe('FailedLoginLimiter', () => {
  it('blocks a client and user name pair at the limit until its window ends, and only that pair', async () => {
    const limiter = new FailedLoginLimiter({ perClientUser: 3, global: 1000, windowMs: 1500 });
    for (let i = 0; i < 2; i++) await limiter.recordFailure('a', 'alice');
    expect(await limiter.blocked('a', 'alice')).toBeUndefined();
    await limiter.recordFailure('a', 'alice');
    expect(await limiter.blocked('a', 'alice')).toEqual({ retryAfterSeconds: 2, scope: 'client-user' });
    // Another user from the same address, and the same user from another address, may try.
    expect(await limiter.blocked('a', 'bob')).toBeUndefined();
    expect(await limiter.blocked('b', 'alice')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1600));
    expect(await limiter.blocked('a', 'alice')).toBeUndefined();
    // A new window starts from zero.
    await limiter.recordFailure('a', 'alice');
    expect(await limiter.blocked('a', 'alice')).toBeUndefined();
  });

  it('a global ceiling across addresses, which pairs that logged in before pass', async () => {
    const limiter = new FailedLoginLimiter({ perClientUser: 100, global: 5, windowMs: 60_000 });
    await limiter.recordSuccess('10.0.0.1', 'alice');
    for (let i = 0; i < 5; i++) await limiter.recordFailure(`192.0.2.${i}`, 'root');
    expect(await limiter.blocked('192.0.2.99', 'root')).toMatchObject({ scope: 'global' });
    expect(await limiter.blocked('10.0.0.2', 'bob')).toMatchObject({ scope: 'global' });
    expect(await limiter.blocked('10.0.0.1', 'alice')).toBeUndefined();
  });

  it('a success resets its own pair only', async () => {
    const limiter = new FailedLoginLimiter({ perClientUser: 2, global: 1000 });
    for (const user of ['alice', 'bob']) {
      await limiter.recordFailure('a', user);
      await limiter.recordFailure('a', user);
    }
    await limiter.recordSuccess('a', 'alice');
    expect(await limiter.blocked('a', 'alice')).toBeUndefined();
    expect(await limiter.blocked('a', 'bob')).toMatchObject({ scope: 'client-user' });
  });

  it('keeps user names apart from addresses in its keys', async () => {
    const limiter = new FailedLoginLimiter({ perClientUser: 1, global: 1000 });
    await limiter.recordFailure('a|b', 'c');
    expect(await limiter.blocked('a', 'b|c')).toBeUndefined();
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
