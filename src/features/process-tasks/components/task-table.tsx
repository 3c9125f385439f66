import ArrowDownOutlined from '@ant-design/icons-svg/es/asn/ArrowDownOutlined';
import ArrowUpOutlined from '@ant-design/icons-svg/es/asn/ArrowUpOutlined';
import SwapOutlined from '@ant-design/icons-svg/es/asn/SwapOutlined';
import { Spin } from 'antd';
import { memo, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { PlainIcon } from '../../../components/plain-icon';
import { t } from '../../../lib/i18n';
import type { Density } from '../hooks/use-density';
import type { TaskTable as TaskTableInstance } from '../hooks/use-task-table';
import { TASK_TABLE_ID } from '../hooks/task-table-focus';
import { ariaSort } from '../model/sort';
import { isDurationColumn } from '../model/durations';
import { columnLabel } from './task-columns';

interface Props {
  table: TaskTableInstance;
  /** First load: nothing to show yet. */
  loading: boolean;
  /** A newer page is on its way; the rows shown are the previous ones. */
  stale: boolean;
  empty: ReactNode;
  onOpen: (taskId: string) => void;
  density: Density;
  /** A row's extra class by TaskId (the live-update highlight, hooks/use-live-rows.ts). */
  rowClassName?: (taskId: string | undefined) => string | undefined;
}

/** Plain markup (components/plain-icon.tsx): an antd icon component here was the first screen's only one. */
function SortIcon({ sorted }: { sorted: false | 'asc' | 'desc' }) {
  if (sorted === 'asc') return <PlainIcon icon={ArrowUpOutlined} className="rtc-sort-icon rtc-sort-active" />;
  if (sorted === 'desc')
    return <PlainIcon icon={ArrowDownOutlined} className="rtc-sort-icon rtc-sort-active" />;
  return <PlainIcon icon={SwapOutlined} className="rtc-sort-icon rtc-sort-unsorted" />;
}

function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, taskId: string, onOpen: (taskId: string) => void) {
  if (e.target !== e.currentTarget) return;
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    onOpen(taskId);
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const sibling =
      e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
    if (sibling instanceof HTMLElement) sibling.focus();
  }
}

type Rows = ReturnType<TaskTableInstance['getRowModel']>['rows'];
type Cell = ReturnType<Rows[number]['getVisibleCells']>[number];

/**
 * A cell's content: its column's `cell` function called directly, where TanStack's
 * FlexRender would mount it as a component (two components per cell: a fifth of a
 * page's components; and since the columns are rebuilt whenever `now` ticks, each new
 * function would be a new component type, remounting every cell every 30 s and losing
 * the analyst's text selection and focus inside it). So a column's `cell` must not call
 * hooks; it returns elements, and a component it returns may use hooks.
 */
function renderCell(cell: Cell): ReactNode {
  const content = cell.column.columnDef.cell;
  return typeof content === 'function' ? (content(cell.getContext()) as ReactNode) : (content ?? null);
}

/** How long a click waits before opening the drawer: a double-click (word selection) cancels it. */
const OPEN_DELAY_MS = 250;

/** Text selected inside `el` (a drag or a double-click in the row). */
function hasSelectionIn(el: Element): boolean {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.toString().trim() === '') return false;
  return el.contains(sel.anchorNode) || el.contains(sel.focusNode);
}

/** A click on something that acts by itself (a link, a button, an input). */
function onControl(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('a, button, input, select, textarea, [role="button"]') !== null
  );
}

/** The row's own link (its Task ID), the target of Ctrl-, Cmd- and middle-clicks anywhere on the row. */
function rowHref(row: HTMLElement): string | undefined {
  return row.querySelector<HTMLAnchorElement>('a.rtc-row-link')?.href;
}

let openTimer: number | undefined;

function onRowClick(e: MouseEvent<HTMLTableRowElement>, taskId: string, onOpen: (taskId: string) => void) {
  window.clearTimeout(openTimer);
  const link = e.target instanceof Element ? e.target.closest('a') : null;
  if (e.ctrlKey || e.metaKey || e.shiftKey) {
    // The link itself opens a tab by itself; elsewhere on the row, do what it would.
    if (link) return;
    const href = rowHref(e.currentTarget);
    if (href) window.open(href, '_blank', 'noopener');
    return;
  }
  if (link?.classList.contains('rtc-row-link')) e.preventDefault();
  else if (onControl(e.target)) return;
  if (e.detail > 1) return; // the second click of a double-click: a word is being selected
  const row = e.currentTarget;
  if (hasSelectionIn(row)) return;
  openTimer = window.setTimeout(() => {
    if (!hasSelectionIn(row)) onOpen(taskId);
  }, OPEN_DELAY_MS);
}

function onRowAuxClick(e: MouseEvent<HTMLTableRowElement>) {
  if (e.button !== 1) return;
  if (e.target instanceof Element && e.target.closest('a')) return; // a real link: the browser opens it
  const href = rowHref(e.currentTarget);
  if (!href) return;
  e.preventDefault();
  window.open(href, '_blank', 'noopener');
}

/**
 * The body rows. Memoised: the rows of a page change only with the page, the columns
 * (their `now`) or the visible columns; the screen's other state (toolbar, filters,
 * the export slot, the next page's prefetch) re-renders the table without touching them.
 */
const TaskRows = memo(function TaskRows({
  rows,
  onOpen,
  activeRow,
  onFocusRow,
  rowClassName,
}: {
  rows: Rows;
  /**
   * The column definitions, rebuilt when the screen's clock ticks (the cells' ages and
   * "so far" durations read its `now`) or the keyword changes: a change re-renders the rows
   * (the row model itself keeps its identity while the data does).
   */
  columns: unknown;
  /** The visible column ids, joined: a change re-renders the rows. */
  visibleColumns: string;
  onOpen: (taskId: string) => void;
  /** Keyboard: the one row in the tab order (roving tabindex, see hooks/use-task-shortcuts.ts). */
  activeRow: number;
  onFocusRow: (index: number) => void;
  rowClassName?: (taskId: string | undefined) => string | undefined;
}) {
  return rows.map((row, index) => (
    <tr
      key={row.id}
      tabIndex={index === activeRow ? 0 : -1}
      onFocus={(e) => e.target === e.currentTarget && onFocusRow(index)}
      className={rowClass(rowClassName?.(row.original.TaskId))}
      data-task-id={row.original.TaskId}
      onClick={(e) => row.original.TaskId !== undefined && onRowClick(e, row.original.TaskId, onOpen)}
      onAuxClick={onRowAuxClick}
      onKeyDown={(e) => row.original.TaskId !== undefined && onRowKey(e, row.original.TaskId, onOpen)}
    >
      {row.getVisibleCells().map((cell, i) => (
        <td key={cell.id} className={cellClass(cell.column.id, i)} data-column-id={cell.column.id}>
          {renderCell(cell)}
        </td>
      ))}
    </tr>
  ));
});

const rowClass = (extra: string | undefined) => (extra ? `rtc-row ${extra}` : 'rtc-row');

/** The first two visible columns stay put when the table scrolls sideways. */
function cellClass(columnId: string, index: number): string {
  return index < 2 ? `rtc-col-${columnId} rtc-sticky rtc-sticky-${index}` : `rtc-col-${columnId}`;
}

/** A semantic table styled from antd tokens; TanStack Table provides headers, rows and state. */
export function TaskTable({ table, loading, stale, empty, onOpen, density, rowClassName }: Props) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getVisibleLeafColumns().length;
  // Keyboard: one row in the tab order (roving tabindex); j/k and arrows move it.
  const [focusedRow, setFocusedRow] = useState(0);
  const activeRow = Math.min(focusedRow, Math.max(0, rows.length - 1));

  return (
    <div
      className={`rtc-table-wrap rtc-density-${density}`}
      data-density={density}
      id={TASK_TABLE_ID}
      tabIndex={-1}
    >
      <table className={stale ? 'rtc-table rtc-table-stale' : 'rtc-table'} aria-busy={loading || stale}>
        <caption className="rtc-sr-only">{t('table.caption')}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header, i) => {
                const column = header.column;
                const canSort = column.getCanSort();
                const sorted = column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={cellClass(column.id, i)}
                    aria-sort={canSort ? ariaSort(sorted) : undefined}
                    data-column-id={column.id}
                  >
                    {canSort ? (
                      <button
                        type="button"
                        className="rtc-sort-button"
                        onClick={column.getToggleSortingHandler()}
                        title={t(isDurationColumn(column.id) ? 'table.sortPageOnly' : 'table.sortBy', {
                          column: columnLabel(column.id),
                        })}
                      >
                        <table.FlexRender header={header} />
                        <SortIcon sorted={sorted} />
                        {sorted && isDurationColumn(column.id) ? (
                          <span className="rtc-page-sort-note" data-testid="page-sort-note">
                            {t('table.pageSortNote')}
                          </span>
                        ) : null}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr className="rtc-row-placeholder">
              <td colSpan={columnCount}>
                {loading ? (
                  <div className="rtc-table-loading" role="status">
                    <Spin /> <span>{t('table.loading')}</span>
                  </div>
                ) : (
                  empty
                )}
              </td>
            </tr>
          ) : (
            <TaskRows
              rows={rows}
              columns={table.options.columns}
              visibleColumns={table
                .getVisibleLeafColumns()
                .map((c) => c.id)
                .join(',')}
              onOpen={onOpen}
              activeRow={activeRow}
              onFocusRow={setFocusedRow}
              rowClassName={rowClassName}
            />
          )}
        </tbody>
      </table>
    </div>
  );
}
