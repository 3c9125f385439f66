/**
 * Errors the proxy answers, always in Alibaba's shape `{Code, Message, RequestId}` (plus
 * the upstream's HostId, Recommend and AccessDeniedDetail when it sent them), and the
 * mapping from what can go wrong upstream to an HTTP status for the browser.
 */
import type { ApiError } from '../../shared/sophonsoar';
import { pickAccessDeniedDetail, type AccessDeniedDetail } from '../../shared/upstream-error';

export interface ErrorReply {
  status: number;
  body: Pick<ApiError, 'Code' | 'Message' | 'RequestId' | 'HostId' | 'Recommend'> & {
    AccessDeniedDetail?: AccessDeniedDetail;
  };
  headers: Record<string, string>;
}

/** What an upstream error body says about fixing the account, passed on to the browser and the log. */
export interface UpstreamErrorHints {
  hostId?: string;
  recommend?: string;
  accessDeniedDetail?: AccessDeniedDetail;
}

/** The per-attempt timer fired (our own, not httpx's). */
export class AttemptTimeoutError extends Error {
  override name = 'AttemptTimeoutError';
}

/** The browser went away; nobody is waiting for this answer. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

/** The upstream answered 2xx with something that is not a JSON object. */
export class BadUpstreamBodyError extends Error {
  override name = 'BadUpstreamBodyError';
}

export type UpstreamFailure =
  | {
      kind: 'response';
      status: number;
      code: string;
      message: string;
      requestId?: string;
      /** The upstream's own hint of when to come back (ms), from its response headers. */
      retryAfterMs?: number;
      /** The answer carried `x-acs-retry-after`, which the SDK core reads as throttling. */
      acsRetryAfter?: boolean;
      hints?: UpstreamErrorHints;
    }
  | { kind: 'timeout' }
  | { kind: 'network'; detail: string }
  | { kind: 'bad-response'; detail: string }
  | { kind: 'client-gone' }
  | { kind: 'internal'; detail: string };

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/**
 * Where upstream-client.ts puts the retry hint of a failed answer on the client's error
 * (the official client keeps the status and body of an error answer, not its headers).
 */
export const RETRY_AFTER_MS = 'upstreamRetryAfterMs';
/** Where upstream-client.ts marks an error whose answer carried `x-acs-retry-after`. */
export const ACS_RETRY_AFTER = 'upstreamAcsRetryAfter';

/**
 * The upstream's hint of when to retry, in ms, from response headers: `x-acs-retry-after`
 * (ms, what Alibaba's newer SDKs read for ThrottlingException.retryAfter) or the standard
 * `Retry-After` (delta-seconds or an HTTP date, RFC 9110 §10.2.3). Undefined when neither
 * is there or usable. UNVERIFIED which of them Sophonsoar sends; both are honoured.
 */
export function retryAfterMsFromHeaders(
  headers: Record<string, string | string[] | undefined>,
  now: number = Date.now(),
): number | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim();
  const acs = first(headers['x-acs-retry-after']);
  if (acs !== undefined && /^\d{1,9}$/.test(acs) && Number(acs) > 0) return Number(acs);
  const std = first(headers['retry-after']);
  if (std === undefined || std === '') return undefined;
  if (/^\d{1,9}$/.test(std)) return Number(std) > 0 ? Number(std) * 1000 : undefined;
  const at = Date.parse(std);
  return Number.isFinite(at) && at > now ? at - now : undefined;
}

/** What a thrown value from the official client (or our own timers) means. */
export function classifyUpstreamError(err: unknown): UpstreamFailure {
  if (err instanceof ClientGoneError) return { kind: 'client-gone' };
  if (err instanceof AttemptTimeoutError) return { kind: 'timeout' };
  if (err instanceof BadUpstreamBodyError || err instanceof SyntaxError) {
    return { kind: 'bad-response', detail: err.message };
  }
  if (typeof err !== 'object' || err === null) return { kind: 'internal', detail: String(err) };
  const e = err as { name?: unknown; code?: unknown; message?: unknown; data?: unknown };
  const data = e.data as
    | { statusCode?: unknown; Message?: unknown; RequestId?: unknown; HostId?: unknown; Recommend?: unknown }
    | undefined;
  // tea's ResponseError: the upstream answered 4xx/5xx with a parsable body.
  if (data && typeof data === 'object' && typeof data.statusCode === 'number') {
    const retryAfterMs = (err as Record<string, unknown>)[RETRY_AFTER_MS];
    return {
      kind: 'response',
      status: data.statusCode,
      code: typeof e.code === 'string' && e.code !== 'undefined' ? e.code : 'UnknownError',
      message: typeof data.Message === 'string' ? data.Message : 'The upstream service returned an error.',
      ...(typeof data.RequestId === 'string' ? { requestId: data.RequestId } : {}),
      ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
      ...((err as Record<string, unknown>)[ACS_RETRY_AFTER] === true ? { acsRetryAfter: true } : {}),
      ...withHints(data),
    };
  }
  const message = typeof e.message === 'string' ? e.message : '';
  // httpx's own connect/read timers (a fallback behind our per-attempt timer).
  if (e.name === 'RequestTimeoutError') return { kind: 'timeout' };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return { kind: 'network', detail: e.code };
  if (/socket hang up|aborted/i.test(message)) return { kind: 'network', detail: 'connection closed' };
  return { kind: 'internal', detail: message || String(e.name ?? 'error') };
}

/**
 * The upstream says "slow down", as the current SDK core reads it: HTTP 429, any
 * `Throttling*` code at any status, or an `x-acs-retry-after` header on the answer.
 */
export function isThrottled(f: UpstreamFailure): boolean {
  return (
    f.kind === 'response' && (f.status === 429 || f.code.startsWith('Throttling') || f.acsRetryAfter === true)
  );
}

const MAX_HINT_CHARS = 2048;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v.slice(0, MAX_HINT_CHARS) : undefined);

/** HostId, Recommend and AccessDeniedDetail of an upstream error body, when present (strings only, cut). */
function withHints(data: Record<string, unknown>): { hints?: UpstreamErrorHints } {
  const hints: UpstreamErrorHints = {};
  const hostId = text(data.HostId);
  const recommend = text(data.Recommend);
  const accessDeniedDetail = pickAccessDeniedDetail(data.AccessDeniedDetail);
  if (hostId) hints.hostId = hostId;
  if (recommend) hints.recommend = recommend;
  if (accessDeniedDetail) hints.accessDeniedDetail = accessDeniedDetail;
  return Object.keys(hints).length ? { hints } : {};
}

/**
 * Upstream codes that mean the console's own account is at fault: its key is unknown,
 * disabled or wrongly signed, its STS token expired, its clock is off, or RAM denies it
 * the action. The browser gets 502 with the upstream Code, never the upstream 404 or 403,
 * which would read as the console's own "no such page" or "you may not".
 * Codes from the reference's error table and Alibaba's common gateway errors.
 */
export function isAccountFault(code: string): boolean {
  return /^(InvalidAccessKeyId|InvalidSecurityToken|SignatureDoesNotMatch|IncompleteSignature|InvalidTimeStamp|SignatureNonceUsed|NoPermission|Forbidden)(\.|$)/.test(
    code,
  );
}

/**
 * Transient failures worth another attempt by the proxy (see the policy in retry.ts).
 * Reads are idempotent, so a retry is safe. Throttling is not retried here.
 */
export function isRetryable(f: UpstreamFailure): boolean {
  switch (f.kind) {
    case 'response':
      return !isThrottled(f) && f.status >= 500;
    case 'timeout':
    case 'network':
    case 'bad-response':
      return true;
    default:
      return false;
  }
}

/** Retry-After (s) for a throttled answer without the upstream's hint. */
export const DEFAULT_THROTTLE_RETRY_AFTER_S = 1;
/** The longest Retry-After (s) passed on: a larger hint is capped, never made a lock-out. */
export const MAX_THROTTLE_RETRY_AFTER_S = 60;
/** Retry-After (s) for an upstream 503. */
const UNAVAILABLE_RETRY_AFTER_S = '2';

/** Whole seconds for the browser's Retry-After: the upstream's hint rounded up, or the default. */
export function throttleRetryAfterSeconds(retryAfterMs: number | undefined): number {
  if (retryAfterMs === undefined) return DEFAULT_THROTTLE_RETRY_AFTER_S;
  return Math.min(MAX_THROTTLE_RETRY_AFTER_S, Math.max(1, Math.ceil(retryAfterMs / 1000)));
}

/** The answer the browser gets for a failure that retries could not fix. */
export function failureReply(f: UpstreamFailure, ourRequestId: string): ErrorReply {
  switch (f.kind) {
    case 'response': {
      const body: ErrorReply['body'] = {
        Code: f.code,
        Message: f.message,
        RequestId: f.requestId ?? ourRequestId,
        ...(f.hints?.hostId && { HostId: f.hints.hostId }),
        ...(f.hints?.recommend && { Recommend: f.hints.recommend }),
        ...(f.hints?.accessDeniedDetail && { AccessDeniedDetail: f.hints.accessDeniedDetail }),
      };
      if (isThrottled(f)) {
        const seconds = throttleRetryAfterSeconds(f.retryAfterMs);
        return { status: 429, body, headers: { 'retry-after': String(seconds) } };
      }
      if (f.status === 503)
        return { status: 503, body, headers: { 'retry-after': UNAVAILABLE_RETRY_AFTER_S } };
      if (f.status >= 500 || isAccountFault(f.code)) return { status: 502, body, headers: {} };
      if (f.status >= 400) return { status: f.status, body, headers: {} };
      return { status: 502, body, headers: {} };
    }
    case 'timeout':
      return proxyError(
        504,
        'UpstreamTimeout',
        'The Sophonsoar service did not answer in time.',
        ourRequestId,
      );
    case 'network':
      return proxyError(
        502,
        'UpstreamUnavailable',
        'The Sophonsoar service could not be reached or closed the connection.',
        ourRequestId,
      );
    case 'bad-response':
      return proxyError(
        502,
        'UpstreamBadResponse',
        'The Sophonsoar service answered with a malformed response.',
        ourRequestId,
      );
    case 'client-gone':
      // Nobody reads this; nginx's 499 convention keeps such requests apart in the logs.
      return proxyError(499, 'ClientClosedRequest', 'The client closed the request.', ourRequestId);
    case 'internal':
      return proxyError(500, 'InternalError', 'The proxy failed to process the request.', ourRequestId);
  }
}

export function proxyError(status: number, code: string, message: string, requestId: string): ErrorReply {
  return { status, body: { Code: code, Message: message, RequestId: requestId }, headers: {} };
}
