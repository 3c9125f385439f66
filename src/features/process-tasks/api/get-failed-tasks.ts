import { queryOptions } from '@tanstack/react-query';
import type { TaskRecord } from '../../../shared/responses';
import {
  scanFailedTasks,
  type FetchFailedPage,
  type ScanProgress,
  type ScanResult,
} from '../model/failure-causes';
import type { TaskFilters } from '../model/task-view';
import { toWireFilters } from '../model/wire-query';
import { getProcessTasks } from './get-process-tasks';
import { processTaskKeys } from './query-keys';

/**
 * Pages of the failed tasks of `filters` with TaskStatus `statuses` (wire strings), newest
 * created first, relative times resolved once at `now` (ms) so every page reads the same
 * range. Priority 'background': the breakdown is not the list on screen. A page without
 * Page.TotalCount counts as the last one.
 */
export function failedTasksPageFetcher(
  filters: TaskFilters,
  statuses: string[],
  now: number,
): FetchFailedPage<TaskRecord> {
  const base = toWireFilters({ ...filters, TaskStatus: statuses }, now);
  return async (pageNumber, pageSize, signal) => {
    const answer = await getProcessTasks(
      {
        ...base,
        OrderField: 'gmtCreate',
        Direction: 'desc',
        PageNumber: String(pageNumber),
        PageSize: String(pageSize),
      },
      signal,
      undefined,
      'background',
    );
    const tasks = answer.ProcessTasks;
    const totalCount = answer.Page?.TotalCount ?? (pageNumber - 1) * pageSize + tasks.length;
    return { tasks, totalCount };
  };
}

/**
 * The bounded scan of failed tasks for the breakdown (model/failure-causes.ts), cached a
 * minute per filters and bound; dropped (its requests aborted) when nobody shows it any
 * more: the filters changed or the panel closed.
 */
export function failedTasksScanQueryOptions(
  filters: TaskFilters,
  statuses: string[],
  bound: number,
  onProgress: (p: ScanProgress) => void,
) {
  // onProgress only reports; the scan is the same whoever listens.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions<ScanResult<TaskRecord>>({
    queryKey: [...processTaskKeys.all, 'failure-scan', filters, statuses, bound] as const,
    queryFn: ({ signal }) =>
      scanFailedTasks(failedTasksPageFetcher(filters, statuses, Date.now()), { bound, signal, onProgress }),
    staleTime: 60_000,
    retry: false,
  });
}
