/**
 * Prometheus metrics (prom-client), one registry per app: the upstream calls and the
 * budget (src/server/budget), and the /api requests per user. Served at /metrics
 * (ops-routes.ts). Names follow Prometheus' conventions (`_total` counters, `_seconds`).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamEvents } from '../budget/scheduled-upstream';
import type { Priority, UpstreamScheduler } from '../budget/scheduler';

/** Distinct users labelled before the rest are counted as "other" (bounds the series). */
const MAX_USER_LABELS = 1000;

export interface AppMetrics {
  registry: Registry;
  /** Feeds the upstream counters (scheduled-upstream.ts). */
  events: UpstreamEvents;
  /** Feeds the queue-wait histogram (scheduler.ts onGranted). */
  onGranted(waitedMs: number, priority: Priority): void;
  /** Counts one /api request of `user` (the user name, or ip:ADDRESS without access control). */
  apiRequest(user: string): void;
  /** Reads the scheduler's state at each scrape. */
  watch(scheduler: UpstreamScheduler, qps: number): void;
}

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const calls = new Counter({
    name: 'rtc_upstream_calls_total',
    help: 'Upstream (Alibaba Cloud) calls by operation and outcome: ok, throttled, the HTTP status of another error, timeout, network, bad-response, abandoned.',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const throttled = new Counter({
    name: 'rtc_upstream_throttled_total',
    help: 'Upstream answers that were throttling despite the budget (each lowers the rate).',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const cacheHits = new Counter({
    name: 'rtc_upstream_cache_hits_total',
    help: 'Requests answered from the short answer cache (UPSTREAM_CACHE_MS), without an upstream call.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const shared = new Counter({
    name: 'rtc_upstream_shared_calls_total',
    help: 'Requests that joined an identical upstream call already in flight.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const wait = new Histogram({
    name: 'rtc_upstream_queue_wait_seconds',
    help: "Time a call waited for the account's budget before it started.",
    labelNames: ['priority'] as const,
    buckets: [0.005, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'rtc_api_requests_total',
    help: '/api requests by user (the signed-in user, or ip:ADDRESS without access control).',
    labelNames: ['user'] as const,
    registers: [registry],
  });
  const users = new Set<string>();
  return {
    registry,
    events: {
      upstreamCall: (operation, outcome) => calls.inc({ operation, outcome }),
      upstreamThrottled: (operation) => throttled.inc({ operation }),
      cacheHit: (operation) => cacheHits.inc({ operation }),
      sharedCall: (operation) => shared.inc({ operation }),
    },
    onGranted: (waitedMs, priority) => wait.observe({ priority }, waitedMs / 1000),
    apiRequest(user) {
      if (!users.has(user) && users.size >= MAX_USER_LABELS) user = 'other';
      users.add(user);
      requests.inc({ user });
    },
    watch(scheduler, qps) {
      new Gauge({
        name: 'rtc_upstream_rate_per_second',
        help: 'Upstream calls per second the scheduler allows now (UPSTREAM_QPS, lower after upstream throttling).',
        registers: [registry],
        collect() {
          this.set(scheduler.rate());
        },
      });
      new Gauge({
        name: 'rtc_upstream_budget_configured_per_second',
        help: 'UPSTREAM_QPS.',
        registers: [registry],
        collect() {
          this.set(qps);
        },
      });
      new Gauge({
        name: 'rtc_upstream_tokens_available',
        help: 'Calls that could start now without waiting (the budget left in the current second).',
        registers: [registry],
        async collect() {
          this.set(await scheduler.available());
        },
      });
      new Gauge({
        name: 'rtc_upstream_queue_waiting',
        help: "Calls waiting for the account's budget, by priority.",
        labelNames: ['priority'] as const,
        registers: [registry],
        collect() {
          const w = scheduler.waiting();
          this.set({ priority: 'interactive' }, w.interactive);
          this.set({ priority: 'background' }, w.background);
        },
      });
    },
  };
}
