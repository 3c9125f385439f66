/** The list view (filters, sort, page) and the operations on its filters. */
import {
  DEFAULT_DIRECTION,
  DEFAULT_ORDER_FIELD,
  FILTER_PARAMS,
  PAGE_SIZE_DEFAULT,
  TIME_RANGES,
  type Direction,
  type FilterParam,
  type OrderField,
} from '../../../shared/catalogue';
import { isRelative, resolveTimeExpr } from './time-expr';

export { PAGE_SIZES } from '../../../shared/catalogue';

/**
 * Every filter is optional; absent means "not filtered". Lists are never empty; times
 * are time expressions (`now-24h` or 13-digit ms, see time-expr.ts).
 */
export type TaskFilters = {
  [P in FilterParam as P['name']]?: P extends { kind: 'list' } ? string[] : string;
};

export interface TaskListView {
  filters: TaskFilters;
  orderField: OrderField;
  direction: Direction;
  /** 1-based, as the API counts. */
  page: number;
  pageSize: number;
}

export interface TaskUrlState {
  view: TaskListView;
  /** The task whose drawer is open (`/tasks/<TaskId>`). */
  openTaskId?: string;
}

export const DEFAULT_VIEW: TaskListView = Object.freeze({
  filters: Object.freeze({}),
  orderField: DEFAULT_ORDER_FIELD,
  direction: DEFAULT_DIRECTION,
  page: 1,
  pageSize: PAGE_SIZE_DEFAULT,
});

const isSet = (v: string | readonly string[] | undefined) => v !== undefined && v.length > 0;

/**
 * Copies one filter from `from` to `to`, trimmed (list items one by one), or removes it
 * from `to` when `from` has none or only whitespace.
 */
function copyFilter(spec: FilterParam, from: TaskFilters, to: TaskFilters): void {
  if (spec.kind === 'list') {
    const v = from[spec.name]?.map((item) => item.trim()).filter((item) => item !== '');
    if (v && isSet(v)) to[spec.name] = [...new Set(v)];
    else delete to[spec.name];
    return;
  }
  const v = from[spec.name]?.trim();
  if (v && isSet(v)) to[spec.name] = v;
  else delete to[spec.name];
}

/**
 * A new view with some filters changed (empty or whitespace-only means cleared; values
 * trimmed, as the URL codec reads them); back to page 1.
 */
export function withFilters(view: TaskListView, patch: Partial<TaskFilters>): TaskListView {
  const filters: TaskFilters = { ...view.filters };
  for (const spec of FILTER_PARAMS) if (spec.name in patch) copyFilter(spec, patch, filters);
  return { ...view, filters, page: 1 };
}

/** The last page of `totalCount` tasks at `pageSize` a page (1 when there are none). */
export function lastPage(totalCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalCount / pageSize));
}

/**
 * The page to show instead of `view.page` when it lies past the end of `totalCount`
 * tasks (the last page); undefined when the page exists.
 */
export function pageInRange(view: TaskListView, totalCount: number): number | undefined {
  const last = lastPage(totalCount, view.pageSize);
  return view.page > last ? last : undefined;
}

export function countActiveFilters(filters: TaskFilters): number {
  return FILTER_PARAMS.filter((spec) => isSet(filters[spec.name])).length;
}

export function hasRelativeTimes(filters: TaskFilters): boolean {
  return FILTER_PARAMS.some((spec) => {
    const v = spec.kind === 'time' ? filters[spec.name] : undefined;
    return v !== undefined && isRelative(v);
  });
}

/** Every time filter as the 13-digit ms it means at `now` (what the wire query sends). */
export function resolveTimes(filters: TaskFilters, now: number): TaskFilters {
  const out: TaskFilters = { ...filters };
  for (const spec of FILTER_PARAMS) {
    if (spec.kind !== 'time') continue;
    const v = out[spec.name];
    const ms = v === undefined ? undefined : resolveTimeExpr(v, now);
    if (ms === undefined) delete out[spec.name];
    else out[spec.name] = String(ms);
  }
  return out;
}

/**
 * The view that reopens exactly what an export fetched: times as the ms the export sent
 * (resolved at `resolvedAt`), the processed-time upper bound the export froze when the
 * filter had none (`frozenEndMs`), the same order, first page, default page size.
 */
export function exportedView(
  view: TaskListView,
  resolvedAt: number,
  frozenEndMs: number | undefined,
): TaskListView {
  const filters = resolveTimes(view.filters, resolvedAt);
  if (frozenEndMs !== undefined) filters.ProcessActionEnd = String(frozenEndMs);
  return { ...DEFAULT_VIEW, filters, orderField: view.orderField, direction: view.direction };
}

/** Replaces relative times by the ms they mean at `now`; an open-ended relative range gets `now` as its end. */
export function freezeFilters(filters: TaskFilters, now: number): TaskFilters {
  const out: TaskFilters = { ...filters };
  for (const { start: startParam, end: endParam } of TIME_RANGES) {
    const start = out[startParam];
    const end = out[endParam];
    const relative = (start !== undefined && isRelative(start)) || (end !== undefined && isRelative(end));
    if (!relative) continue;
    if (start !== undefined) out[startParam] = String(resolveTimeExpr(start, now));
    out[endParam] = String(end === undefined ? now : resolveTimeExpr(end, now));
  }
  return out;
}

/** A relative or absolute range whose start lies after its end (it would match nothing). */
export function isReversedRange(start: string | undefined, end: string | undefined, now: number): boolean {
  if (start === undefined || end === undefined) return false;
  const a = resolveTimeExpr(start, now);
  const b = resolveTimeExpr(end, now);
  return a !== undefined && b !== undefined && a > b;
}
