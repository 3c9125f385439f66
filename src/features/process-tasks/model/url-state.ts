/**
 * The list view lives in the URL, in the API's own vocabulary, so links in tickets and
 * automation reopen exactly what was seen:
 *
 *   /?TaskStatus=90,91&YunCode=WAF&ProcessActionStart=now-24h&OrderField=gmtCreate&Direction=asc
 *   /tasks/<TaskId>?<same list parameters>       (the task's drawer is open)
 *
 * Lists are comma-separated, times are 13-digit ms or relative (`now-24h`), defaults are
 * left out. Anything unknown or malformed is dropped and reported as a notice.
 */
import {
  DIRECTIONS,
  ENTITY_TYPES,
  ORDER_FIELDS,
  PAGE_SIZE_DEFAULT,
  SOURCES,
  TASK_STATUSES,
  YUN_CODES,
  describeProcessTasksParamsSchema,
  type DescribeProcessTasksQuery,
  type Direction,
  type OrderField,
} from '../../../shared/sophonsoar';
import { isRelative, isValidTimeExpr, resolveTimeExpr, type TimeExpr } from './time-expr';

export const LIST_PARAMS = ['TaskStatus', 'Source', 'YunCode'] as const;
export const CHOICE_PARAMS = ['TriggerSource', 'EntityType'] as const;
export const TEXT_PARAMS = [
  'EntityName',
  'SceneCode',
  'TaskId',
  'EventUuid',
  'EntityUuid',
  'ReqUuid',
  'ProcessStrategyUuid',
  'Scope',
  'ParamContent',
] as const;
export const TIME_PARAMS = [
  'ProcessActionStart',
  'ProcessActionEnd',
  'ProcessRemoveStart',
  'ProcessRemoveEnd',
] as const;
export const TIME_RANGES = [
  ['ProcessActionStart', 'ProcessActionEnd'],
  ['ProcessRemoveStart', 'ProcessRemoveEnd'],
] as const;

export type ListParam = (typeof LIST_PARAMS)[number];
export type ChoiceParam = (typeof CHOICE_PARAMS)[number];
export type TextParam = (typeof TEXT_PARAMS)[number];
export type TimeParam = (typeof TIME_PARAMS)[number];
export type FilterParam = ListParam | ChoiceParam | TextParam | TimeParam;

/** Every filter is optional; absent means "not filtered". Lists are never empty. */
export type TaskFilters = Partial<Record<ListParam, string[]>> &
  Partial<Record<ChoiceParam | TextParam, string>> &
  Partial<Record<TimeParam, TimeExpr>>;

export const PAGE_SIZES = [10, 20, 50, 100] as const;

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

export type NoticeReason = 'unknownParam' | 'invalidValue' | 'unknownValue' | 'repeated' | 'rangeOrder';
export interface UrlNotice {
  param: string;
  value: string;
  reason: NoticeReason;
}

export const DEFAULT_VIEW: TaskListView = Object.freeze({
  filters: Object.freeze({}) as TaskFilters,
  orderField: 'gmtCreate',
  direction: 'desc',
  page: 1,
  pageSize: PAGE_SIZE_DEFAULT,
});

const ALLOWED: Record<ListParam | ChoiceParam, readonly string[]> = {
  TaskStatus: TASK_STATUSES.map(String),
  Source: SOURCES,
  YunCode: YUN_CODES,
  TriggerSource: SOURCES,
  EntityType: ENTITY_TYPES,
};

/**
 * Codes outside the documented lists that a link may still carry: the API returns
 * undocumented status codes and products (shown as "Unknown (25)"), and an analyst must be
 * able to filter on what the table shows. Only well-formed codes pass; anything else is
 * dropped with a notice.
 */
const WELL_FORMED_UNKNOWN: Partial<Record<ListParam | ChoiceParam, RegExp>> = {
  TaskStatus: /^\d{1,4}$/,
  YunCode: /^[A-Za-z][A-Za-z0-9_-]{0,31}$/,
};

function isAllowed(param: ListParam | ChoiceParam, value: string): boolean {
  return ALLOWED[param].includes(value) || (WELL_FORMED_UNKNOWN[param]?.test(value) ?? false);
}

const KNOWN_PARAMS = new Set<string>([
  ...LIST_PARAMS,
  ...CHOICE_PARAMS,
  ...TEXT_PARAMS,
  ...TIME_PARAMS,
  'OrderField',
  'Direction',
  'PageNumber',
  'PageSize',
]);

const TASK_PATH = /^\/tasks\/([^/]+)\/?$/;
const MAX_PAGE = 1_000_000;

function textIsValid(param: TextParam, value: string): boolean {
  return value.trim() !== '' && describeProcessTasksParamsSchema.shape[param].safeParse(value).success;
}

/** Reads the list view from a query string (with or without the leading `?`). */
export function parseSearch(
  search: string,
  now: number = Date.now(),
): { view: TaskListView; notices: UrlNotice[] } {
  const params = new URLSearchParams(search);
  const notices: UrlNotice[] = [];
  const filters: TaskFilters = {};
  const view: TaskListView = { ...DEFAULT_VIEW, filters };
  const seen = new Set<string>();

  for (const [name, value] of params) {
    if (!KNOWN_PARAMS.has(name)) {
      notices.push({ param: name, value, reason: 'unknownParam' });
      continue;
    }
    const isList = (LIST_PARAMS as readonly string[]).includes(name);
    if (seen.has(name) && !isList) {
      notices.push({ param: name, value, reason: 'repeated' });
      continue;
    }
    seen.add(name);

    if (isList) {
      const param = name as ListParam;
      const items = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const kept = new Set(filters[param] ?? []);
      for (const item of items) {
        if (isAllowed(param, item)) kept.add(item);
        else notices.push({ param, value: item, reason: 'unknownValue' });
      }
      if (kept.size > 0) filters[param] = [...kept];
      continue;
    }
    if ((CHOICE_PARAMS as readonly string[]).includes(name)) {
      const param = name as ChoiceParam;
      if (isAllowed(param, value)) filters[param] = value;
      else notices.push({ param, value, reason: 'unknownValue' });
      continue;
    }
    if ((TEXT_PARAMS as readonly string[]).includes(name)) {
      const param = name as TextParam;
      if (textIsValid(param, value)) filters[param] = value;
      else notices.push({ param, value, reason: 'invalidValue' });
      continue;
    }
    if ((TIME_PARAMS as readonly string[]).includes(name)) {
      if (isValidTimeExpr(value)) filters[name as TimeParam] = value;
      else notices.push({ param: name, value, reason: 'invalidValue' });
      continue;
    }
    switch (name) {
      case 'OrderField': {
        const hit = ORDER_FIELDS.find((f) => f.toLowerCase() === value.toLowerCase());
        if (hit) view.orderField = hit;
        else notices.push({ param: name, value, reason: 'unknownValue' });
        break;
      }
      case 'Direction': {
        const hit = DIRECTIONS.find((d) => d === value.toLowerCase());
        if (hit) view.direction = hit;
        else notices.push({ param: name, value, reason: 'unknownValue' });
        break;
      }
      case 'PageNumber': {
        const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
        if (n >= 1 && n <= MAX_PAGE) view.page = n;
        else notices.push({ param: name, value, reason: 'invalidValue' });
        break;
      }
      case 'PageSize': {
        const n = Number(value);
        if ((PAGE_SIZES as readonly number[]).includes(n) && /^\d+$/.test(value)) view.pageSize = n;
        else notices.push({ param: name, value, reason: 'unknownValue' });
        break;
      }
    }
  }

  // A range whose start lies after its end matches nothing: drop it rather than show an empty list.
  for (const [startParam, endParam] of TIME_RANGES) {
    const start = filters[startParam];
    const end = filters[endParam];
    if (start === undefined || end === undefined) continue;
    const a = resolveTimeExpr(start, now);
    const b = resolveTimeExpr(end, now);
    if (a !== undefined && b !== undefined && a > b) {
      notices.push({ param: startParam, value: `${start} > ${end}`, reason: 'rangeOrder' });
      delete filters[startParam];
      delete filters[endParam];
    }
  }
  return { view, notices };
}

/** The open task from a path: `/tasks/<TaskId>`. Any other path means the list. */
export function parsePath(pathname: string): string | undefined {
  const m = TASK_PATH.exec(pathname);
  if (!m) return undefined;
  try {
    const id = decodeURIComponent(m[1]!);
    return id.trim() === '' ? undefined : id;
  } catch {
    return undefined;
  }
}

export function parseLocation(
  pathname: string,
  search: string,
  now: number = Date.now(),
): { state: TaskUrlState; notices: UrlNotice[] } {
  const { view, notices } = parseSearch(search, now);
  const openTaskId = parsePath(pathname);
  return { state: openTaskId === undefined ? { view } : { view, openTaskId }, notices };
}

// Only the item/value is encoded: commas between list items stay literal (`90,91`).
const enc = (s: string) => encodeURIComponent(s);

/** The query string of a view, without `?`, defaults left out, in a stable order. */
export function serializeView(view: TaskListView): string {
  const parts: string[] = [];
  const f = view.filters;
  for (const p of LIST_PARAMS) {
    const items = f[p];
    if (items && items.length > 0) parts.push(`${p}=${items.map(enc).join(',')}`);
  }
  for (const p of [...CHOICE_PARAMS, ...TEXT_PARAMS, ...TIME_PARAMS]) {
    const v = f[p];
    if (v !== undefined && v !== '') parts.push(`${p}=${enc(v)}`);
  }
  if (view.orderField !== DEFAULT_VIEW.orderField) parts.push(`OrderField=${view.orderField}`);
  if (view.direction !== DEFAULT_VIEW.direction) parts.push(`Direction=${view.direction}`);
  if (view.page !== DEFAULT_VIEW.page) parts.push(`PageNumber=${view.page}`);
  if (view.pageSize !== DEFAULT_VIEW.pageSize) parts.push(`PageSize=${view.pageSize}`);
  return parts.join('&');
}

/** Path + query of a state: `/tasks/abc?TaskStatus=90` or `/?…` or `/`. */
export function buildHref(state: TaskUrlState): string {
  const path = state.openTaskId === undefined ? '/' : `/tasks/${enc(state.openTaskId)}`;
  const search = serializeView(state.view);
  return search ? `${path}?${search}` : path;
}

/** The API request for a view, relative times resolved at `now`. */
export function toWireQuery(
  view: TaskListView,
  now: number,
  { paging = true }: { paging?: boolean } = {},
): DescribeProcessTasksQuery {
  const q: DescribeProcessTasksQuery = {};
  const f = view.filters;
  for (const p of LIST_PARAMS) {
    const items = f[p];
    if (items && items.length > 0) q[p] = JSON.stringify(items);
  }
  for (const p of [...CHOICE_PARAMS, ...TEXT_PARAMS]) {
    const v = f[p];
    if (v !== undefined && v !== '') q[p] = v;
  }
  for (const p of TIME_PARAMS) {
    const v = f[p];
    const ms = v === undefined ? undefined : resolveTimeExpr(v, now);
    if (ms !== undefined) q[p] = String(ms);
  }
  // Always explicit: the API's own default order is not documented.
  q.OrderField = view.orderField;
  q.Direction = view.direction;
  if (paging) {
    q.PageNumber = String(view.page);
    q.PageSize = String(view.pageSize);
  }
  return q;
}

/** The view a wire query describes (used to build links from the export's query). */
export function viewFromWireQuery(query: DescribeProcessTasksQuery): {
  view: TaskListView;
  notices: UrlNotice[];
} {
  const parts: string[] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    let value = raw;
    if ((LIST_PARAMS as readonly string[]).includes(name)) {
      try {
        const arr: unknown = JSON.parse(raw);
        value = Array.isArray(arr) ? arr.map(String).join(',') : raw;
      } catch {
        // Not a JSON array: parseSearch reports it.
      }
    }
    parts.push(`${enc(name)}=${enc(value)}`);
  }
  return parseSearch(parts.join('&'));
}

/** Replaces relative times by the ms they mean at `now`; an open-ended relative range gets `now` as its end. */
export function freezeFilters(filters: TaskFilters, now: number): TaskFilters {
  const out: TaskFilters = { ...filters };
  for (const [startParam, endParam] of TIME_RANGES) {
    const start = out[startParam];
    const end = out[endParam];
    const relative = (start !== undefined && isRelative(start)) || (end !== undefined && isRelative(end));
    if (!relative) continue;
    if (start !== undefined) out[startParam] = String(resolveTimeExpr(start, now));
    out[endParam] = String(end === undefined ? now : resolveTimeExpr(end, now));
  }
  return out;
}

export function hasRelativeTimes(filters: TaskFilters): boolean {
  return TIME_PARAMS.some((p) => {
    const v = filters[p];
    return v !== undefined && isRelative(v);
  });
}

export function countActiveFilters(filters: TaskFilters): number {
  return Object.values(filters).filter((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)).length;
}

/** A new view with one filter changed; filters and sort changes go back to page 1. */
export function withFilters(view: TaskListView, patch: Partial<TaskFilters>): TaskListView {
  const filters: TaskFilters = { ...view.filters };
  for (const [k, v] of Object.entries(patch) as [FilterParam, string | string[] | undefined][]) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete filters[k];
    else (filters as Record<string, string | string[]>)[k] = v;
  }
  return { ...view, filters, page: 1 };
}
