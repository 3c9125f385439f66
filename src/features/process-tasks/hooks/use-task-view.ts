import { useCallback, useMemo } from 'react';
import { DEFAULT_VIEW, withFilters, type TaskFilters, type TaskListView } from '../model/url-state';
import { currentTaskUrlState, dismissUrlNotices, navigateTo, useTaskUrl } from './task-url-store';

/** The list view, the open task and the ways to change them, all through the URL. */
export function useTaskView() {
  const { state, notices } = useTaskUrl();

  const setView = useCallback((next: (view: TaskListView) => TaskListView, opts?: { replace?: boolean }) => {
    const cur = currentTaskUrlState();
    navigateTo({ ...cur, view: next(cur.view) }, opts);
  }, []);

  const actions = useMemo(
    () => ({
      setView,
      /** Filters typed in text boxes replace the history entry; picks push one. */
      updateFilters: (patch: Partial<TaskFilters>, opts?: { replace?: boolean }) =>
        setView((v) => withFilters(v, patch), opts),
      clearFilters: () => setView((v) => ({ ...v, filters: DEFAULT_VIEW.filters, page: 1 })),
      openTask: (taskId: string) => navigateTo({ ...currentTaskUrlState(), openTaskId: taskId }),
      closeTask: () => navigateTo({ view: currentTaskUrlState().view }),
      dismissNotices: dismissUrlNotices,
    }),
    [setView],
  );

  return { view: state.view, openTaskId: state.openTaskId, notices, ...actions };
}
