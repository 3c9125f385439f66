/**
 * WHO RETRIES WHAT: one owner for each kind of failure, so retries never multiply.
 * - The proxy (here) retries transient failures only: network errors and resets, attempt
 *   timeouts, malformed bodies and upstream 5xx (errors.ts `isRetryable`), within one
 *   deadline (UPSTREAM_DEADLINE_MS) and never after the browser has gone.
 * - Throttling (HTTP 429 or any `Throttling*` code) is never retried by the proxy: one
 *   request from the browser is one upstream call, answered 429 with `Retry-After` taken
 *   from the upstream's hint (`x-acs-retry-after` ms, or `Retry-After`), else 1 s
 *   (errors.ts `failureReply`). Retrying it here would hide the caller's own rate from it
 *   and fall outside the export's request-rate ceiling.
 * - The task list in the SPA (src/lib/query-client.ts) never retries a 429 blindly: it
 *   waits at least the `Retry-After` it was given.
 * - The CSV export (src/features/export) owns its back-off on 429; its pace is the
 *   account's budget (below), shared with every other user.
 * - Every attempt, first or retry, takes a slot of the account's budget
 *   (src/server/budget): the budget answers 429 `Throttling.Budget` itself when a call
 *   cannot start in time, and that is not retried here either.
 *
 * The back-off is exponential with full jitter (AWS architecture blog, "Exponential
 * Backoff And Jitter"): sleep = random(0, min(cap, base * 2^n)), which spreads the retries
 * of many browsers instead of synchronising them. Everything happens inside one total
 * deadline, and stops at once when `signal` aborts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AttemptTimeoutError } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Limit for one attempt. */
  timeoutMs: number;
  /** Limit for everything, back-off included. */
  deadlineMs: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** 0 <= random() < 1; injectable so tests can pin the jitter. */
  random?: () => number;
}

export interface RetryResult<T> {
  ok: boolean;
  value?: T;
  error?: unknown;
  attempts: number;
}

/** The smallest slice of time worth starting another attempt with. */
const MIN_ATTEMPT_MS = 25;

export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const base = policy.baseDelayMs ?? 100;
  const cap = policy.maxDelayMs ?? 2000;
  const random = policy.random ?? Math.random;
  return Math.floor(random() * Math.min(cap, base * 2 ** retry));
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, runs out of retries
 * or of time. Each attempt gets a signal that aborts on its own timeout (reason
 * AttemptTimeoutError) or when the caller's `signal` aborts.
 */
export async function withRetries<T>(
  attempt: (signal: AbortSignal, n: number) => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  policy: RetryPolicy,
  signal: AbortSignal,
  now: () => number = Date.now,
): Promise<RetryResult<T>> {
  const deadline = now() + policy.deadlineMs;
  let attempts = 0;
  let lastError: unknown;
  for (let n = 0; n <= policy.retries; n++) {
    if (n > 0) {
      const delay = backoffDelay(n - 1, policy);
      if (now() + delay + MIN_ATTEMPT_MS > deadline) break;
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        return { ok: false, error: signal.reason, attempts };
      }
    }
    const budget = Math.min(policy.timeoutMs, deadline - now());
    if (budget < MIN_ATTEMPT_MS && attempts > 0) break;
    attempts++;
    const timer = new AbortController();
    const timeout = setTimeout(
      () => timer.abort(new AttemptTimeoutError(`attempt timed out after ${budget} ms`)),
      Math.max(budget, 1),
    );
    try {
      const value = await attempt(AbortSignal.any([signal, timer.signal]), n);
      return { ok: true, value, attempts };
    } catch (error) {
      lastError = error;
      if (signal.aborted) return { ok: false, error: signal.reason, attempts };
      if (!shouldRetry(error)) return { ok: false, error, attempts };
    } finally {
      clearTimeout(timeout);
    }
  }
  return { ok: false, error: lastError, attempts };
}
