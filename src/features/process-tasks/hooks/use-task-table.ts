import { useTable, type PaginationState, type SortingState, type Updater } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { TaskRecord } from '../../../shared/responses';
import { buildTaskColumns, taskTableFeatures } from '../components/task-columns';
import { orderFromSorting, sortingFromOrder } from '../model/sort';
import { rowIds } from '../model/live-merge';
import { entityPivotView } from '../model/pivots';
import { buildHref, serializeView, type TaskListView } from '../model/url-state';
import { usePageSort } from './use-page-sort';

const NO_ROWS: TaskRecord[] = [];

function apply<T>(updater: Updater<T>, old: T): T {
  return typeof updater === 'function' ? (updater as (o: T) => T)(old) : updater;
}

interface Args {
  view: TaskListView;
  rows: TaskRecord[] | undefined;
  totalCount: number | undefined;
  now: number;
  columnVisibility: Record<string, boolean>;
  onColumnVisibilityChange: (u: Updater<Record<string, boolean>>) => void;
  onViewChange: (next: (view: TaskListView) => TaskListView) => void;
}

/**
 * TanStack Table owns sorting, pagination and column visibility in manual (server) mode.
 * Sorting and pagination are controlled from the URL view; changes go back to the URL,
 * and a sort change returns to page 1 (no client row model would reset it for us).
 */
export function useTaskTable({
  view,
  rows,
  totalCount,
  now,
  columnVisibility,
  onColumnVisibilityChange,
  onViewChange,
}: Args) {
  const keyword = view.filters.ParamContent;
  // The list's own parameters ride along in each task's link (the drawer opens over the same list).
  const search = serializeView(view);
  const columns = useMemo(
    () =>
      buildTaskColumns(now, {
        keyword,
        taskHref: (id) => `/tasks/${encodeURIComponent(id)}${search ? `?${search}` : ''}`,
        entityHref: (name) => buildHref({ view: entityPivotView(name) }),
      }),
    [now, keyword, search],
  );
  const serverSorting = useMemo(
    () => sortingFromOrder(view.orderField, view.direction),
    [view.orderField, view.direction],
  );
  // The duration columns sort the page on screen only (the API cannot order by them).
  const pageSort = usePageSort(rows, search, now);
  const sorting = pageSort.sorting ?? serverSorting;
  const pagination = useMemo<PaginationState>(
    () => ({ pageIndex: view.page - 1, pageSize: view.pageSize }),
    [view.page, view.pageSize],
  );

  // Keyed by TaskId: a row that a refresh moves keeps its element (model/live-merge.ts).
  // The ids follow the rows in the order shown (a page sort reorders them).
  const shownRows = pageSort.sortedRows ?? NO_ROWS;
  const ids = useMemo(() => rowIds(shownRows), [shownRows]);

  return useTable({
    features: taskTableFeatures,
    columns,
    data: shownRows,
    getRowId: (_row, index) => ids[index] ?? `#${index}`,
    rowCount: totalCount ?? 0,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, pagination, columnVisibility },
    onSortingChange: (u: Updater<SortingState>) => {
      const next = apply(u, sorting);
      if (pageSort.take(next)) return;
      const order = orderFromSorting(next);
      if (!order) return;
      onViewChange((v) => ({ ...v, ...order, page: 1 }));
    },
    onPaginationChange: (u: Updater<PaginationState>) => {
      const next = apply(u, pagination);
      const sizeChanged = next.pageSize !== pagination.pageSize;
      onViewChange((v) => ({ ...v, pageSize: next.pageSize, page: sizeChanged ? 1 : next.pageIndex + 1 }));
    },
    onColumnVisibilityChange,
  });
}

export type TaskTable = ReturnType<typeof useTaskTable>;
