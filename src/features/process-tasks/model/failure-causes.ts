/**
 * Failures by cause: the failed tasks of a filter, grouped by ErrCode.
 *
 * DescribeProcessTasks cannot filter or order by ErrCode, and its keyword (ParamContent)
 * does not search ErrCode, ErrMsg or ErrTip (sophonsoar-api.md: entity, scene and input
 * only). So the breakdown pages through the failed tasks (TaskStatus 90, 91, 92, or the
 * ones of them the status filter keeps), newest created first, PageSize 100 (the API's
 * maximum), up to a bound, and groups what it fetched. When it stops short the groups are
 * "based on N of M": N tasks fetched of the M the API counts (Page.TotalCount).
 */
import { FAILED_TASK_STATUSES } from '../../../shared/catalogue';

/** How many failed tasks the breakdown reads at most when no other bound is set. */
export const FAILURE_SCAN_BOUND_DEFAULT = 2000;
/** Smallest and largest bound accepted (one page; 50 pages of 100). */
export const FAILURE_SCAN_BOUND_MIN = 1;
export const FAILURE_SCAN_BOUND_MAX = 5000;
/**
 * The analyst's bound on the tasks read (a whole number, 1–5,000; default 2,000), kept in
 * localStorage under this key (JSON number) and set with the panel's "Read at most" field.
 */
export const FAILURE_SCAN_BOUND_STORAGE_KEY = 'rtc.process-tasks.failure-scan-bound.v1';
/** DescribeProcessTasks' largest PageSize (sophonsoar-api.md). */
export const FAILURE_SCAN_PAGE_SIZE = 100;

export interface FailureFields {
  TaskId?: string;
  TaskStatus?: number;
  ErrCode?: string;
  ErrMsg?: string;
  ErrTip?: string;
  YunCode?: string;
}

/**
 * The TaskStatus values to scan (wire strings): the failed statuses, intersected with the
 * status filter when it has any. Empty when the filter keeps no failed status.
 */
export function failedStatuses(statusFilter: readonly string[] | undefined): string[] {
  const failed = FAILED_TASK_STATUSES.map(String);
  if (!statusFilter?.length) return failed;
  return failed.filter((s) => statusFilter.includes(s));
}

/** A value and how many tasks of the group carry it. */
export interface Tally {
  value: string;
  count: number;
}

export interface CauseGroup<T> {
  /** The ErrCode; undefined for the tasks without one (the "no code" group). */
  code: string | undefined;
  count: number;
  /** Distinct ErrMsg values, the most frequent first (ties in the order first met). */
  messages: Tally[];
  /** Distinct ErrTip values (the fix hint), as messages. */
  tips: Tally[];
  /** Distinct products (YunCode), as messages. */
  products: Tally[];
  /** The group's tasks, in the order fetched. */
  tasks: T[];
}

function tally(values: (string | undefined)[]): Tally[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  // Map keeps insertion order and Array.prototype.sort is stable: ties stay as first met.
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}

/**
 * Groups tasks by ErrCode (missing or empty → the "no code" group, `code` undefined).
 * Ordered by count, largest first; ties by ErrCode (code-point order), the "no code"
 * group after the coded ones.
 */
export function groupByCause<T extends FailureFields>(tasks: readonly T[]): CauseGroup<T>[] {
  const byCode = new Map<string | undefined, T[]>();
  for (const task of tasks) {
    const code = task.ErrCode || undefined;
    const list = byCode.get(code);
    if (list) list.push(task);
    else byCode.set(code, [task]);
  }
  const groups = [...byCode].map(([code, list]) => ({
    code,
    count: list.length,
    messages: tally(list.map((t) => t.ErrMsg)),
    tips: tally(list.map((t) => t.ErrTip)),
    products: tally(list.map((t) => t.YunCode)),
    tasks: list,
  }));
  return groups.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    if (a.code === undefined || b.code === undefined) return a.code === undefined ? 1 : -1;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** One page of failed tasks: the tasks and the API's Page.TotalCount for the query. */
export interface FailedPage<T> {
  tasks: T[];
  totalCount: number;
}

/** Fetches page `pageNumber` (from 1) of `pageSize` failed tasks, in one fixed order. */
export type FetchFailedPage<T> = (
  pageNumber: number,
  pageSize: number,
  signal: AbortSignal,
) => Promise<FailedPage<T>>;

export interface ScanProgress {
  /** Tasks fetched so far. */
  fetched: number;
  /** Tasks the scan will read: min(bound, TotalCount); undefined before the first page. */
  target: number | undefined;
}

export interface ScanResult<T> {
  /** The tasks fetched (at most `bound`, each TaskId once). */
  tasks: T[];
  /** Page.TotalCount of the last page read: every failed task of the filter. */
  total: number;
  /** True when every counted task was read ("based on N of M" otherwise). */
  complete: boolean;
}

/**
 * Reads failed tasks page by page through `fetchPage` until `bound` tasks, the API's
 * TotalCount, or an empty page. A task met twice (the list moved between pages) counts
 * once. Errors: whatever `fetchPage` throws (an abort through `signal` included).
 */
export async function scanFailedTasks<T extends FailureFields>(
  fetchPage: FetchFailedPage<T>,
  {
    bound = FAILURE_SCAN_BOUND_DEFAULT,
    pageSize = FAILURE_SCAN_PAGE_SIZE,
    signal,
    onProgress,
  }: {
    bound?: number;
    pageSize?: number;
    signal: AbortSignal;
    onProgress?: (p: ScanProgress) => void;
  },
): Promise<ScanResult<T>> {
  if (!Number.isInteger(bound) || bound < 1)
    throw new RangeError(`bound must be a whole number ≥ 1, got ${bound}`);
  const tasks: T[] = [];
  const seen = new Set<string>();
  let total: number;
  onProgress?.({ fetched: 0, target: undefined });
  for (let pageNumber = 1; ; pageNumber++) {
    signal.throwIfAborted();
    const page = await fetchPage(pageNumber, pageSize, signal);
    total = page.totalCount;
    for (const task of page.tasks) {
      if (tasks.length >= bound) break;
      if (task.TaskId !== undefined) {
        if (seen.has(task.TaskId)) continue;
        seen.add(task.TaskId);
      }
      tasks.push(task);
    }
    const target = Math.min(bound, total);
    onProgress?.({ fetched: tasks.length, target });
    if (tasks.length >= target || page.tasks.length === 0 || pageNumber * pageSize >= total) break;
  }
  return { tasks, total, complete: tasks.length >= total };
}

/** Reads a bound from a setting's text ("500"); undefined when it is not a whole number within the limits. */
export function parseScanBound(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || !/^\d{1,5}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n >= FAILURE_SCAN_BOUND_MIN && n <= FAILURE_SCAN_BOUND_MAX ? n : undefined;
}
