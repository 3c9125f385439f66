/**
 * Same-origin JSON calls to the proxy. Errors keep Alibaba's shape (Code, Message,
 * RequestId, and HostId, Recommend, AccessDeniedDetail when sent) so the UI can show what
 * the upstream said, with the RequestId to quote and the RAM action to grant.
 */
import { safeParse } from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import { apiErrorSchema, responseProblem } from '../shared/responses';
import { pickAccessDeniedDetail, type AccessDeniedDetail } from '../shared/upstream-error';
import { API_REQUEST_HEADERS, apiUrl } from './api-url';
import { serverClock } from './server-clock';

/** What the upstream said about fixing the account (Alibaba's HostId, Recommend, AccessDeniedDetail). */
export interface ApiErrorHints {
  hostId?: string;
  /** As sent: a URL or text. Only shared/upstream-error.ts recommendHref decides whether it is a link. */
  recommend?: string;
  accessDeniedDetail?: AccessDeniedDetail;
}

export class ApiRequestError extends Error {
  readonly code: string;
  readonly requestId: string | undefined;
  /** HTTP status of the answer; 0 when the server could not be reached. */
  readonly status: number;
  /** The answer's Retry-After header as sent (delta-seconds or an HTTP date), if any. */
  readonly retryAfter: string | undefined;
  readonly hints: ApiErrorHints;
  constructor(
    code: string,
    message: string,
    status: number,
    requestId?: string,
    retryAfter?: string,
    hints: ApiErrorHints = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
    this.hints = hints;
  }
}

/** The hints of an error body (unknown or non-string values are dropped). */
export function errorHints(body: {
  HostId?: unknown;
  Recommend?: unknown;
  AccessDeniedDetail?: unknown;
}): ApiErrorHints {
  const hints: ApiErrorHints = {};
  if (typeof body.HostId === 'string' && body.HostId !== '') hints.hostId = body.HostId;
  if (typeof body.Recommend === 'string' && body.Recommend !== '') hints.recommend = body.Recommend;
  const detail = pickAccessDeniedDetail(body.AccessDeniedDetail);
  if (detail) hints.accessDeniedDetail = detail;
  return hints;
}

/** The header that marks a background request (src/server/proxy/api-routes.ts reads it for the budget). */
export const PRIORITY_HEADER = 'x-rtc-priority';

export interface ApiCallOptions {
  signal?: AbortSignal;
  /** Origin of the proxy; '' (default) means same origin. */
  baseUrl?: string;
  /** Injectable for Node tests and the benchmark; defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * 'background' for requests nobody is looking at yet (export pages, the next page's
   * prefetch): sent as `x-rtc-priority: background`, so the server's upstream scheduler
   * serves the lists on screen first.
   */
  priority?: 'background';
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: text ? JSON.parse(text) : undefined };
  } catch {
    return { ok: false };
  }
}

/** The RequestId of a body, if it has one (to quote when the body is otherwise unusable). */
function requestIdOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || !('RequestId' in body)) return undefined;
  const id = (body as { RequestId: unknown }).RequestId;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * GET `/api/<path>` once and return the JSON body of a 2xx answer (unvalidated).
 * Errors: ApiRequestError with code `NetworkError` (status 0) when the server cannot be
 * reached; the server's Code/Message/RequestId (and Retry-After) for a non-2xx answer,
 * `HTTP<status>` when that answer is not Alibaba's error shape; `MalformedResponse` for
 * a 2xx body that is not JSON. An abort rethrows the fetch's own AbortError.
 */
export async function apiFetch(
  path: string,
  params: Record<string, string | undefined>,
  {
    signal,
    baseUrl = '',
    fetch: doFetch = (input, init) => globalThis.fetch(input, init),
    priority,
  }: ApiCallOptions = {},
): Promise<unknown> {
  let res: Response;
  let text: string;
  const sentAt = Date.now();
  try {
    res = await doFetch(apiUrl(path, params, baseUrl), {
      signal,
      headers:
        priority === 'background'
          ? { ...API_REQUEST_HEADERS, [PRIORITY_HEADER]: 'background' }
          : API_REQUEST_HEADERS,
    });
    // Every answer, errors included, tells the server's time (lib/server-clock.ts).
    serverClock.record(res.headers.get('date'), sentAt, Date.now());
    text = await res.text();
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiRequestError('NetworkError', 'The server could not be reached.', 0);
  }
  const body = parseJson(text);
  if (!res.ok) {
    const e = apiErrorSchema.safeParse(body.ok ? body.value : undefined);
    const retryAfter = res.headers.get('retry-after') ?? undefined;
    if (e.success)
      throw new ApiRequestError(
        e.data.Code,
        e.data.Message,
        res.status,
        e.data.RequestId,
        retryAfter,
        errorHints(e.data),
      );
    throw new ApiRequestError(
      `HTTP${res.status}`,
      `The server answered HTTP ${res.status}.`,
      res.status,
      undefined,
      retryAfter,
    );
  }
  if (!body.ok)
    throw new ApiRequestError(
      'MalformedResponse',
      `The server answered HTTP ${res.status} with a body that is not JSON.`,
      res.status,
    );
  return body.value;
}

/**
 * The error for a 2xx body that cannot be used. `problem` names the field (in the API's
 * names, e.g. `ProcessTasks[3].TaskStatus`) and what was wrong with it; the RequestId of
 * the body, when it has one, travels with the error so the analyst can quote it.
 */
export function malformedResponse(
  body: unknown,
  status = 200,
  problem?: { field: string; message: string },
): ApiRequestError {
  return new ApiRequestError(
    'MalformedResponse',
    problem
      ? `The response cannot be used: ${problem.field} ${problem.message}.`
      : 'The response does not have the expected shape.',
    status,
    requestIdOf(body),
  );
}

/** GET `/api/<path>` and validate the body with `schema`, a zod or zod/mini schema (errors as `apiFetch`). */
export async function apiGet<S extends $ZodType>(
  path: string,
  params: Record<string, string | undefined>,
  schema: S,
  options?: ApiCallOptions,
): Promise<output<S>> {
  const body = await apiFetch(path, params, options);
  const parsed = safeParse(schema, body);
  if (!parsed.success) throw malformedResponse(body, 200, responseProblem(parsed.error));
  return parsed.data;
}
