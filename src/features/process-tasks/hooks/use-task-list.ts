import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { whenIdle } from '../../../lib/when-idle';
import type { DescribeProcessTasksResponse } from '../../../shared/responses';
import { processTasksQueryOptions } from '../api/get-process-tasks';
import { processTaskKeys } from '../api/query-keys';
import { pageInRange, type TaskListView } from '../model/url-state';
import { correctUrl, currentTaskUrlState } from './task-url-store';

/**
 * The list's page for `view`: the query, the page to show (the last good one stays on
 * screen when a refetch fails; keepPreviousData only covers loading), its total and
 * whether that total was counted for an earlier view (`totalStale`: the answer for this
 * view is loading or failed), the next page prefetched so "next" is instant, and a
 * refresh of every list.
 */
export function useTaskList(view: TaskListView) {
  const queryClient = useQueryClient();
  const list = useQuery(processTasksQueryOptions(view));

  const [lastGood, setLastGood] = useState<DescribeProcessTasksResponse | undefined>(undefined);
  if (list.data && !list.isPlaceholderData && list.data !== lastGood) setLastGood(list.data);
  const shown = list.data ?? lastGood;

  const hasNext =
    list.data !== undefined &&
    !list.isPlaceholderData &&
    view.page * view.pageSize < list.data.Page.TotalCount;
  // After the rows are painted: the next page must not delay the first.
  useEffect(() => {
    if (!hasNext) return;
    return whenIdle(
      () => void queryClient.prefetchQuery(processTasksQueryOptions({ ...view, page: view.page + 1 })),
    );
  }, [hasNext, queryClient, view]);

  // A page past the end (an old link, or tasks that left the set): the answer's total says
  // where the end is; the URL moves to the last page (a correction: replace) with a notice.
  const settledTotal =
    list.data !== undefined && !list.isPlaceholderData ? list.data.Page.TotalCount : undefined;
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

  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: processTaskKeys.lists() }),
    [queryClient],
  );

  const totalStale = list.isPlaceholderData || (list.data === undefined && shown !== undefined);
  return { list, shown, totalCount: shown?.Page.TotalCount, totalStale, refresh };
}
