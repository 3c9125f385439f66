/**
 * The summary strip's counts and the filter options' counts, as count queries: each one is
 * a DescribeProcessTasks with PageSize 1 whose `Page.TotalCount` is the count (the API has
 * no grouped count). Pure: the queries are built here, fetched in api/get-status-counts.ts.
 *
 * - Strip: for the current filters with TaskStatus left out, one query per status group
 *   (shared/catalogue.ts TASK_STATUS_GROUPS: in progress 11, 21, 22; done 20, 23, 24;
 *   failed 90, 91, 92), one without any status (the total; Unknown = total − the three
 *   groups, i.e. codes outside the documented list), and the stuck query (model/stuck.ts:
 *   TaskStatus 11, ProcessActionEnd = now − threshold). That is SUMMARY_COUNT_CALLS (5)
 *   calls per filter set, never more.
 * - Options: for the status, product and source filters, one query per option, for the
 *   current filters with that filter left out; at most OPTION_COUNT_CALLS_MAX per dropdown.
 *
 * Filters stay in the view's own form (relative times such as `now-30m` unresolved, list
 * items sorted) so the same count asked by the strip and by an option is one query, and a
 * key does not change with the clock; times are resolved when the query runs.
 */
import { TASK_STATUS_GROUPS, type FilterParamName, type TaskStatusGroup } from '../../../shared/catalogue';
import { STUCK_STATUSES } from './stuck';
import { DEFAULT_VIEW, type TaskFilters, type TaskListView } from './task-view';
import { resolveTimeExpr } from './time-expr';

/** The status groups in the strip's order. */
export const STATUS_GROUPS: readonly TaskStatusGroup[] = ['inProgress', 'done', 'failed'];

/** What one count query counts. */
export type SummaryCountId = TaskStatusGroup | 'total' | 'stuck';

export interface CountQuery<Id extends string = string> {
  id: Id;
  /** The filters of the query, in the view's form (see the top of the file). */
  filters: TaskFilters;
}

/** Count calls per filter set for the strip: total, three groups, stuck. */
export const SUMMARY_COUNT_CALLS = 5;
/** Most count calls one filter's dropdown makes when it opens (its first options; the rest show no count). */
export const OPTION_COUNT_CALLS_MAX = 12;
/** The filters whose options show counts. */
export const COUNTED_FILTERS = [
  'TaskStatus',
  'YunCode',
  'Source',
] as const satisfies readonly FilterParamName[];
export type CountedFilter = (typeof COUNTED_FILTERS)[number];

/** The group's codes as TaskStatus items, e.g. `['11', '21', '22']`. */
export const groupCodes = (group: TaskStatusGroup): string[] => TASK_STATUS_GROUPS[group].map(String);

/** The name of each status group (message keys of lib/messages-en.ts): the strip's buttons, the status filter's summary. */
export const GROUP_LABEL = {
  inProgress: 'summary.inProgress',
  done: 'summary.done',
  failed: 'summary.failed',
} as const satisfies Record<TaskStatusGroup, string>;

/** The status group whose codes are exactly `codes` (any order), if one is. */
export function groupOfCodes(codes: readonly string[]): TaskStatusGroup | undefined {
  const chosen = [...new Set(codes)].sort().join();
  return STATUS_GROUPS.find((g) => groupCodes(g).sort().join() === chosen);
}

/** `filters` with list items sorted and `leaveOut` removed: one form for one set of tasks. */
export function canonicalFilters(filters: TaskFilters, leaveOut?: FilterParamName): TaskFilters {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(filters) as [string, string | string[] | undefined][]) {
    if (value === undefined || name === leaveOut) continue;
    out[name] = Array.isArray(value) ? [...value].sort() : value;
  }
  return out as TaskFilters;
}

/** Minutes of a threshold as a relative time, e.g. 30 min → `now-30m`. */
export const thresholdExpr = (thresholdMs: number): string => `now-${Math.round(thresholdMs / 60_000)}m`;

/**
 * The stuck filters: `filters` with TaskStatus 11 and ProcessActionEnd = now − threshold
 * (or the filters' own processed-time end when it is earlier at `now`, ms).
 */
export function stuckFilters(filters: TaskFilters, thresholdMs: number, now: number): TaskFilters {
  const out = canonicalFilters(filters, 'TaskStatus');
  out.TaskStatus = STUCK_STATUSES.map(String);
  const own = out.ProcessActionEnd === undefined ? undefined : resolveTimeExpr(out.ProcessActionEnd, now);
  if (own === undefined || own > now - thresholdMs) out.ProcessActionEnd = thresholdExpr(thresholdMs);
  return out;
}

/** The strip's count queries for `filters` (TaskStatus left out): exactly SUMMARY_COUNT_CALLS. */
export function summaryCountQueries(
  filters: TaskFilters,
  thresholdMs: number,
  now: number,
): CountQuery<SummaryCountId>[] {
  const base = canonicalFilters(filters, 'TaskStatus');
  return [
    { id: 'total', filters: base },
    ...STATUS_GROUPS.map((group) => ({ id: group, filters: { ...base, TaskStatus: groupCodes(group) } })),
    { id: 'stuck', filters: stuckFilters(filters, thresholdMs, now) },
  ];
}

export interface StatusSummary {
  total: number;
  inProgress: number;
  done: number;
  failed: number;
  /** Tasks whose code is outside the three groups (total − the groups), never below 0. */
  unknown: number;
  stuck: number | undefined;
}

/**
 * The strip's figures from the counts answered so far; undefined until total and the three
 * groups are known (a partial strip would show a wrong Unknown). Stuck may come later.
 */
export function summarize(counts: Partial<Record<SummaryCountId, number>>): StatusSummary | undefined {
  const { total, inProgress, done, failed } = counts;
  if (total === undefined || inProgress === undefined || done === undefined || failed === undefined)
    return undefined;
  return {
    total,
    inProgress,
    done,
    failed,
    unknown: Math.max(0, total - inProgress - done - failed),
    stuck: counts.stuck,
  };
}

/**
 * The count queries of one filter's options: the current filters with that filter left
 * out, plus the option's value; at most OPTION_COUNT_CALLS_MAX, in the options' order.
 */
export function optionCountQueries(
  param: CountedFilter,
  filters: TaskFilters,
  values: readonly string[],
): CountQuery[] {
  const base = canonicalFilters(filters, param);
  return values.slice(0, OPTION_COUNT_CALLS_MAX).map((value) => ({
    id: value,
    filters: { ...base, [param]: [value] },
  }));
}

/** The group whose codes are exactly the TaskStatus filter (in any order), if any. */
export function activeGroup(filters: TaskFilters): TaskStatusGroup | undefined {
  const set = filters.TaskStatus;
  if (!set) return undefined;
  const key = [...set].sort().join(',');
  return STATUS_GROUPS.find((g) => groupCodes(g).sort().join(',') === key);
}

/** The view a click on a group opens: the current view, TaskStatus = the group's codes, page 1. */
export function groupView(view: TaskListView, group: TaskStatusGroup): TaskListView {
  return { ...view, filters: { ...view.filters, TaskStatus: groupCodes(group) }, page: 1 };
}

/**
 * The view a click on "Stuck?" opens (a link reopens it): the stuck filters (relative, so
 * the link means "stuck now"), oldest processed first (OrderField processTime ascending).
 */
export function stuckView(view: TaskListView, thresholdMs: number, now: number): TaskListView {
  return {
    ...DEFAULT_VIEW,
    pageSize: view.pageSize,
    filters: stuckFilters(view.filters, thresholdMs, now),
    orderField: 'processTime',
    direction: 'asc',
  };
}

/** True when `view` is the stuck list of `thresholdMs` (for the button's pressed state). */
export function isStuckView(view: TaskListView, thresholdMs: number): boolean {
  const s = view.filters.TaskStatus;
  return (
    s?.length === 1 &&
    s[0] === String(STUCK_STATUSES[0]) &&
    view.filters.ProcessActionEnd === thresholdExpr(thresholdMs) &&
    view.orderField === 'processTime' &&
    view.direction === 'asc'
  );
}
