/**
 * Same-origin JSON calls to the proxy. Errors keep Alibaba's shape (Code, Message,
 * RequestId, and HostId, Recommend, AccessDeniedDetail when sent) so the UI can show what
 * the upstream said, with the RequestId to quote and the RAM action to grant.
 */
import type { z } from 'zod';
import { apiErrorSchema } from '../shared/sophonsoar';
import { pickAccessDeniedDetail, type AccessDeniedDetail } from '../shared/upstream-error';

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
  readonly status: number;
  readonly hints: ApiErrorHints;
  constructor(code: string, message: string, status: number, requestId?: string, hints: ApiErrorHints = {}) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status;
    this.requestId = requestId;
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

export function toQueryString(params: Record<string, string | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** GET `/api/<path>` and validate the body with `schema`. */
export async function apiGet<S extends z.ZodType>(
  path: string,
  params: Record<string, string | undefined>,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(`/api/${path}${toQueryString(params)}`, {
      signal,
      headers: { accept: 'application/json' },
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiRequestError('NetworkError', 'The server could not be reached.', 0);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiRequestError(
      'MalformedResponse',
      `The server answered HTTP ${res.status} with a body that is not JSON.`,
      res.status,
    );
  }
  if (!res.ok) {
    const e = apiErrorSchema.safeParse(body);
    if (e.success) {
      throw new ApiRequestError(
        e.data.Code,
        e.data.Message,
        res.status,
        e.data.RequestId,
        errorHints(e.data),
      );
    }
    throw new ApiRequestError(`HTTP${res.status}`, `The server answered HTTP ${res.status}.`, res.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const requestId =
      body && typeof body === 'object' && 'RequestId' in body
        ? String((body as { RequestId: unknown }).RequestId)
        : undefined;
    throw new ApiRequestError(
      'MalformedResponse',
      'The response does not have the expected shape.',
      res.status,
      requestId,
    );
  }
  return parsed.data;
}
