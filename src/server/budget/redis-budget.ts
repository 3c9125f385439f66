/**
 * The call budget shared by every replica through Redis (REDIS_URL), with a fail-safe:
 * when Redis is down or slow (a command over COMMAND_TIMEOUT_MS), this replica falls back
 * to its share of the budget, UPSTREAM_QPS / UPSTREAM_REPLICAS, counted in memory, logs it
 * at error level, and goes back to Redis when Redis answers again. Never unlimited, never
 * a crash: a failing command only switches the store.
 *
 * The window is a sorted set of calls scored by their end (Redis TIME, one clock for every
 * replica); a running call is scored at its grant plus the lease (call-budget.ts
 * DEFAULT_LEASE_MS) and rescored when it ends. One Lua script trims, tests and adds, so
 * the test and the count are atomic: the same sliding window as call-budget.ts, which
 * rate-limiter-flexible's fixed-window RateLimiterRedis is not (see there).
 *
 * No burst at the switches. This replica's own calls, whichever store granted them, are
 * also kept in memory.
 * - Into fallback: the other replicas' calls of the last window are in Redis, out of
 *   reach; each replica grants nothing for FALLBACK_QUIET_MS (they have left the window,
 *   provided they took under a second), then its share, counting its own calls.
 * - Back to Redis: the replica first writes its own fallback calls still in the window
 *   into Redis (at their ends, on Redis' clock), then for one window grants only what both
 *   its share and Redis allow, so that the replicas not yet back (each tries Redis every
 *   RETRY_REDIS_MS) and the ones back already stay within the budget together.
 *
 * Limit: a Redis slow for some replicas only (each falls back on its own) lets the
 * replicas still on Redis use the whole budget while the others use their shares, for as
 * long as that lasts; the upstream's throttling then halves the rate (scheduler.ts). A
 * Redis that is down is down for all of them within one command. At start-up the app
 * waits for the connection (app.ts), so replicas do not begin in different stores.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  DEFAULT_LEASE_MS,
  MemoryCallBudget,
  RUNNING_POLL_MS,
  SAFETY_MS,
  WINDOW_MS,
  type CallBudget,
  type TakeResult,
} from './call-budget';

/** A Redis command slower than this counts as Redis being unavailable. */
export const COMMAND_TIMEOUT_MS = 1000;
/** How often Redis is tried again while in fallback. */
const RETRY_REDIS_MS = 200;
/** After Redis went away, no call for this long: the calls it granted have left the window. */
export const FALLBACK_QUIET_MS = 2 * (WINDOW_MS + SAFETY_MS);

const NOW_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// KEYS[1]: the window's sorted set. ARGV: limit, burst, window ms, member, lease ms, poll ms.
// Scores are call ends; a running call's score is its grant + lease (in the future).
// Returns {1, 0} when taken, else {0, ms to wait}.
const TAKE_SCRIPT = `${NOW_LUA}
local limit = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local lease = tonumber(ARGV[5])
local poll = tonumber(ARGV[6])
local function waitFor(score, span)
  if score > now then return poll end
  return score + span - now
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
local wait = 0
if n >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
  wait = waitFor(tonumber(oldest[2]), window)
end
if burst < limit then
  local bw = window * burst / limit
  local recent = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - bw), '+inf', 'WITHSCORES')
  local m = #recent / 2
  if m >= burst then
    local w = waitFor(tonumber(recent[(m - burst) * 2 + 2]), bw)
    if w > wait then wait = w end
  end
end
if wait > 0 then return {0, math.ceil(wait)} end
redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window + lease)
return {1, 0}
`;

// KEYS[1]: the window. ARGV[1]: the member whose call ended now.
const END_SCRIPT = `${NOW_LUA}
redis.call('ZADD', KEYS[1], 'XX', 'LT', now, ARGV[1])
return 1
`;

// KEYS[1]: the window. ARGV: window + lease ms, then pairs of member and ms from now (<= 0: ended
// that long ago; a running call: its lease left). This replica's calls Redis does not know
// of, or knows as still running: added, or their scores lowered to their ends.
const BACKFILL_SCRIPT = `${NOW_LUA}
for i = 2, #ARGV, 2 do
  local score = now + tonumber(ARGV[i + 1])
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], 'XX', 'LT', score, ARGV[i])
  else
    redis.call('ZADD', KEYS[1], score, ARGV[i])
  end
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1
`;

const RECENT_SCRIPT = `${NOW_LUA}
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
  /** A running call counts as ended this long after its grant (call-budget.ts DEFAULT_LEASE_MS). */
  leaseMs?: number;
}

/** A ticket: this replica's memory ticket, and the Redis member when Redis counted the call too. */
interface Grant {
  local: string;
  member?: string;
  /**
   * To write to Redis on return while still in the window: granted in fallback (Redis
   * never saw it), or its end could not be written (Redis still counts it as running).
   */
  fallback: boolean;
}

export class RedisCallBudget implements CallBudget {
  /** This replica's own calls, whichever store granted them. */
  private readonly local: MemoryCallBudget;
  private readonly grants = new Map<string, Grant>();
  private mode: 'redis' | 'fallback' = 'redis';
  private lastTry = 0;
  /**
   * Members of takes that failed (a timeout): a slow Redis may still run them after we gave
   * up, counting a call nobody made; removed on return (same connection, so after them).
   */
  private abandoned: string[] = [];
  /** In fallback: no grant before this time (local clock). */
  private quietUntil = 0;
  /** Back on Redis: until this time, a grant needs this replica's share as well. */
  private sharedFrom = 0;
  private seq = 0;
  private readonly now: () => number;
  private readonly leaseMs: number;

  constructor(private readonly opts: RedisBudgetOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    this.local = new MemoryCallBudget(this.now, this.leaseMs);
  }

  /** 'redis' when the shared budget is in use, 'fallback' when this replica keeps its share. */
  get store(): 'redis' | 'fallback' {
    return this.mode;
  }

  async take(limit: number, burst: number): Promise<TakeResult> {
    this.prune();
    if (this.mode === 'fallback' && this.now() - this.lastTry >= RETRY_REDIS_MS) {
      this.lastTry = this.now();
      if (await this.backToRedis()) {
        this.mode = 'redis';
        this.sharedFrom = this.now() + WINDOW_MS + SAFETY_MS;
        this.opts.logger?.warn(
          "Redis is back: the shared upstream budget is in use again (with this replica's share as well for one window)",
        );
      }
    }
    if (this.mode === 'redis') {
      // Right after the return, the replicas not back yet grant from their shares: keep to ours too.
      if (this.now() < this.sharedFrom) {
        const share = this.shareWait(limit, burst);
        if (share > 0) return { taken: false, waitMs: share };
      }
      const member = randomUUID();
      try {
        const [taken, waitMs] = (await this.opts.redis.eval(
          TAKE_SCRIPT,
          1,
          this.opts.key,
          limit,
          burst,
          WINDOW_MS + SAFETY_MS,
          member,
          this.leaseMs,
          RUNNING_POLL_MS,
        )) as [number, number];
        if (taken !== 1) return { taken: false, waitMs: Math.max(1, waitMs) };
        return {
          taken: true,
          waitMs: 0,
          ticket: this.grant({ local: this.local.record(), member, fallback: false }),
        };
      } catch (err) {
        if (this.abandoned.length < 1000) this.abandoned.push(member);
        this.mode = 'fallback';
        this.lastTry = this.now();
        this.quietUntil = this.now() + FALLBACK_QUIET_MS;
        this.opts.logger?.error(
          { err, fallbackCallsPerSecond: this.share(limit) },
          `Redis is unavailable: the upstream budget falls back to this replica's share (UPSTREAM_QPS / UPSTREAM_REPLICAS = ${this.share(limit)} calls/s) until Redis answers`,
        );
      }
    }
    const quiet = this.quietUntil - this.now();
    if (quiet > 0) return { taken: false, waitMs: Math.min(Math.ceil(quiet), RETRY_REDIS_MS) };
    const own = this.local.takeSync(this.share(limit), Math.min(burst, this.share(limit)));
    if (!own.taken) return { taken: false, waitMs: Math.min(own.waitMs, RETRY_REDIS_MS) };
    return { taken: true, waitMs: 0, ticket: this.grant({ local: own.ticket!, fallback: true }) };
  }

  async end(ticket: string): Promise<void> {
    const g = this.grants.get(ticket);
    if (!g) return;
    this.local.endSync(g.local);
    if (g.fallback) return; // written back, with its end, when Redis returns
    try {
      await this.opts.redis.eval(END_SCRIPT, 1, this.opts.key, g.member!);
      this.grants.delete(ticket);
    } catch {
      // Redis still counts it as running (until its lease runs out): its end is written
      // with the fallback calls when Redis returns.
      g.fallback = true;
    }
  }

  /** Forgets fallback calls that have left the window (kept until then to be written back). */
  private prune(): void {
    for (const [ticket, g] of this.grants)
      if (g.fallback && !this.local.call(g.local)) this.grants.delete(ticket);
  }

  private grant(g: Grant): string {
    const ticket = `g${++this.seq}`;
    this.grants.set(ticket, g);
    return ticket;
  }

  private share(limit: number): number {
    return Math.max(1, Math.floor(limit / this.opts.replicas));
  }

  /** ms until this replica's share allows one more call (0: now), without counting one. */
  private shareWait(limit: number, burst: number): number {
    const share = this.share(limit);
    return this.local.waitMs(share, Math.min(burst, share));
  }

  /** Pings Redis and writes this replica's fallback calls still in the window into it. */
  private async backToRedis(): Promise<boolean> {
    try {
      if ((await this.opts.redis.ping()) !== 'PONG') return false;
      // Takes that timed out but may have run late: no call was made for them.
      if (this.abandoned.length > 0) {
        await this.opts.redis.zrem(this.opts.key, ...this.abandoned);
        this.abandoned = [];
      }
      const now = this.now();
      const args: (string | number)[] = [];
      const written: [ticket: string, g: Grant, member: string, ended: boolean][] = [];
      for (const [ticket, g] of this.grants) {
        if (!g.fallback) continue;
        const call = this.local.call(g.local);
        if (!call) {
          this.grants.delete(ticket);
          continue;
        }
        // Running: running in Redis too (grant + lease), rescored when it ends.
        const member = g.member ?? randomUUID();
        args.push(member, Math.ceil((call.end === Infinity ? call.start + this.leaseMs : call.end) - now));
        written.push([ticket, g, member, call.end !== Infinity]);
      }
      if (args.length > 0)
        await this.opts.redis.eval(
          BACKFILL_SCRIPT,
          1,
          this.opts.key,
          WINDOW_MS + SAFETY_MS + this.leaseMs,
          ...args,
        );
      for (const [ticket, g, member, ended] of written) {
        g.member = member;
        g.fallback = false;
        if (ended) this.grants.delete(ticket);
      }
      return true;
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
