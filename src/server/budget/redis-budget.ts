/**
 * The call budget shared by every replica through Redis (REDIS_URL), with a fail-safe:
 * when Redis is down or slow (a command over COMMAND_TIMEOUT_MS), this replica falls back
 * to its share of the budget, UPSTREAM_QPS / UPSTREAM_REPLICAS, counted in memory, logs it
 * at error level, and goes back to Redis when Redis answers again. Never unlimited, never
 * a crash: a failing command only switches the store.
 *
 * The window is a sorted set of call start times (Redis TIME, one clock for every
 * replica), trimmed and counted by one Lua script so the test and the count are atomic:
 * the same sliding window as call-budget.ts, which rate-limiter-flexible's fixed-window
 * RateLimiterRedis is not (see there).
 *
 * Limit: a Redis slow for some replicas only (each falls back on its own) lets the
 * replicas still on Redis use the whole budget while the others use their shares, for as
 * long as that lasts; the upstream's throttling then halves the rate (scheduler.ts). A
 * Redis that is down is down for all of them within one command. At start-up the app
 * waits for the connection (app.ts), so replicas do not begin in different stores.
 *
 * No burst at the switches: this replica's own calls of the last window, whichever store
 * granted them, are kept in memory. In fallback they count against its share (so the
 * replicas together stay within the budget even while the last second's calls are still
 * in Redis); on return to Redis it first waits until its last fallback call has left the
 * window (Redis never saw those).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { MemoryCallBudget, SAFETY_MS, WINDOW_MS, type CallBudget, type TakeResult } from './call-budget';

/** A Redis command slower than this counts as Redis being unavailable. */
export const COMMAND_TIMEOUT_MS = 1000;
/** How often Redis is tried again while in fallback. */
const RETRY_REDIS_MS = 1000;

// KEYS[1]: the window's sorted set. ARGV: limit, burst, window ms, member.
// Returns {1, 0} when taken, else {0, ms to wait}.
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
local wait = 0
if n >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
  wait = tonumber(oldest[2]) + window - now
end
if burst < limit then
  local bw = window * burst / limit
  local recent = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - bw), '+inf', 'WITHSCORES')
  local m = #recent / 2
  if m >= burst then
    local w = tonumber(recent[(m - burst) * 2 + 2]) + bw - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return {0, math.ceil(wait)} end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window * 2)
return {1, 0}
`;

const RECENT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[1])), '+inf')
`;

export interface RedisBudgetOptions {
  redis: Redis;
  /** The sorted set's key: one per endpoint and AccessKey (index.ts budgetKey). */
  key: string;
  /** UPSTREAM_REPLICAS: the fallback keeps 1/replicas of the budget. */
  replicas: number;
  logger?: Logger;
  now?: () => number;
}

export class RedisCallBudget implements CallBudget {
  /** This replica's own calls, whichever store granted them. */
  private readonly local: MemoryCallBudget;
  private mode: 'redis' | 'fallback' = 'redis';
  private lastTry = 0;
  /** After a fallback: no Redis grant before this time (local clock). */
  private resumeAt = 0;
  private readonly now: () => number;

  constructor(private readonly opts: RedisBudgetOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.local = new MemoryCallBudget(this.now);
  }

  /** 'redis' when the shared budget is in use, 'fallback' when this replica keeps its share. */
  get store(): 'redis' | 'fallback' {
    return this.mode;
  }

  async take(limit: number, burst: number): Promise<TakeResult> {
    if (this.mode === 'fallback' && this.now() - this.lastTry >= RETRY_REDIS_MS) {
      this.lastTry = this.now();
      if (await this.ping()) {
        this.mode = 'redis';
        this.resumeAt = this.now() + WINDOW_MS + SAFETY_MS;
        this.opts.logger?.warn('Redis is back: the shared upstream budget is in use again after one window');
      }
    }
    if (this.mode === 'redis') {
      const wait = this.resumeAt - this.now();
      if (wait > 0) {
        // This replica's fallback calls of the last window are not in Redis: keep to the
        // share until they have left it.
        const own = this.fallbackTake(limit, burst);
        return own.taken ? own : { taken: false, waitMs: Math.min(own.waitMs, Math.ceil(wait)) };
      }
      try {
        const [taken, waitMs] = (await this.opts.redis.eval(
          TAKE_SCRIPT,
          1,
          this.opts.key,
          limit,
          burst,
          WINDOW_MS + SAFETY_MS,
          randomUUID(),
        )) as [number, number];
        if (taken === 1) {
          this.local.record();
          return { taken: true, waitMs: 0 };
        }
        return { taken: false, waitMs: Math.max(1, waitMs) };
      } catch (err) {
        this.mode = 'fallback';
        this.lastTry = this.now();
        this.opts.logger?.error(
          { err, fallbackCallsPerSecond: this.share(limit) },
          `Redis is unavailable: the upstream budget falls back to this replica's share (UPSTREAM_QPS / UPSTREAM_REPLICAS = ${this.share(limit)} calls/s) until Redis answers`,
        );
      }
    }
    return this.fallbackTake(limit, burst);
  }

  private share(limit: number): number {
    return Math.max(1, Math.floor(limit / this.opts.replicas));
  }

  private fallbackTake(limit: number, burst: number): TakeResult {
    const share = this.share(limit);
    return this.local.takeSync(share, Math.min(burst, share));
  }

  private async ping(): Promise<boolean> {
    try {
      return (await this.opts.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async recent(): Promise<number> {
    if (this.mode === 'fallback') return this.local.recent();
    try {
      return Number(await this.opts.redis.eval(RECENT_SCRIPT, 1, this.opts.key, WINDOW_MS));
    } catch {
      return this.local.recent();
    }
  }
}
