import type { FetchQueryOptions, QueryClient } from '@tanstack/react-query';

/**
 * Refetches one query the screen shows, for a refresh of the open panels
 * (hooks/use-auto-refresh.ts `useAutoRefreshTick`): `options` are its query options made
 * with the priority the refresh was given (same key either way): 'background' for an
 * auto-refresh tick (a queryFn that sends `x-rtc-priority: background`), so the server's
 * budget serves what the analyst asked for first; none for the Refresh button, which the
 * analyst asked for. The panel shows its last data meanwhile (no loading state). A fetch
 * of the same key already in flight is
 * left to finish (no second request, nothing cancelled). The answer lands in the cache
 * under the same key, so the component re-renders in place (same elements where nothing
 * changed: React Query's structural sharing). A failure is kept in the query's state and
 * its last data stays; nothing is thrown.
 */
export function refreshInPlace<T, K extends readonly unknown[]>(
  queryClient: QueryClient,
  // `enabled` as query options have it (an entity without UUIDs has nothing to count).
  options: FetchQueryOptions<T, Error, T, K> & { enabled?: unknown },
): void {
  const { enabled, ...fetchOptions } = options;
  if (enabled === false) return;
  const query = queryClient.getQueryCache().find({ queryKey: fetchOptions.queryKey, exact: true });
  if (query?.state.fetchStatus === 'fetching') return;
  void queryClient.fetchQuery({ ...fetchOptions, staleTime: 0, retry: false }).catch(() => undefined);
}
