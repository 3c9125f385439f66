/**
 * The budget as the app uses it: builds the scheduler, the answer cache and the wrapper
 * around the signing client from the settings (config.ts BudgetConfig).
 */
import type { Logger } from 'pino';
import type { BudgetConfig } from '../config';
import type { UpstreamClient, UpstreamTarget } from '../proxy/upstream-client';
import { MemoryAnswerCache } from './answer-cache';
import { MemoryCallBudget } from './call-budget';
import { scheduledUpstream, type UpstreamEvents } from './scheduled-upstream';
import { UpstreamScheduler, type Priority } from './scheduler';

export interface Budget {
  scheduler: UpstreamScheduler;
  /** The signing client behind the cache, the shared calls and the scheduler. */
  wrap(upstream: UpstreamClient): UpstreamClient;
  close(): Promise<void>;
}

export interface CreateBudgetOptions {
  config: BudgetConfig;
  /** The endpoint and credential: one budget per endpoint and AccessKey. */
  target: Pick<UpstreamTarget, 'endpoint' | 'credential'>;
  logger?: Logger;
  events?: UpstreamEvents;
  onGranted?: (waitedMs: number, priority: Priority) => void;
}

export function createBudget(opts: CreateBudgetOptions): Budget {
  const logger = opts.logger?.child({ component: 'budget' });
  const scheduler = new UpstreamScheduler({
    qps: opts.config.qps,
    burst: opts.config.burst,
    budget: new MemoryCallBudget(),
    ...(logger && { logger }),
    ...(opts.onGranted && { onGranted: opts.onGranted }),
  });
  const cache = opts.config.cacheMs > 0 ? new MemoryAnswerCache(opts.config.cacheMs) : undefined;
  return {
    scheduler,
    wrap: (upstream) =>
      scheduledUpstream(upstream, {
        scheduler,
        ...(cache && { cache }),
        ...(opts.events && { events: opts.events }),
      }),
    close: async () => scheduler.close(),
  };
}
