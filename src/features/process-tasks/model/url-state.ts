/**
 * The list view lives in the URL, in the API's own vocabulary, so links in tickets and
 * automation reopen exactly what was seen:
 *
 *   /?TaskStatus=90,91&YunCode=WAF&ProcessActionStart=now-24h&OrderField=gmtCreate&Direction=asc
 *   /tasks/<TaskId>?<same list parameters>       (the task's drawer is open)
 *
 * Every parameter's URL form comes from src/shared/catalogue.ts: lists are
 * comma-separated, times are 13-digit ms or relative (`now-24h`), defaults are left out,
 * parameters appear in the catalogue's order. Anything unknown or malformed is dropped
 * and reported as a notice. Leading and trailing whitespace (String.prototype.trim: spaces,
 * tabs, newlines, NBSP, U+3000…) never belongs to a value: it is removed from every value
 * and list item, with a notice; a value of only whitespace counts as absent, with a notice.
 */
import {
  REQUEST_PARAMS,
  TIME_RANGES,
  isValidText,
  requestParam,
  type RequestParam,
} from '../../../shared/catalogue';
import { DEFAULT_VIEW, isReversedRange, type TaskListView, type TaskUrlState } from './task-view';
import { isValidTimeExpr } from './time-expr';

export {
  DEFAULT_VIEW,
  PAGE_SIZES,
  countActiveFilters,
  freezeFilters,
  hasRelativeTimes,
  lastPage,
  pageInRange,
  withFilters,
  type TaskFilters,
  type TaskListView,
  type TaskUrlState,
} from './task-view';

export type NoticeReason =
  | 'unknownParam'
  | 'invalidValue'
  | 'unknownValue'
  | 'repeated'
  | 'rangeOrder'
  | 'trimmed'
  | 'blankValue'
  | 'pastLastPage';
export interface UrlNotice {
  param: string;
  value: string;
  reason: NoticeReason;
}

const TASK_PATH = /^\/tasks\/([^/]+)\/?$/;

/** A list item a link may carry: a documented value or a well-formed undocumented code. */
function isAllowedItem(spec: Extract<RequestParam, { kind: 'list' }>, item: string): boolean {
  return spec.values.some((v) => v === item) || ('open' in spec && spec.open.test(item));
}

/** Reads one URL parameter into `view`; returns why it was dropped, if it was. */
function readParam(
  spec: RequestParam,
  value: string,
  view: TaskListView,
  notices: UrlNotice[],
): NoticeReason | undefined {
  const f = view.filters;
  switch (spec.kind) {
    case 'list': {
      const kept = new Set(f[spec.name]);
      const raw = value.split(',');
      const items = raw.map((s) => s.trim());
      if (items.some((item, i) => item !== '' && item !== raw[i]))
        notices.push({ param: spec.name, value, reason: 'trimmed' });
      for (const item of items) {
        if (item === '') continue;
        if (isAllowedItem(spec, item)) kept.add(item);
        else notices.push({ param: spec.name, value: item, reason: 'unknownValue' });
      }
      if (kept.size > 0) f[spec.name] = [...kept];
      return undefined;
    }
    case 'choice':
      if (!spec.values.some((v) => v === value)) return 'unknownValue';
      f[spec.name] = value;
      return undefined;
    case 'text':
      if (value === '' || !isValidText(spec, value)) return 'invalidValue';
      f[spec.name] = value;
      return undefined;
    case 'time':
      if (!isValidTimeExpr(value)) return 'invalidValue';
      f[spec.name] = value;
      return undefined;
    case 'order': {
      const hit = spec.values.find((v) => v.toLowerCase() === value.toLowerCase());
      if (hit === undefined) return 'unknownValue';
      view.orderField = hit;
      return undefined;
    }
    case 'direction': {
      const hit = spec.values.find((v) => v === value.toLowerCase());
      if (hit === undefined) return 'unknownValue';
      view.direction = hit;
      return undefined;
    }
    case 'page': {
      const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
      if (!(n >= spec.min && n <= spec.max)) return 'invalidValue';
      view.page = n;
      return undefined;
    }
    case 'pageSize': {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!spec.values.some((v) => v === n)) return 'unknownValue';
      view.pageSize = n;
      return undefined;
    }
  }
}

/** Reads the list view from a query string (with or without the leading `?`). */
export function parseSearch(
  search: string,
  now: number = Date.now(),
): { view: TaskListView; notices: UrlNotice[] } {
  const notices: UrlNotice[] = [];
  const view: TaskListView = { ...DEFAULT_VIEW, filters: {} };
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(search)) {
    const spec = requestParam(name);
    if (!spec) {
      notices.push({ param: name, value, reason: 'unknownParam' });
    } else if (seen.has(name) && spec.kind !== 'list') {
      notices.push({ param: name, value, reason: 'repeated' });
    } else if (spec.kind !== 'list' && value !== '' && value.trim() === '') {
      notices.push({ param: name, value, reason: 'blankValue' });
    } else {
      seen.add(name);
      // List items are trimmed one by one (readParam); any other value as a whole.
      const trimmed = spec.kind === 'list' ? value : value.trim();
      const dropped = readParam(spec, trimmed, view, notices);
      if (dropped) notices.push({ param: name, value, reason: dropped });
      else if (trimmed !== value) notices.push({ param: name, value, reason: 'trimmed' });
    }
  }
  // A range whose start lies after its end matches nothing: drop it rather than show an empty list.
  for (const { start, end } of TIME_RANGES) {
    const a = view.filters[start];
    const b = view.filters[end];
    if (!isReversedRange(a, b, now)) continue;
    notices.push({ param: start, value: `${a} > ${b}`, reason: 'rangeOrder' });
    delete view.filters[start];
    delete view.filters[end];
  }
  return { view, notices };
}

/** The open task from a path: `/tasks/<TaskId>`. Any other path means the list. */
export function parsePath(pathname: string): string | undefined {
  const m = TASK_PATH.exec(pathname);
  if (!m?.[1]) return undefined;
  try {
    const id = decodeURIComponent(m[1]);
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

/** The URL value of one parameter in `view`; undefined when it is unset or the default. */
function urlValue(spec: RequestParam, view: TaskListView): string | undefined {
  const f = view.filters;
  switch (spec.kind) {
    case 'list':
      return f[spec.name]?.map(enc).join(',') || undefined;
    case 'choice':
    case 'text':
    case 'time': {
      const v = f[spec.name];
      return v ? enc(v) : undefined;
    }
    case 'order':
      return view.orderField === spec.default ? undefined : view.orderField;
    case 'direction':
      return view.direction === spec.default ? undefined : view.direction;
    case 'page':
      return view.page === spec.default ? undefined : String(view.page);
    case 'pageSize':
      return view.pageSize === spec.default ? undefined : String(view.pageSize);
  }
}

/** The query string of a view, without `?`, defaults left out, in the catalogue's order. */
export function serializeView(view: TaskListView): string {
  return REQUEST_PARAMS.flatMap((spec) => {
    const v = urlValue(spec, view);
    return v === undefined ? [] : [`${spec.name}=${v}`];
  }).join('&');
}

/** Path + query of a state: `/tasks/abc?TaskStatus=90` or `/?…` or `/`. */
export function buildHref(state: TaskUrlState): string {
  const path = state.openTaskId === undefined ? '/' : `/tasks/${enc(state.openTaskId)}`;
  const search = serializeView(state.view);
  return search ? `${path}?${search}` : path;
}
