/** The API request of a list view: each parameter in its wire form (src/shared/catalogue.ts). */
import { REQUEST_PARAMS, type RequestParam } from '../../../shared/catalogue';
import type { DescribeProcessTasksQuery } from '../../../shared/sophonsoar';
import { DEFAULT_VIEW, type TaskListView } from './task-view';
import { resolveTimeExpr } from './time-expr';

/** The wire value of one parameter; undefined when it is not sent. */
function wireValue(spec: RequestParam, view: TaskListView, now: number, paging: boolean): string | undefined {
  const f = view.filters;
  switch (spec.kind) {
    case 'list': {
      const items = f[spec.name];
      return items?.length ? JSON.stringify(items) : undefined;
    }
    case 'choice':
    case 'text':
      return f[spec.name] || undefined;
    case 'time': {
      const v = f[spec.name];
      const ms = v === undefined ? undefined : resolveTimeExpr(v, now);
      return ms === undefined ? undefined : String(ms);
    }
    // Always explicit: the API's own default order is not documented.
    case 'order':
      return view.orderField;
    case 'direction':
      return view.direction;
    case 'page':
      return paging ? String(view.page) : undefined;
    case 'pageSize':
      return paging ? String(view.pageSize) : undefined;
  }
}

/**
 * The DescribeProcessTasks query for a view: lists as JSON arrays in a string, relative
 * times resolved to 13-digit ms at `now`, order always stated, paging when asked.
 */
export function toWireQuery(
  view: TaskListView,
  now: number,
  { paging = true }: { paging?: boolean } = {},
): DescribeProcessTasksQuery {
  const q: DescribeProcessTasksQuery = {};
  for (const spec of REQUEST_PARAMS) {
    const v = wireValue(spec, view, now, paging);
    if (v !== undefined) q[spec.name] = v;
  }
  return q;
}

/** Only the filters of a view in wire form, relative times resolved at `now` (for counts). */
export function toWireFilters(
  filters: TaskListView['filters'],
  now: number = Date.now(),
): DescribeProcessTasksQuery {
  const q = toWireQuery({ ...DEFAULT_VIEW, filters }, now, { paging: false });
  delete q.OrderField;
  delete q.Direction;
  return q;
}
