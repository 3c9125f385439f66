import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { DescribeProcessTasksResponse } from '../../../shared/sophonsoar';
import { processTasksQueryOptions } from '../api/get-process-tasks';
import { processTaskKeys } from '../api/query-keys';
import type { TaskListView } from '../model/url-state';

/**
 * The list's page for `view`: the query, the page to show (the last good one stays on
 * screen when a refetch fails; keepPreviousData only covers loading), the next page
 * prefetched so "next" is instant, and a refresh of every list.
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
  useEffect(() => {
    if (hasNext)
      void queryClient.prefetchQuery(
        processTasksQueryOptions({ ...view, page: view.page + 1 }, 'background'),
      );
  }, [hasNext, queryClient, view]);

  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: processTaskKeys.lists() }),
    [queryClient],
  );

  return { list, shown, totalCount: shown?.Page.TotalCount, refresh };
}
