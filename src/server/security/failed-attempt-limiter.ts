import ipaddr from 'ipaddr.js';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Failed-login limits for basic authentication (rate-limiter-flexible, in memory):
 *
 * - per client and user name: `perClientUser` failures per window, then that pair is
 *   refused until its window ends. Another user behind the same address (NAT, a proxy) is
 *   not affected, nor the same user from another address.
 * - a global ceiling: `global` failures per window across all clients, against guessing
 *   spread over many addresses. Pairs that logged in successfully within `knownTtlMs`
 *   pass the ceiling, so a distributed attack does not lock out the users who work here.
 *
 * A successful login resets its pair. Windows are fixed from the first failure.
 */
export class FailedLoginLimiter {
  private readonly pairs: RateLimiterMemory;
  private readonly all: RateLimiterMemory;
  private readonly known = new Map<string, number>();

  constructor(
    private readonly opts: {
      perClientUser: number;
      global: number;
      /** Window length in ms (default one minute). */
      windowMs?: number;
      /** How long a successful login exempts its pair from the global ceiling (default 24 h). */
      knownTtlMs?: number;
      /** Bound on remembered successful pairs (default 10,000; the oldest go first). */
      maxKnown?: number;
    },
  ) {
    const duration = (opts.windowMs ?? 60_000) / 1000;
    this.pairs = new RateLimiterMemory({ points: opts.perClientUser, duration, keyPrefix: 'pair' });
    this.all = new RateLimiterMemory({ points: opts.global, duration, keyPrefix: 'all' });
  }

  private static key(client: string, user: string): string {
    return JSON.stringify([client, user]);
  }

  /**
   * Whole seconds until `user` may try again from `client`, and which limit holds it;
   * undefined when it may try now.
   */
  async blocked(
    client: string,
    user: string,
  ): Promise<{ retryAfterSeconds: number; scope: 'client-user' | 'global' } | undefined> {
    const key = FailedLoginLimiter.key(client, user);
    const pair = await this.pairs.get(key);
    if (pair && pair.consumedPoints >= this.opts.perClientUser) {
      return { retryAfterSeconds: Math.max(1, Math.ceil(pair.msBeforeNext / 1000)), scope: 'client-user' };
    }
    if (this.isKnown(key)) return undefined;
    const all = await this.all.get('all');
    if (all && all.consumedPoints >= this.opts.global) {
      return { retryAfterSeconds: Math.max(1, Math.ceil(all.msBeforeNext / 1000)), scope: 'global' };
    }
    return undefined;
  }

  async recordFailure(client: string, user: string): Promise<void> {
    await this.pairs.penalty(FailedLoginLimiter.key(client, user), 1);
    await this.all.penalty('all', 1);
  }

  async recordSuccess(client: string, user: string): Promise<void> {
    const key = FailedLoginLimiter.key(client, user);
    await this.pairs.delete(key);
    this.known.delete(key);
    if (this.known.size >= (this.opts.maxKnown ?? 10_000)) this.known.delete(this.known.keys().next().value!);
    this.known.set(key, Date.now() + (this.opts.knownTtlMs ?? 24 * 3_600_000));
  }

  private isKnown(key: string): boolean {
    const until = this.known.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.known.delete(key);
    return false;
  }
}

/**
 * The key a client is counted under: its IPv4 address, or the /64 of an IPv6 address
 * (one host usually owns a whole /64 and could rotate through it).
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined || !ipaddr.isValid(address)) return address ?? 'unknown';
  const a = ipaddr.process(address);
  if (a.kind() === 'ipv4') return a.toString();
  const parts = (a as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}
