/**
 * The budget as the app uses it: builds the scheduler, the answer cache and the wrapper
 * around the signing client from the settings (config.ts BudgetConfig).
 */
import type { Logger } from 'pino';
import type { BudgetConfig } from '../config';
import type { UpstreamClient, UpstreamTarget } from '../proxy/upstream-client';
import { MemoryAnswerCache } from './answer-cache';
import type { Redis } from 'ioredis';
import { DEFAULT_LEASE_MS, MemoryCallBudget } from './call-budget';
import { RedisAnswerCache } from './redis';
import { RedisCallBudget } from './redis-budget';
import { RedisSharedFlights } from './shared-flights';
import { scheduledUpstream, type UpstreamEvents } from './scheduled-upstream';
import { UpstreamScheduler, type Priority } from './scheduler';

export interface Budget {
  scheduler: UpstreamScheduler;
  /** The signing client behind the cache, the shared calls and the scheduler. */
  wrap(upstream: UpstreamClient): UpstreamClient;
  close(): Promise<void>;
}

export interface CreateBudgetOptions {
  /** Shared store (REDIS_URL) and this budget's key prefix (redis.ts budgetKey); absent: in memory. */
  redis?: { client: Redis; key: string };
  config: BudgetConfig;
  /** The endpoint and credential: one budget per endpoint and AccessKey. */
  target: Pick<UpstreamTarget, 'endpoint' | 'credential'>;
  logger?: Logger;
  events?: UpstreamEvents;
  onGranted?: (waitedMs: number, priority: Priority) => void;
  /**
   * The longest one upstream attempt can take, ms (UPSTREAM_TIMEOUT_MS): a call whose end
   * was never reported counts as ended this long (plus a second) after its grant.
   */
  attemptTimeoutMs?: number;
}

export function createBudget(opts: CreateBudgetOptions): Budget {
  const logger = opts.logger?.child({ component: 'budget' });
  const leaseMs = opts.attemptTimeoutMs === undefined ? DEFAULT_LEASE_MS : opts.attemptTimeoutMs + 1000;
  const scheduler = new UpstreamScheduler({
    qps: opts.config.qps,
    burst: opts.config.burst,
    budget: opts.redis
      ? new RedisCallBudget({
          redis: opts.redis.client,
          key: `${opts.redis.key}:window`,
          replicas: opts.config.replicas,
          leaseMs,
          ...(logger && { logger }),
        })
      : new MemoryCallBudget(undefined, leaseMs),
    ...(logger && { logger }),
    ...(opts.onGranted && { onGranted: opts.onGranted }),
  });
  const cache =
    opts.config.cacheMs <= 0
      ? undefined
      : opts.redis
        ? new RedisAnswerCache(opts.redis.client, opts.redis.key, opts.config.cacheMs)
        : new MemoryAnswerCache(opts.config.cacheMs);
  return {
    scheduler,
    wrap: (upstream) =>
      scheduledUpstream(upstream, {
        scheduler,
        ...(cache && { cache }),
        ...(opts.redis && { flights: new RedisSharedFlights(opts.redis.client, opts.redis.key) }),
        ...(opts.events && { events: opts.events }),
      }),
    close: async () => scheduler.close(),
  };
}
