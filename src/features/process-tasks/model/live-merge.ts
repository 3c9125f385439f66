/**
 * Live updates that keep the analyst's place: what a refreshed page of the list does to the
 * rows on screen. Pure code, no React.
 *
 * - On page 1 sorted newest created first (`gmtCreate` desc, the list's default order:
 *   shared/catalogue.ts DEFAULT_ORDER_FIELD / DEFAULT_DIRECTION), new tasks wait: the rows
 *   on screen stay where they are, in the same order; the fresh version of each replaces
 *   it in place; the tasks of the fresh page that are not on screen and were created after
 *   the newest one on screen are counted for the "N new tasks: show" banner
 *   (`mergeHeldPage`).
 * - Anywhere else (another page, another order) the fresh page is shown as it is
 *   (`mergeInPlace`), and the rows whose fields changed are named all the same.
 *
 * Rows are matched by TaskId (the first row of an id counts when a page repeats one; rows
 * without a TaskId cannot be matched and are never "changed" nor "new"). A row object that
 * did not change is returned as the same object, so what is memoised on it stays.
 */
import { DEFAULT_DIRECTION, DEFAULT_ORDER_FIELD } from '../../../shared/catalogue';
import type { TaskRecord } from '../../../shared/responses';
import type { TaskListView } from './task-view';

export interface LiveMerge {
  /** The rows to show, in order. */
  rows: TaskRecord[];
  /** Tasks of the fresh page not on screen and created after the newest one on screen. */
  newCount: number;
  /** Every row of a full fresh page is new: there may be more than `newCount`. */
  newAtLeast: boolean;
  /** TaskIds of rows on screen whose fields changed (in the order shown). */
  changedIds: string[];
  /** TaskIds on screen that the fresh page no longer has (they left the filters, or moved to page 2). */
  goneIds: string[];
}

/** Whether new tasks wait behind the banner for this view: page 1, newest created first. */
export function holdsNewTasks(view: Pick<TaskListView, 'page' | 'orderField' | 'direction'>): boolean {
  return view.page === 1 && view.orderField === DEFAULT_ORDER_FIELD && view.direction === DEFAULT_DIRECTION;
}

const idOf = (row: TaskRecord): string | undefined =>
  typeof row.TaskId === 'string' && row.TaskId !== '' ? row.TaskId : undefined;

/** The first row of each TaskId. */
function byId(rows: readonly TaskRecord[]): Map<string, TaskRecord> {
  const map = new Map<string, TaskRecord>();
  for (const row of rows) {
    const id = idOf(row);
    if (id !== undefined && !map.has(id)) map.set(id, row);
  }
  return map;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether two versions of a task differ in any field (fields added or dropped count). */
export function taskChanged(before: TaskRecord, after: TaskRecord): boolean {
  if (before === after) return false;
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const k of Object.keys(a)) if (!sameValue(a[k], b[k])) return true;
  for (const k of Object.keys(b)) if (!(k in a) && b[k] !== undefined) return true;
  return false;
}

const created = (row: TaskRecord): number | undefined =>
  typeof row.GmtCreateMillis === 'number' && Number.isFinite(row.GmtCreateMillis)
    ? row.GmtCreateMillis
    : undefined;

/**
 * Page 1, newest first: `shown` stays in place, each row replaced by its fresh version;
 * `fresh` (the refreshed page, newest first, at most `pageSize` rows) gives the count of
 * new tasks. A task is new when it is not on screen and was created after the newest task
 * on screen (GmtCreateMillis); when either time is missing, when it comes before the first
 * fresh row that is on screen. Tasks that left (or moved to page 2) stay on screen, named
 * in `goneIds`; tasks that entered the filters further down wait, like the new ones, for
 * the analyst to show the fresh page.
 */
export function mergeHeldPage(
  shown: readonly TaskRecord[],
  fresh: readonly TaskRecord[],
  pageSize: number,
): LiveMerge {
  const freshById = byId(fresh);
  const shownById = byId(shown);
  const changedIds: string[] = [];
  const goneIds: string[] = [];
  const rows = shown.map((row) => {
    const id = idOf(row);
    if (id === undefined) return row;
    const next = freshById.get(id);
    if (next === undefined) {
      if (!goneIds.includes(id)) goneIds.push(id);
      return row;
    }
    if (!taskChanged(row, next)) return row;
    if (!changedIds.includes(id)) changedIds.push(id);
    return next;
  });

  let newest: number | undefined;
  for (const row of shown) {
    const c = created(row);
    if (c !== undefined && (newest === undefined || c > newest)) newest = c;
  }
  let firstOnScreen = fresh.findIndex((row) => {
    const id = idOf(row);
    return id !== undefined && shownById.has(id);
  });
  if (firstOnScreen < 0) firstOnScreen = fresh.length;
  const counted = new Set<string>();
  fresh.forEach((row, index) => {
    const id = idOf(row);
    if (id === undefined || shownById.has(id) || counted.has(id)) return;
    const c = created(row);
    const isNew = c !== undefined && newest !== undefined ? c > newest : index < firstOnScreen;
    if (isNew) counted.add(id);
  });
  const newCount = counted.size;
  return {
    rows,
    newCount,
    newAtLeast: newCount > 0 && fresh.length >= pageSize && counted.size === freshById.size,
    changedIds,
    goneIds,
  };
}

/**
 * Any other page or order: the fresh page as it is (rows that did not change keep their
 * object), with the rows on screen whose fields changed named.
 */
export function mergeInPlace(shown: readonly TaskRecord[], fresh: readonly TaskRecord[]): LiveMerge {
  const shownById = byId(shown);
  const changedIds: string[] = [];
  const rows = fresh.map((row) => {
    const id = idOf(row);
    const before = id === undefined ? undefined : shownById.get(id);
    if (before === undefined) return row;
    if (!taskChanged(before, row)) return before;
    if (!changedIds.includes(id!)) changedIds.push(id!);
    return row;
  });
  const freshById = byId(fresh);
  const goneIds = [...shownById.keys()].filter((id) => !freshById.has(id));
  return { rows, newCount: 0, newAtLeast: false, changedIds, goneIds };
}

/**
 * The table's row ids (React keys) for `rows`, by position: the TaskId, so a row keeps its
 * element (focus, text selection, an open tooltip) when a refresh moves it; `<id>#2`, `#3`…
 * for later rows repeating an id, and `#<index>` for a row without one.
 */
export function rowIds(rows: readonly TaskRecord[]): string[] {
  // Unique whatever the data holds (a TaskId may even read "#1"): React needs distinct keys.
  const used = new Set<string>();
  return rows.map((row, index) => {
    const base = idOf(row) ?? `#${index}`;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}#${n}`;
    used.add(key);
    return key;
  });
}
