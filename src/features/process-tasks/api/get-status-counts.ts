/**
 * Counts as DescribeProcessTasks TotalCount queries (PageSize 1): the summary strip's and
 * the filter options' (model/status-counts.ts builds which). One React Query entry per set
 * of tasks, so the strip and a dropdown asking the same count make one call; cached for
 * COUNT_STALE_MS (the server's answer cache, UPSTREAM_CACHE_MS, comes on top); the key
 * sits under `processTaskKeys.lists()`, so the toolbar's Refresh recounts what is on screen.
 * React Query's AbortSignal goes to the request: when the filters change, the counts of
 * the old filters that are still running are cancelled, and the proxy drops the upstream
 * call of a request whose browser went away (src/server/proxy/api-routes.ts, clientGoneSignal).
 */
import { queryOptions, useQueries } from '@tanstack/react-query';
import { fetchProcessTasksPage } from '../../../lib/process-tasks-page';
import type { CountQuery } from '../model/status-counts';
import type { TaskFilters } from '../model/task-view';
import { toWireFilters } from '../model/wire-query';
import { processTaskKeys } from './query-keys';

/** How long a count is fresh in the browser (ms): a filter set visited again within it costs nothing. */
export const COUNT_STALE_MS = 60_000;

/** The query key of the count of the tasks matching `filters` (their canonical form). */
export const countKey = (filters: TaskFilters) => [...processTaskKeys.lists(), 'count', filters] as const;

/**
 * Tasks matching `filters` (relative times resolved now): one DescribeProcessTasks with
 * PageNumber 1, PageSize 1; its `Page.TotalCount`, or null when the answer has none.
 * Errors as lib/api-client.ts apiFetch.
 */
export async function getTaskCount(
  filters: TaskFilters,
  signal?: AbortSignal,
  priority?: 'background',
): Promise<number | null> {
  const page = await fetchProcessTasksPage(
    {
      ...toWireFilters(filters, Date.now()),
      OrderField: 'gmtCreate',
      Direction: 'desc',
      PageNumber: '1',
      PageSize: '1',
    },
    { signal, ...(priority && { priority }) },
  );
  return page.totalCountKnown ? page.totalCount : null;
}

/** The count of `filters`; 'background' for counts the analyst did not ask for yet (the strip). */
export function taskCountQueryOptions(filters: TaskFilters, priority?: 'background') {
  // The priority only orders the server's queue; the count is the same, so is the key.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: countKey(filters),
    queryFn: ({ signal }) => getTaskCount(filters, signal, priority),
    staleTime: COUNT_STALE_MS,
  });
}

export interface CountState {
  /** Count by query id; absent while loading, null when the answer had no TotalCount. */
  counts: Record<string, number | null>;
  /** The first error, if a count failed. */
  error: unknown;
  pending: boolean;
}

/** Runs `queries` together (useQueries), only while `enabled`. */
export function useTaskCounts(
  queries: readonly CountQuery[],
  { enabled = true, priority }: { enabled?: boolean; priority?: 'background' } = {},
): CountState {
  return useQueries({
    queries: queries.map((q) => ({ ...taskCountQueryOptions(q.filters, priority), enabled })),
    combine: (results) => {
      const counts: Record<string, number | null> = {};
      results.forEach((r, i) => {
        if (r.data !== undefined) counts[queries[i]!.id] = r.data;
      });
      return {
        counts,
        error: results.find((r) => r.isError)?.error,
        pending: results.some((r) => r.isPending),
      };
    },
  });
}
