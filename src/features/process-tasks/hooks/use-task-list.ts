import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { whenIdle } from '../../../lib/when-idle';
import type { ProcessTasksAnswer } from '../../../shared/responses';
import { processTasksQueryOptions } from '../api/get-process-tasks';
import { processTaskKeys } from '../api/query-keys';
import { pageInRange, type TaskListView } from '../model/url-state';
import { correctUrl, currentTaskUrlState } from './task-url-store';
import { refreshOpenPanels } from './use-auto-refresh';

/**
 * The list's page for `view`: the query, the page to show (the last good one stays on
 * screen when a refetch fails; keepPreviousData only covers loading), its total and
 * whether that total was counted for an earlier view (`totalStale`: the answer for this
 * view is loading or failed), the next page prefetched so "next" is instant, and
 * `refresh` (the Refresh button): every list, then the open panels (the task drawer,
 * `refreshOpenPanels`) with the analyst's priority, once per call.
 */
export function useTaskList(view: TaskListView) {
  const queryClient = useQueryClient();
  const list = useQuery(processTasksQueryOptions(view));

  // Initially the answer already there (the first page, from the entry chunk): no state
  // update during the first render, which would render the screen's owner twice.
  const [lastGood, setLastGood] = useState<ProcessTasksAnswer | undefined>(() =>
    list.data && !list.isPlaceholderData ? list.data : undefined,
  );
  if (list.data && !list.isPlaceholderData && list.data !== lastGood) setLastGood(list.data);
  const shown = list.data ?? lastGood;

  // Without Page.TotalCount (the SDK models make it optional), a full page means there may be more.
  const total = list.data?.Page?.TotalCount;
  const hasNext =
    list.data !== undefined &&
    !list.isPlaceholderData &&
    (total !== undefined
      ? view.page * view.pageSize < total
      : list.data.ProcessTasks.length >= view.pageSize);
  // After the rows are painted: the next page must not delay the first.
  useEffect(() => {
    if (!hasNext) return;
    return whenIdle(
      () =>
        void queryClient.prefetchQuery(
          processTasksQueryOptions({ ...view, page: view.page + 1 }, 'background'),
        ),
    );
  }, [hasNext, queryClient, view]);

  // A page past the end (an old link, or tasks that left the set): the answer's total says
  // where the end is; the URL moves to the last page (a correction: replace) with a notice.
  // Without a TotalCount the end is unknown and the page stays.
  const settledTotal = list.data !== undefined && !list.isPlaceholderData ? total : undefined;
  useEffect(() => {
    if (settledTotal === undefined) return;
    const last = pageInRange(view, settledTotal);
    if (last === undefined) return;
    const cur = currentTaskUrlState();
    correctUrl(
      { ...cur, view: { ...cur.view, page: last } },
      { param: 'PageNumber', value: String(view.page), reason: 'pastLastPage' },
    );
  }, [settledTotal, view]);

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: processTaskKeys.lists() });
    refreshOpenPanels(undefined);
  }, [queryClient]);

  const totalStale = list.isPlaceholderData || (list.data === undefined && shown !== undefined);
  return { list, shown, totalCount: shown?.Page?.TotalCount, totalStale, refresh };
}
