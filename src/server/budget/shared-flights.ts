/**
 * Shared in-flight calls between replicas (REDIS_URL): when identical requests (same call
 * key, scheduled-upstream.ts callKey) arrive at several replicas at once, one replica
 * makes the upstream call and the others wait for its answer.
 *
 * - The first replica to set `<prefix>:flight:<key>` (SET NX PX, with a random token as its
 *   value) leads: it makes the call and, on success, writes the answer to
 *   `<prefix>:flight-answer:<token>` for FLIGHT_ANSWER_MS. The lock is removed when the
 *   call ends (only by its owner), or expires after the lead's longest possible call.
 * - The others follow: they read the lead's token and poll for that answer every POLL_MS,
 *   for at most their bounded wait. When the answer comes, it is theirs; when the lead's
 *   call failed (lock gone, no answer), their wait runs out, or Redis fails, they make their
 *   own call. Waiting never loses a request, it only costs time.
 * Only followers that saw the token read the answer: with UPSTREAM_CACHE_MS=0 nothing is
 * reused after the call ends; with it, the answer cache (redis.ts RedisAnswerCache) does
 * that.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

/** How often a follower looks for the lead's answer, ms. */
export const POLL_MS = 20;
/** How long a lead's answer is kept for its followers, ms. */
export const FLIGHT_ANSWER_MS = 5000;

// KEYS[1]: the lock. ARGV[1]: the owner's token. Deletes the lock only if it is still ours.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export type Flight = { role: 'lead'; token: string } | { role: 'follow'; token: string };

export interface SharedFlights {
  /**
   * Leads the call of `key` (lock held for `lockMs`) or follows the replica that does.
   * Undefined when Redis cannot say: the caller makes its own call.
   */
  begin(key: string, lockMs: number): Promise<Flight | undefined>;
  /** The lead's answer, or undefined when it failed, `waitMs` passed, Redis failed or `signal` aborted. */
  follow(
    token: string,
    key: string,
    waitMs: number,
    signal: AbortSignal,
  ): Promise<Record<string, unknown> | undefined>;
  /** The lead's successful answer, for its followers. */
  publish(token: string, body: Record<string, unknown>): Promise<void>;
  /** The lead's call ended (answered or failed): the lock goes. */
  finish(key: string, token: string): Promise<void>;
}

export class RedisSharedFlights implements SharedFlights {
  constructor(
    private readonly redis: Redis,
    /** redis.ts budgetKey: one per endpoint and AccessKey. */
    private readonly prefix: string,
  ) {}

  private lock(key: string): string {
    return `${this.prefix}:flight:${key}`;
  }

  private answer(token: string): string {
    return `${this.prefix}:flight-answer:${token}`;
  }

  async begin(key: string, lockMs: number): Promise<Flight | undefined> {
    const token = randomUUID();
    try {
      // Twice at most: a lock that expires between SET and GET is taken on the second try.
      for (let i = 0; i < 2; i++) {
        if ((await this.redis.set(this.lock(key), token, 'PX', lockMs, 'NX')) === 'OK')
          return { role: 'lead', token };
        const other = await this.redis.get(this.lock(key));
        if (other !== null) return { role: 'follow', token: other };
      }
    } catch {
      /* Redis cannot say: own call */
    }
    return undefined;
  }

  async follow(
    token: string,
    key: string,
    waitMs: number,
    signal: AbortSignal,
  ): Promise<Record<string, unknown> | undefined> {
    const until = performance.now() + waitMs;
    try {
      while (!signal.aborted && performance.now() < until) {
        const [answer, lock] = await this.redis.mget(this.answer(token), this.lock(key));
        if (answer) return JSON.parse(answer) as Record<string, unknown>;
        // The lead is gone without an answer (failed, or its lock expired): own call.
        if (lock !== token) return undefined;
        await sleep(POLL_MS, undefined, { signal }).catch(() => {});
      }
    } catch {
      /* Redis failed: own call */
    }
    return undefined;
  }

  async publish(token: string, body: Record<string, unknown>): Promise<void> {
    try {
      await this.redis.set(this.answer(token), JSON.stringify(body), 'PX', FLIGHT_ANSWER_MS);
    } catch {
      /* the followers make their own calls */
    }
  }

  async finish(key: string, token: string): Promise<void> {
    try {
      await this.redis.eval(RELEASE_SCRIPT, 1, this.lock(key), token);
    } catch {
      /* the lock expires by itself */
    }
  }
}
