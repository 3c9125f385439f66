import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { malformedResponse } from '../../../lib/api-client';
import { serverNow } from '../../../lib/server-clock';
import { fetchProcessTasksPage } from '../../../lib/process-tasks-page';
import {
  processTasksAnswerSchema,
  responseProblem,
  type ProcessTasksAnswer,
} from '../../../shared/responses';
import type { DescribeProcessTasksQuery } from '../../../shared/sophonsoar';
import type { TaskListView } from '../model/task-view';
import { toWireQuery } from '../model/wire-query';
import { processTaskKeys } from './query-keys';

/**
 * One page, read as leniently as the SDK models (shared/responses.ts
 * processTasksAnswerSchema). A body that cannot be used is a MalformedResponse naming the
 * field and carrying the body's RequestId. `fetchImpl` replaces the global fetch (the app
 * hands over the request its entry chunk started, see app/early-requests.ts).
 */
export async function getProcessTasks(
  query: DescribeProcessTasksQuery,
  signal?: AbortSignal,
  fetchImpl?: typeof fetch,
  priority?: 'background',
): Promise<ProcessTasksAnswer> {
  const { body } = await fetchProcessTasksPage(query, {
    signal,
    fetch: fetchImpl,
    ...(priority && { priority }),
  });
  const parsed = processTasksAnswerSchema.safeParse(body);
  if (!parsed.success) throw malformedResponse(body, 200, responseProblem(parsed.error));
  return parsed.data;
}

/**
 * One page of the list. The key holds the view as written in the URL (relative times
 * unresolved); the times are resolved when the request runs, against the server's clock
 * (lib/server-clock.ts), so `now-24h` means the last 24 h at each fetch, an auto-refresh's
 * included. `priority` 'background' for a prefetch nobody sees yet.
 */
export function processTasksQueryOptions(view: TaskListView, priority?: 'background') {
  // The priority only orders the server's queue; the page is the same, so is the key.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: processTaskKeys.list(view),
    queryFn: ({ signal }) => getProcessTasks(toWireQuery(view, serverNow()), signal, undefined, priority),
    placeholderData: keepPreviousData,
  });
}

/**
 * Whether any task matches `filters` (wire form, e.g. `{EventUuid: "…"}`): one task asked
 * for, the answer's `Page.TotalCount` is the count. Used by the search box to learn which
 * ID field a UUID is, and by the empty state to count what the keyword would find.
 */
export function processTasksProbeQueryOptions(filters: DescribeProcessTasksQuery) {
  return queryOptions({
    queryKey: [...processTaskKeys.all, 'probe', filters] as const,
    queryFn: ({ signal }) =>
      getProcessTasks(
        { ...filters, OrderField: 'gmtCreate', Direction: 'desc', PageNumber: '1', PageSize: '1' },
        signal,
      ),
    staleTime: 30_000,
  });
}

/**
 * The tasks related to one task in the drawer (same entity, same event): the first
 * `pageSize` tasks matching `filters` (wire form), newest created first, and the total.
 */
export function relatedTasksQueryOptions(
  filters: DescribeProcessTasksQuery,
  pageSize = 20,
  priority?: 'background',
) {
  // The priority only orders the server's queue; the answer is the same, so is the key.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [...processTaskKeys.all, 'related', filters, pageSize] as const,
    queryFn: ({ signal }) =>
      getProcessTasks(
        {
          ...filters,
          OrderField: 'gmtCreate',
          Direction: 'desc',
          PageNumber: '1',
          PageSize: String(pageSize),
        },
        signal,
        undefined,
        priority,
      ),
  });
}
