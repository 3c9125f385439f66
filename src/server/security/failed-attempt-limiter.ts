import ipaddr from 'ipaddr.js';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Where replicas share the failed-login counts (REDIS_URL). */
export interface SharedLoginStore {
  redis: Redis;
  /** Key prefix of this console's data in Redis (src/server/budget/redis.ts budgetKey). */
  prefix: string;
  /** UPSTREAM_REPLICAS: while Redis is down each replica allows its share of the limits. */
  replicas: number;
}

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
 *
 * With a shared store (REDIS_URL) the counts are kept in Redis (RateLimiterRedis), so a
 * guesser spreading tries over the replicas behind a load balancer meets the same limits.
 * While Redis is down or slow, each replica counts in memory (rate-limiter-flexible's
 * insurance limiter) with its share of each limit (limit / UPSTREAM_REPLICAS, at least 1),
 * the budget's fallback rule, and uses Redis again as soon as it answers. The exemption of
 * known pairs stays per replica.
 */
export class FailedLoginLimiter {
  private readonly pairs: RateLimiterAbstract;
  private readonly all: RateLimiterAbstract;
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
      /** Shared by the replicas through Redis; absent: this process only. */
      store?: SharedLoginStore;
    },
  ) {
    const duration = (opts.windowMs ?? 60_000) / 1000;
    const limiter = (points: number, name: string): RateLimiterAbstract => {
      const store = opts.store;
      if (!store) return new RateLimiterMemory({ points, duration, keyPrefix: name });
      return new RateLimiterRedis({
        storeClient: store.redis,
        points,
        duration,
        keyPrefix: `${store.prefix}:login-${name}`,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({
          points: Math.max(1, Math.floor(points / store.replicas)),
          duration,
          keyPrefix: name,
        }),
      });
    };
    this.pairs = limiter(opts.perClientUser, 'pair');
    this.all = limiter(opts.global, 'all');
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
    // remainingPoints, not consumedPoints: while Redis is down the insurance limiter answers
    // with its own (smaller) share.
    if (pair && pair.consumedPoints > 0 && pair.remainingPoints <= 0) {
      return { retryAfterSeconds: Math.max(1, Math.ceil(pair.msBeforeNext / 1000)), scope: 'client-user' };
    }
    if (this.isKnown(key)) return undefined;
    const all = await this.all.get('all');
    if (all && all.consumedPoints > 0 && all.remainingPoints <= 0) {
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
