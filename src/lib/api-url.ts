/**
 * The URL of a proxy call, and the request headers every call sends. Kept apart from the
 * API client (which validates with zod) so the entry chunk can start the first requests
 * with exactly the URL the client would build, without loading anything else.
 */

/** `/api/<path>?<params>`: parameters with an undefined value are left out, in insertion order. */
export function apiUrl(path: string, params: Record<string, string | undefined>, baseUrl = ''): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) sp.set(k, v);
  const s = sp.toString();
  return `${baseUrl}/api/${path}${s ? `?${s}` : ''}`;
}

/** The headers of every proxy call. */
export const API_REQUEST_HEADERS: Readonly<Record<string, string>> = { accept: 'application/json' };
