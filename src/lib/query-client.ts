import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api-client';
import { parseRetryAfter } from './retry-after';

/** The longest Retry-After the list waits for (ms); a longer one shows the error at once. */
export const LIST_MAX_RETRY_AFTER_MS = 5_000;
/** Wait before the one retry after a network failure (ms). */
const NETWORK_RETRY_MS = 1_000;
/** Random extra wait on a retry after Retry-After (ms), so open tabs don't return together. */
const RETRY_JITTER_MS = 250;

/**
 * The list's retry policy (the layers' split is written once, in src/server/proxy/retry.ts):
 * ms to wait before retrying a failed query, or undefined for no retry. `failureCount` is
 * the number of retries already made (TanStack's count).
 * - network failure (the proxy could not be reached): one retry after 1 s;
 * - 429 / Throttling*: one retry, only when Retry-After says when and it is at most 5 s;
 *   no hint or a longer one shows the error with its Retry button instead;
 * - 5xx: none, the proxy has already retried the upstream within its deadline;
 * - any other 4xx, a malformed answer, or an error that is not the API's: none.
 */
export function listRetryDelay(
  failureCount: number,
  error: unknown,
  nowMs: number = Date.now(),
  random: () => number = Math.random,
): number | undefined {
  if (failureCount > 0 || !(error instanceof ApiRequestError)) return undefined;
  if (error.status === 0) return NETWORK_RETRY_MS;
  if (error.status === 429 || error.code.startsWith('Throttling')) {
    const after = parseRetryAfter(error.retryAfter, nowMs);
    if (after === undefined || after > LIST_MAX_RETRY_AFTER_MS) return undefined;
    return Math.round(after + random() * RETRY_JITTER_MS);
  }
  return undefined;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => listRetryDelay(failureCount, error) !== undefined,
        retryDelay: (failureCount, error) => listRetryDelay(failureCount, error) ?? 0,
        refetchOnWindowFocus: false,
      },
    },
  });
}
