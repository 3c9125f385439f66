/**
 * One page of DescribeProcessTasks through the proxy: the one request both the task list
 * and the CSV export make.
 */
import type { DescribeProcessTasksQuery } from '../shared/sophonsoar';
import { apiFetch, malformedResponse, type ApiCallOptions } from './api-client';

/** A task as the page carries it: a JSON object, passed on untouched. */
export type PageTask = Readonly<Record<string, unknown>> & { TaskId?: unknown };

export interface ProcessTasksPage {
  tasks: PageTask[];
  /**
   * Page.TotalCount: tasks matching the query, all pages together. When the answer has no
   * usable TotalCount (the SDK models make Page optional) it is inferred from the page:
   * the tasks up to this page, plus one when the page is full (so a caller fetches on).
   */
  totalCount: number;
  /** False when totalCount was inferred. */
  totalCountKnown: boolean;
  /** The whole body, for callers that validate the tasks further. */
  body: unknown;
}

/**
 * Only what every caller relies on is checked, by hand rather than with zod: a zod object
 * parse copies every task, and on a 10,000-row export that doubles the page's garbage.
 * Read as leniently as the SDK models: `ProcessTasks` missing or null is `[]`, `Page` may
 * be missing (then `paging`, the request's PageNumber and PageSize, infers the count).
 * Returns `{ problem }` naming the field when `body` truly cannot be used.
 */
export function asPage(
  body: unknown,
  paging: { pageNumber: number; pageSize: number } = { pageNumber: 1, pageSize: Infinity },
): Omit<ProcessTasksPage, 'body'> | { problem: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: '(the body)' };
  const { ProcessTasks: rawTasks, Page: page } = body as { ProcessTasks?: unknown; Page?: unknown };
  const tasks = rawTasks === undefined || rawTasks === null ? [] : rawTasks;
  if (!Array.isArray(tasks)) return { problem: 'ProcessTasks' };
  const bad = tasks.findIndex((t) => typeof t !== 'object' || t === null || Array.isArray(t));
  if (bad >= 0) return { problem: `ProcessTasks[${bad}]` };
  if (page !== undefined && page !== null && (typeof page !== 'object' || Array.isArray(page)))
    return { problem: 'Page' };
  const total = (page as { TotalCount?: unknown } | null | undefined)?.TotalCount;
  if (total !== undefined && total !== null) {
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 0)
      return { problem: 'Page.TotalCount' };
    return { tasks: tasks as PageTask[], totalCount: total, totalCountKnown: true };
  }
  const before = (paging.pageNumber - 1) * (Number.isFinite(paging.pageSize) ? paging.pageSize : 0);
  const full = tasks.length >= paging.pageSize;
  return {
    tasks: tasks as PageTask[],
    totalCount: before + tasks.length + (full ? 1 : 0),
    totalCountKnown: false,
  };
}

/**
 * GET /api/DescribeProcessTasks once with `query` (wire form, PageNumber/PageSize
 * included). Errors: ApiRequestError as `apiFetch`, and `MalformedResponse` when a 2xx
 * body is not a page (`asPage`).
 */
export async function fetchProcessTasksPage(
  query: DescribeProcessTasksQuery,
  options?: ApiCallOptions,
): Promise<ProcessTasksPage> {
  const body = await apiFetch('DescribeProcessTasks', query, options);
  const page = asPage(body, {
    pageNumber: Number(query.PageNumber ?? 1),
    pageSize: Number(query.PageSize ?? Infinity),
  });
  if ('problem' in page)
    throw malformedResponse(body, 200, { field: page.problem, message: 'is not usable' });
  return { ...page, body };
}
