import { useCallback, useMemo } from 'react';
import { DEFAULT_VIEW, withFilters, type TaskFilters, type TaskListView } from '../model/url-state';
import { currentTaskUrlState, dismissUrlNotices, navigateTo, useTaskUrl } from './task-url-store';

/** The list view, the open task and the ways to change them, all through the URL. */
export function useTaskView() {
  const { state, notices } = useTaskUrl();

  // Every action here is the analyst's: a new history entry (the rule is in task-url-store.ts).
  const setView = useCallback((next: (view: TaskListView) => TaskListView) => {
    const cur = currentTaskUrlState();
    navigateTo({ ...cur, view: next(cur.view) });
  }, []);

  const actions = useMemo(
    () => ({
      setView,
      /** A pick or a settled search (text boxes commit once typing has settled). */
      updateFilters: (patch: Partial<TaskFilters>) => setView((v) => withFilters(v, patch)),
      clearFilters: () => setView((v) => ({ ...v, filters: DEFAULT_VIEW.filters, page: 1 })),
      openTask: (taskId: string) => navigateTo({ ...currentTaskUrlState(), openTaskId: taskId }),
      closeTask: () => navigateTo({ view: currentTaskUrlState().view }),
      dismissNotices: dismissUrlNotices,
    }),
    [setView],
  );

  return { view: state.view, openTaskId: state.openTaskId, notices, ...actions };
}
