/**
 * Same-origin JSON calls to the proxy. Errors keep Alibaba's shape (Code, Message,
 * RequestId) so the UI can show what the upstream said, with the RequestId to quote.
 */
import type { z } from 'zod';
import { apiErrorSchema } from '../shared/sophonsoar';

export class ApiRequestError extends Error {
  readonly code: string;
  readonly requestId: string | undefined;
  readonly status: number;
  constructor(code: string, message: string, status: number, requestId?: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status;
    this.requestId = requestId;
  }
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
    if (e.success) throw new ApiRequestError(e.data.Code, e.data.Message, res.status, e.data.RequestId);
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
