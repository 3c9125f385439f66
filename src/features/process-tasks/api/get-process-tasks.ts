import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import {
  describeProcessTasksResponseSchema,
  type DescribeProcessTasksQuery,
} from '../../../shared/sophonsoar';
import type { TaskListView } from '../model/task-view';
import { toWireQuery } from '../model/wire-query';
import { processTaskKeys } from './query-keys';

export function getProcessTasks(query: DescribeProcessTasksQuery, signal?: AbortSignal) {
  return apiGet('DescribeProcessTasks', query, describeProcessTasksResponseSchema, signal);
}

/**
 * One page of the list. The key holds the view as written in the URL (relative times
 * unresolved); the times are resolved when the request runs, so `now-24h` means the
 * last 24 h at each fetch.
 */
export function processTasksQueryOptions(view: TaskListView) {
  return queryOptions({
    queryKey: processTaskKeys.list(view),
    queryFn: ({ signal }) => getProcessTasks(toWireQuery(view, Date.now()), signal),
    placeholderData: keepPreviousData,
  });
}
