/**
 * The one place every upstream call passes: wraps the signing client (upstream-client.ts)
 * with, in this order,
 * 1. the short answer cache (UPSTREAM_CACHE_MS; 0 turns it off),
 * 2. shared in-flight calls: identical concurrent requests (same action, same normalised
 *    query) wait for one upstream call, in this process and, with REDIS_URL, across
 *    replicas (shared-flights.ts),
 * 3. the scheduler (scheduler.ts): one slot of the account's budget per upstream call.
 * Everyone using one console reads the same Alibaba Cloud account, so answers are shared
 * between users.
 *
 * A call refused by the budget, or whose attempt time ran out while it waited for the
 * budget, fails as a throttled answer (429 `Throttling.Budget`, with the estimated wait as
 * its retry hint) and is not retried by the proxy (retry.ts). Throttling answered by the
 * upstream itself lowers the scheduler's rate.
 */
import { classifyUpstreamError, isThrottled, AttemptTimeoutError, RETRY_AFTER_MS } from '../proxy/errors';
import type { UpstreamCall, UpstreamClient, UpstreamResponse } from '../proxy/upstream-client';
import { BudgetBusyError, type Priority, type UpstreamScheduler } from './scheduler';
import type { AnswerCache } from './answer-cache';
import type { Flight, SharedFlights } from './shared-flights';

export interface ScheduledUpstreamOptions {
  scheduler: UpstreamScheduler;
  /** Identical calls shared with the other replicas (REDIS_URL); undefined: this process only. */
  flights?: SharedFlights;
  /** Where answers are kept for UPSTREAM_CACHE_MS (memory or Redis); undefined: no cache. */
  cache?: AnswerCache;
  /** Observers for the metrics (metrics.ts). */
  events?: UpstreamEvents;
}

export interface UpstreamEvents {
  cacheHit?(action: string): void;
  sharedCall?(action: string): void;
  upstreamCall?(action: string, outcome: string): void;
  upstreamThrottled?(action: string): void;
}

/** The wait a call may spend in the scheduler's queue: its attempt time less a second for the call itself. */
export function maxQueueWaitMs(timeoutMs: number): number {
  return Math.max(timeoutMs / 2, timeoutMs - 2000);
}

/** action?k=v&… with the parameters sorted by name: one key for the same question asked twice. */
export function callKey(action: string, query: Readonly<Record<string, string>>): string {
  const params = new URLSearchParams(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${action}?${params.toString()}`;
}

/** The error the proxy's error mapping (errors.ts) turns into 429 with Retry-After. */
function budgetThrottling(retryAfterMs: number, message: string): Error {
  return Object.assign(new Error(message), {
    code: 'Throttling.Budget',
    data: { statusCode: 429, Message: message },
    [RETRY_AFTER_MS]: retryAfterMs,
  });
}

interface SharedCall {
  promise: Promise<UpstreamResponse>;
  controller: AbortController;
  /** Callers still waiting for it. */
  waiting: number;
  /** True once the call left the scheduler's queue. */
  started: boolean;
}

export function scheduledUpstream(upstream: UpstreamClient, opts: ScheduledUpstreamOptions): UpstreamClient {
  const inFlight = new Map<string, SharedCall>();

  const start = (key: string, call: UpstreamCall, user: string, priority: Priority): SharedCall => {
    const controller = new AbortController();
    const shared: SharedCall = {
      promise: Promise.resolve({ body: {} }),
      controller,
      waiting: 0,
      started: false,
    };
    shared.promise = (async () => {
      let flight: Flight | undefined;
      try {
        flight = await opts.flights?.begin(key, maxQueueWaitMs(call.timeoutMs) + call.timeoutMs);
        if (flight?.role === 'follow') {
          // Another replica makes this call: wait for its answer (half the attempt time at
          // most), else make our own.
          const body = await opts.flights!.follow(flight.token, key, call.timeoutMs / 2, controller.signal);
          if (body) {
            opts.events?.sharedCall?.(call.action);
            return { body };
          }
        }
        const end = await opts.scheduler.acquire({
          user,
          priority,
          signal: controller.signal,
          maxWaitMs: maxQueueWaitMs(call.timeoutMs),
        });
        shared.started = true;
        try {
          const answer = await upstream.call({ ...call, signal: controller.signal });
          end();
          opts.events?.upstreamCall?.(call.action, 'ok');
          if (flight?.role === 'lead') await opts.flights!.publish(flight.token, answer.body);
          await opts.cache?.set(key, answer.body).catch(() => {});
          return answer;
        } catch (err) {
          end();
          const failure = classifyUpstreamError(err);
          opts.events?.upstreamCall?.(
            call.action,
            controller.signal.aborted
              ? 'abandoned'
              : isThrottled(failure)
                ? 'throttled'
                : failure.kind === 'response'
                  ? String(failure.status)
                  : failure.kind,
          );
          if (isThrottled(failure)) {
            opts.events?.upstreamThrottled?.(call.action);
            void opts.scheduler.onUpstreamThrottled();
          }
          throw err;
        }
      } finally {
        if (flight?.role === 'lead') void opts.flights!.finish(key, flight.token);
        if (inFlight.get(key) === shared) inFlight.delete(key);
      }
    })();
    shared.promise.catch(() => {});
    return shared;
  };

  /** Waits for the shared call; leaving it (signal) aborts it when nobody else waits. */
  const join = async (shared: SharedCall, signal: AbortSignal): Promise<UpstreamResponse> => {
    shared.waiting++;
    let onAbort = () => {};
    const left = new Promise<never>((_, reject) => {
      onAbort = () => {
        shared.waiting--;
        if (shared.waiting === 0) shared.controller.abort(signal.reason);
        if (!shared.started && signal.reason instanceof AttemptTimeoutError) {
          reject(
            budgetThrottling(
              1000,
              "The call waited for the account's API budget until its time ran out; retry in 1 s.",
            ),
          );
        } else reject(signal.reason);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const answer = await Promise.race([shared.promise, left]);
      shared.waiting--;
      return answer;
    } catch (err) {
      if (!signal.aborted) shared.waiting--;
      if (err instanceof BudgetBusyError) throw budgetThrottling(err.retryAfterMs, err.message);
      throw err;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };

  return {
    async call(call) {
      const key = callKey(call.action, call.query);
      const cached = await opts.cache?.get(key).catch(() => undefined);
      if (cached) {
        opts.events?.cacheHit?.(call.action);
        return { body: cached };
      }
      let shared = inFlight.get(key);
      if (shared && !shared.controller.signal.aborted) opts.events?.sharedCall?.(call.action);
      else {
        shared = start(key, call, call.user ?? 'anonymous', call.priority ?? 'interactive');
        inFlight.set(key, shared);
      }
      return join(shared, call.signal);
    },
  };
}
