import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { markFirstScreenShown, useFirstScreenShown } from '../../../lib/first-screen';
import { whenIdle } from '../../../lib/when-idle';
import { t } from '../../../lib/i18n';
import { serverTime } from '../../../lib/server-clock';
import { useNow } from '../../../lib/use-now';
import { rowElements, TASK_TABLE_ID } from '../hooks/task-table-focus';
import { useAutoRefresh, useAutoRefreshSetting } from '../hooks/use-auto-refresh';
import { useColumnVisibility } from '../hooks/use-column-visibility';
import { useDensity } from '../hooks/use-density';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLiveRows } from '../hooks/use-live-rows';
import { useReadyAfter } from '../hooks/use-ready-after';
import { useTaskList } from '../hooks/use-task-list';
import { useTaskTable } from '../hooks/use-task-table';
import { useTaskView } from '../hooks/use-task-view';
import type { FilterParamName } from '../../../shared/catalogue';
import type { TaskFilters, TaskListView } from '../model/url-state';
import { EmptyResults } from './empty-results';
import { FailureCausesButton, FailureCausesPanel } from './failure-causes-slot';
import { FilterChips } from './filter-chips';
import { FilterPanel } from './filter-panel';
import { NewTasksBanner } from './new-tasks-banner';
import { TaskDrawerHost } from './task-drawer-host';
import { TaskTable } from './task-table';
import { TaskToolbar } from './task-toolbar';
import { PartBoundary } from '../../../components/load-failure';
import { PlainButton } from '../../../components/plain-button';

// What shows only now and then (link notices, an error, an empty page; antd Alert and
// Empty with them) loads when it is needed: the first rows do not wait for it.
const UrlNotices = lazy(() => import('./url-notices').then((m) => ({ default: m.UrlNotices })));
const ErrorState = lazy(() => import('./error-state').then((m) => ({ default: m.ErrorState })));

// The summary strip (status counts, stuck, headline) loads after the first rows, into a
// slot of reserved height so the rows do not move when it arrives.
const SummaryStrip = lazy(() => import('./summary-strip').then((m) => ({ default: m.SummaryStrip })));

const EntitySummary = lazy(() => import('./entity-summary').then((m) => ({ default: m.EntitySummary })));

// antd Pagination (with its page-size Select) loads after the first rows, below them.
// Keyboard shortcuts (hooks/use-task-shortcuts.ts) listen once the first rows are painted.
const TaskShortcuts = lazy(() => import('./task-shortcuts').then((m) => ({ default: m.TaskShortcuts })));
const TaskPagination = lazy(() => import('./task-pagination').then((m) => ({ default: m.TaskPagination })));
// Live updates: the auto-refresh choice (antd Select) loads after the first rows too.
const AutoRefreshSelect = lazy(() =>
  import('./auto-refresh-select').then((m) => ({ default: m.AutoRefreshSelect })),
);

const pageTaskIds = (rows: { TaskId?: string }[] | undefined): string[] =>
  (rows ?? []).flatMap((r) => (r.TaskId === undefined ? [] : [r.TaskId]));

export interface ExportSlotProps {
  view: TaskListView;
  visibleColumns: string[];
  totalCount: number | undefined;
  /** When the list's relative times were last resolved (its last fetch). */
  resolvedAt: number;
}

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
  const now = useNow();
  const { list, shown, totalCount, totalStale, refresh } = useTaskList(view);
  // Live updates (issue 12): what the table shows while the list refreshes, and the timer.
  const [autoRefreshMs] = useAutoRefreshSetting();
  useAutoRefresh(autoRefreshMs);
  const live = useLiveRows({
    view,
    data: list.data,
    isPlaceholder: list.isPlaceholderData,
    updatedAt: list.dataUpdatedAt,
    fallback: shown,
  });
  const rows = live.rows;
  const { visibility, setVisibility, reset } = useColumnVisibility();
  const [density, setDensity] = useDensity();
  useDocumentTitle(view, openTaskId);
  const table = useTaskTable({
    view,
    rows,
    totalCount,
    now,
    columnVisibility: visibility,
    onColumnVisibilityChange: setVisibility,
    onViewChange: (next) => setView(next),
  });
  // The export code loads only once the first rows are painted: it must not weigh on
  // the first screen.
  const exportReady = useReadyAfter(shown !== undefined, 300);
  // The first answer is painted: what the first rows did not need may load now.
  const answered = shown !== undefined || list.isError;
  useEffect(() => (answered ? whenIdle(markFirstScreenShown, 100) : undefined), [answered]);
  const afterFirstRows = useFirstScreenShown();
  // The error line's code, fetched once the first rows are painted: a failed refresh is
  // when the server may be unreachable, too late to fetch it then. (If this fetch fails,
  // the line's own boundary shows a plain line when it is needed.)
  useEffect(() => {
    if (afterFirstRows) import('./error-state').catch(() => undefined);
  }, [afterFirstRows]);
  const [causesOpen, setCausesOpen] = useState(false);
  // The floating error line of a failed refresh, closed by the analyst: it stays closed for
  // that failure (its errorUpdatedAt) and comes back with the next one.
  const [dismissedErrorAt, setDismissedErrorAt] = useState<number>();
  const errorDismissed = shown !== undefined && list.errorUpdatedAt === dismissedErrorAt;

  // Refresh (the toolbar's, and the drawer's while it covers the toolbar): the list and the open drawer.
  const onRefresh = () => {
    live.showNextAnswer();
    refresh();
  };
  const removeFilters = (params: FilterParamName[]) =>
    updateFilters(Object.fromEntries(params.map((p) => [p, undefined])) as Partial<TaskFilters>);
  const visibleColumns = table.getVisibleLeafColumns().map((c) => c.id);
  // The page's rows in the order on screen (a duration column sorts the page only).
  const data = table.options.data;
  const screenRows = useMemo(() => (rows ? [...data] : undefined), [rows, data]);

  return (
    <>
      <FilterPanel filters={view.filters} onChange={updateFilters} />
      {notices.length > 0 ? (
        <Suspense fallback={null}>
          <UrlNotices notices={notices} onDismiss={dismissNotices} />
        </Suspense>
      ) : null}
      <section className="rtc-panel rtc-results" aria-labelledby="results-title">
        <TaskToolbar
          state={openTaskId === undefined ? { view } : { view, openTaskId }}
          totalCount={totalCount}
          refreshing={list.isFetching && shown !== undefined}
          totalStale={totalStale}
          onRefresh={onRefresh}
          live={
            afterFirstRows ? (
              <Suspense fallback={<span className="rtc-auto-refresh-placeholder" />}>
                <AutoRefreshSelect />
              </Suspense>
            ) : (
              <span className="rtc-auto-refresh-placeholder" />
            )
          }
          table={table}
          onResetColumns={reset}
          density={density}
          onDensityChange={setDensity}
          extra={
            <>
              {exportReady
                ? exportSlot?.({
                    view,
                    visibleColumns,
                    totalCount,
                    resolvedAt: serverTime(list.dataUpdatedAt) || now,
                  })
                : null}
            </>
          }
        />
        <FilterChips filters={view.filters} onRemove={removeFilters} onClearAll={clearFilters} />
        <div className="rtc-summary-slot">
          {afterFirstRows ? (
            <Suspense fallback={null}>
              <SummaryStrip
                view={view}
                setView={setView}
                extra={<FailureCausesButton open={causesOpen} onToggle={() => setCausesOpen((o) => !o)} />}
              />
            </Suspense>
          ) : null}
        </div>
        <FailureCausesPanel
          open={causesOpen}
          view={view}
          onOpenTask={openTask}
          onClose={() => setCausesOpen(false)}
        />
        {view.filters.EntityName !== undefined ? (
          // Its height is reserved from the first paint: the rows do not move when it arrives.
          <div className="rtc-entity-slot">
            {rows && rows.length > 0 && afterFirstRows ? (
              <Suspense fallback={null}>
                <EntitySummary
                  entity={view.filters.EntityName}
                  rows={rows}
                  complete={view.page === 1 && (totalCount ?? Infinity) <= rows.length}
                />
              </Suspense>
            ) : null}
          </div>
        ) : null}
        {list.isError ? (
          // With rows on screen (a failed refresh) the error floats over the page's foot
          // instead of pushing the rows down.
          // Closed, its place (the room kept below the rows) stays, so nothing moves.
          <div className={shown !== undefined ? 'rtc-error-float' : undefined} hidden={errorDismissed}>
            {errorDismissed ? null : (
              <PartBoundary
                resetKey={list.errorUpdatedAt}
                fallback={
                  <div className="rtc-error-line-plain" role="alert" data-testid="error-state-plain">
                    <strong>{t('error.title')}</strong>{' '}
                    {list.error instanceof Error ? list.error.message : String(list.error)}{' '}
                    <PlainButton size="small" onClick={() => void list.refetch()} data-testid="retry">
                      {t('error.retry')}
                    </PlainButton>
                  </div>
                }
              >
                <Suspense fallback={null}>
                  <ErrorState
                    error={list.error}
                    title={t('error.title')}
                    onRetry={() => void list.refetch()}
                    keptData={shown !== undefined}
                    onDismiss={
                      shown !== undefined
                        ? () => {
                            setDismissedErrorAt(list.errorUpdatedAt);
                            // Focus to the table's row in the tab order, without scrolling to it.
                            (
                              rowElements().find((r) => r.tabIndex === 0) ??
                              document.getElementById(TASK_TABLE_ID)
                            )?.focus({ preventScroll: true });
                          }
                        : undefined
                    }
                  />
                </Suspense>
              </PartBoundary>
            )}
          </div>
        ) : null}
        {autoRefreshMs > 0 || live.newCount > 0 ? (
          <NewTasksBanner
            newCount={live.newCount}
            atLeast={live.newAtLeast}
            onShow={() => {
              live.showNew();
              // The banner goes; the newest task (now the first row) takes focus.
              requestAnimationFrame(() =>
                (rowElements()[0] ?? document.getElementById(TASK_TABLE_ID))?.focus(),
              );
            }}
          />
        ) : null}
        <TaskTable
          rowClassName={live.rowClassName}
          table={table}
          loading={list.isPending && !shown}
          stale={list.isPlaceholderData || (list.isError && shown !== undefined)}
          empty={
            list.isError ? null : (
              <Suspense fallback={null}>
                <EmptyResults
                  filters={view.filters}
                  view={view}
                  totalCount={list.isPlaceholderData ? undefined : list.data?.Page?.TotalCount}
                  onGoToPage={(page) => setView((v) => ({ ...v, page }))}
                  onRemove={removeFilters}
                  onClearAll={clearFilters}
                  onApply={updateFilters}
                />
              </Suspense>
            )
          }
          onOpen={openTask}
          density={density}
        />
        {totalCount !== undefined && totalCount > 0 ? (
          <Suspense fallback={<div className="rtc-pagination rtc-pagination-placeholder" />}>
            {afterFirstRows ? (
              <TaskPagination view={view} totalCount={totalCount} table={table} />
            ) : (
              <div className="rtc-pagination rtc-pagination-placeholder" />
            )}
          </Suspense>
        ) : null}
      </section>
      <TaskDrawerHost
        openTaskId={openTaskId}
        pageRows={screenRows}
        view={view}
        now={now}
        onRefresh={onRefresh}
        onNavigate={openTask}
        onClose={closeTask}
      />
      {afterFirstRows ? (
        <Suspense fallback={null}>
          <TaskShortcuts
            taskIds={pageTaskIds(screenRows)}
            openTaskId={openTaskId}
            openTask={openTask}
            closeTask={closeTask}
          />
        </Suspense>
      ) : null}
    </>
  );
}
