/**
 * Which failures of an export page request are worth retrying, and how long to wait.
 * Who retries what is written once, in src/server/proxy/retry.ts; this is the export's
 * part: it owns its back-off on throttling, inside its own request rate (pacing.ts).
 * Retried: throttling (any `Throttling*` code, HTTP 429), the proxy's transient errors
 * (502 UpstreamUnavailable, 503, 504 UpstreamTimeout, 500 InternalError), network
 * errors, and 200 answers that are not a valid page (a truncated or broken body).
 * Not retried: everything else (e.g. 400 InvalidParameter), which ends the export with
 * the server's Code, Message and RequestId.
 */
import type { ApiRequestError } from '../../lib/api-client';
import { parseRetryAfter } from '../../lib/retry-after';

export interface Failure {
  status?: number;
  code?: string;
  /** Retry-After header value, if any. */
  retryAfter?: string | null;
  network?: boolean;
  malformed?: boolean;
}

/** The retry-relevant facts of a failed request. */
export function failureOf(e: ApiRequestError): Failure {
  return {
    status: e.status === 0 ? undefined : e.status,
    code: e.code,
    retryAfter: e.retryAfter,
    network: e.status === 0,
    malformed: e.code === 'MalformedResponse',
  };
}

export function isThrottling(f: Failure): boolean {
  return f.status === 429 || (f.code ?? '').startsWith('Throttling');
}

const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

export function isRetryable(f: Failure): boolean {
  if (f.network || f.malformed || isThrottling(f)) return true;
  if (f.status !== undefined && TRANSIENT_STATUS.has(f.status)) return true;
  return ['ServiceUnavailable', 'InternalError', 'UpstreamUnavailable', 'UpstreamTimeout'].includes(
    f.code ?? '',
  );
}

export interface BackoffOptions {
  /** First delay for throttling; doubles per attempt. */
  throttleBaseMs: number;
  /** First delay for other transient errors; doubles per attempt. */
  errorBaseMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we accept as is (a bigger one is capped, not obeyed blindly). */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  throttleBaseMs: 500,
  errorBaseMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Delay (ms) before retry number `attempt` (1 = first retry): exponential with "equal
 * jitter" (half fixed, half random) so concurrent requests don't retry in lockstep.
 * A Retry-After from the server is a floor: we never come back earlier than asked, and
 * add up to half the step's jitter on top so the export's workers don't all return at
 * the same instant. Bounded: at most maxRetryAfterMs + maxDelayMs / 2.
 */
export function backoffDelay(
  f: Failure,
  attempt: number,
  nowMs: number,
  random: () => number = Math.random,
  opts: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const base = isThrottling(f) ? opts.throttleBaseMs : opts.errorBaseMs;
  const exp = Math.min(opts.maxDelayMs, base * 2 ** Math.max(0, attempt - 1));
  const after = Math.min(parseRetryAfter(f.retryAfter, nowMs) ?? 0, opts.maxRetryAfterMs);
  return Math.round(Math.max(exp / 2, after) + random() * (exp / 2));
}
