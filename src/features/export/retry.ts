/**
 * Which failures of a page request are worth retrying, and how long to wait.
 * Retried: throttling (any `Throttling*` code, HTTP 429), the proxy's transient errors
 * (502 UpstreamUnavailable, 503, 504 UpstreamTimeout, 500 InternalError), network
 * errors, and 200 answers that are not a valid page (a truncated or broken body).
 * Not retried: everything else (e.g. 400 InvalidParameter), which ends the export with
 * the server's Code, Message and RequestId.
 */
export interface Failure {
  status?: number;
  code?: string;
  /** Retry-After header value, if any. */
  retryAfter?: string | null;
  network?: boolean;
  malformed?: boolean;
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

/** Retry-After as ms from `nowMs` (delta-seconds or an HTTP date); undefined if absent/bad. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
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
 * Delay before retry number `attempt` (1 = first retry): exponential with "equal
 * jitter" (half fixed, half random) so concurrent requests don't retry in lockstep.
 * A Retry-After from the server is a floor: we never come back earlier than asked.
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
  const jittered = exp / 2 + random() * (exp / 2);
  const after = parseRetryAfter(f.retryAfter, nowMs);
  return Math.round(
    after === undefined ? jittered : Math.max(Math.min(after, opts.maxRetryAfterMs), jittered),
  );
}
