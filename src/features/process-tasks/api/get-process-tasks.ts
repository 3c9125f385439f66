import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { malformedResponse } from '../../../lib/api-client';
import { fetchProcessTasksPage } from '../../../lib/process-tasks-page';
import {
  describeProcessTasksResponseSchema,
  type DescribeProcessTasksQuery,
  type DescribeProcessTasksResponse,
} from '../../../shared/sophonsoar';
import type { TaskListView } from '../model/task-view';
import { toWireQuery } from '../model/wire-query';
import { processTaskKeys } from './query-keys';

/** One page, its tasks typed for display (a task of the wrong shape is a MalformedResponse). */
export async function getProcessTasks(
  query: DescribeProcessTasksQuery,
  signal?: AbortSignal,
  priority?: 'background',
): Promise<DescribeProcessTasksResponse> {
  const { body } = await fetchProcessTasksPage(query, { signal, ...(priority && { priority }) });
  const parsed = describeProcessTasksResponseSchema.safeParse(body);
  if (!parsed.success) throw malformedResponse(body);
  return parsed.data;
}

/**
 * One page of the list. The key holds the view as written in the URL (relative times
 * unresolved); the times are resolved when the request runs, so `now-24h` means the
 * last 24 h at each fetch. `priority` 'background' for a prefetch nobody sees yet.
 */
export function processTasksQueryOptions(view: TaskListView, priority?: 'background') {
  // The priority only orders the server's queue; the page is the same, so is the key.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: processTaskKeys.list(view),
    queryFn: ({ signal }) => getProcessTasks(toWireQuery(view, Date.now()), signal, priority),
    placeholderData: keepPreviousData,
  });
}
