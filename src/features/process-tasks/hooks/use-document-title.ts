import { useEffect } from 'react';
import { t, formatList } from '../../../lib/i18n';
import { activeFilters } from '../model/filter-summary';
import type { TaskListView } from '../model/task-view';

/**
 * The tab's title says what is shown: the open task ("Task 56183f97… · Response tasks"),
 * else the active filters ("Status: Failed (90) · Response tasks"), else the list.
 */
export function documentTitle(view: TaskListView, openTaskId: string | undefined): string {
  if (openTaskId !== undefined) return t('title.task', { id: openTaskId });
  const active = activeFilters(view.filters);
  if (active.length === 0) return t('title.list');
  const summary = formatList(active.map((f) => t('title.filter', { label: f.label, value: f.value })));
  return t('title.filtered', { summary: summary.length > 120 ? `${summary.slice(0, 119)}…` : summary });
}

export function useDocumentTitle(view: TaskListView, openTaskId: string | undefined): void {
  const title = documentTitle(view, openTaskId);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
