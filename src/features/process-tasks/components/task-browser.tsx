import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Pagination } from 'antd';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { t, tCount } from '../../../lib/i18n';
import { useNow } from '../../../lib/use-now';
import type { DescribeProcessTasksResponse } from '../../../shared/sophonsoar';
import { processTasksQueryOptions } from '../api/get-process-tasks';
import { processTaskKeys } from '../api/query-keys';
import { useColumnVisibility } from '../hooks/use-column-visibility';
import { useTaskTable } from '../hooks/use-task-table';
import { useTaskView } from '../hooks/use-task-view';
import { countActiveFilters, PAGE_SIZES, type TaskFilters, type TaskListView } from '../model/url-state';
import { ColumnChooser } from './column-chooser';
import { CopyLinkButtons } from './copy-link-buttons';
import { ErrorState } from './error-state';
import { FilterChips } from './filter-chips';
import { FilterPanel } from './filter-panel';
import { TaskTable } from './task-table';
import { UrlNotices } from './url-notices';

const TaskDrawer = lazy(() => import('./task-drawer').then((m) => ({ default: m.TaskDrawer })));

/** The screen: filters, toolbar, table, pagination, and the drawer of the open task. */
export function TaskBrowser({ exportSlot }: { exportSlot?: (props: ExportSlotProps) => ReactNode }) {
  const {
    view,
    openTaskId,
    notices,
    setView,
    updateFilters,
    clearFilters,
    openTask,
    closeTask,
    dismissNotices,
  } = useTaskView();
  const queryClient = useQueryClient();
  const now = useNow();
  const list = useQuery(processTasksQueryOptions(view));

  // Keep the last good page on screen when a refetch fails (keepPreviousData only covers loading).
  const [lastGood, setLastGood] = useState<DescribeProcessTasksResponse | undefined>(undefined);
  if (list.data && !list.isPlaceholderData && list.data !== lastGood) setLastGood(list.data);
  const shown = list.data ?? lastGood;
  const totalCount = shown?.Page.TotalCount;

  const { visibility, setVisibility, reset } = useColumnVisibility();
  const table = useTaskTable({
    view,
    rows: shown?.ProcessTasks,
    totalCount,
    now,
    columnVisibility: visibility,
    onColumnVisibilityChange: setVisibility,
    onViewChange: (next) => setView(next),
  });

  // Prefetch the next page so "next" is instant.
  const hasNext =
    list.data !== undefined &&
    !list.isPlaceholderData &&
    view.page * view.pageSize < list.data.Page.TotalCount;
  useEffect(() => {
    if (hasNext) void queryClient.prefetchQuery(processTasksQueryOptions({ ...view, page: view.page + 1 }));
  }, [hasNext, queryClient, view]);

  // The export code loads only once the first rows are painted: it must not weigh on
  // the first screen.
  const [exportReady, setExportReady] = useState(false);
  const hasRows = shown !== undefined;
  useEffect(() => {
    if (!hasRows || exportReady) return;
    const id = window.setTimeout(() => setExportReady(true), 300);
    return () => window.clearTimeout(id);
  }, [hasRows, exportReady]);

  // The drawer chunk loads on first open and stays mounted after (for its close animation).
  const [drawerMounted, setDrawerMounted] = useState(openTaskId !== undefined);
  if (openTaskId !== undefined && !drawerMounted) setDrawerMounted(true);

  const activeCount = countActiveFilters(view.filters);
  const removeFilters = (params: (keyof TaskFilters)[]) =>
    updateFilters(Object.fromEntries(params.map((p) => [p, undefined])) as Partial<TaskFilters>);

  const empty = (
    <div className="rtc-empty" data-testid="empty-state">
      <Empty
        description={
          <>
            <strong>{t('table.empty')}</strong>
            <br />
            {activeCount > 0 ? t('table.emptyWithFilters') : t('table.emptyNoFilters')}
          </>
        }
      >
        {activeCount > 0 ? (
          <>
            <FilterChips filters={view.filters} onRemove={removeFilters} />
            <Button type="primary" onClick={clearFilters}>
              {t('filters.clearAll')}
            </Button>
          </>
        ) : null}
      </Empty>
    </div>
  );

  const visibleColumns = table.getVisibleLeafColumns().map((c) => c.id);

  return (
    <>
      <FilterPanel filters={view.filters} onChange={updateFilters} />
      <UrlNotices notices={notices} onDismiss={dismissNotices} />
      <section className="rtc-panel rtc-results" aria-labelledby="results-title">
        <div className="rtc-toolbar">
          <div className="rtc-toolbar-left">
            <h2 id="results-title" className="rtc-panel-title">
              {t('table.caption')}
            </h2>
            <span className="rtc-total" data-testid="total-count" aria-live="polite">
              {totalCount === undefined ? '' : tCount('toolbar.total', totalCount)}
            </span>
            {list.isFetching && shown ? <span className="rtc-muted">{t('toolbar.refreshing')}</span> : null}
          </div>
          <div className="rtc-toolbar-right">
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void queryClient.invalidateQueries({ queryKey: processTaskKeys.lists() })}
            >
              {t('toolbar.refresh')}
            </Button>
            <CopyLinkButtons state={openTaskId === undefined ? { view } : { view, openTaskId }} />
            <ColumnChooser table={table} onReset={reset} />
            {exportReady
              ? exportSlot?.({ view, visibleColumns, totalCount, resolvedAt: list.dataUpdatedAt || now })
              : null}
          </div>
        </div>
        <FilterChips filters={view.filters} onRemove={removeFilters} onClearAll={clearFilters} />
        {list.isError ? (
          <ErrorState
            error={list.error}
            title={t('error.title')}
            onRetry={() => void list.refetch()}
            keptData={shown !== undefined}
          />
        ) : null}
        <TaskTable
          table={table}
          loading={list.isPending && !shown}
          stale={list.isPlaceholderData || (list.isError && shown !== undefined)}
          empty={list.isError ? null : empty}
          onOpen={openTask}
        />
        {totalCount !== undefined && totalCount > 0 ? (
          <Pagination
            className="rtc-pagination"
            current={view.page}
            pageSize={view.pageSize}
            total={totalCount}
            pageSizeOptions={PAGE_SIZES.map(String)}
            showSizeChanger
            showTotal={(total, [from, to]) =>
              t('table.pageRange', {
                from: from.toLocaleString(),
                to: to.toLocaleString(),
                total: total.toLocaleString(),
              })
            }
            onChange={(page, size) => {
              if (size !== view.pageSize) table.setPageSize(size);
              else table.setPageIndex(page - 1);
            }}
          />
        ) : null}
      </section>
      {drawerMounted ? (
        <Suspense fallback={null}>
          <TaskDrawer
            taskId={openTaskId}
            pageRows={shown?.ProcessTasks}
            onClose={() => {
              closeTask();
              // When the drawer closes before its opening animation ended, antd gives
              // focus to nobody: put it back on the row.
              window.setTimeout(() => {
                if (document.activeElement === document.body) focusRow(openTaskId);
              }, 400);
            }}
            onAfterClose={focusRow}
          />
        </Suspense>
      ) : null}
    </>
  );
}

/** Keyboard users land back on the row they opened. */
function focusRow(taskId: string | undefined) {
  if (taskId === undefined) return;
  const row = document.querySelector<HTMLElement>(`tbody tr[data-task-id="${CSS.escape(taskId)}"]`);
  row?.focus();
}

export interface ExportSlotProps {
  view: TaskListView;
  visibleColumns: string[];
  totalCount: number | undefined;
  /** When the list's relative times were last resolved (its last fetch). */
  resolvedAt: number;
}
