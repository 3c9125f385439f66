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
  /** Page.TotalCount: tasks matching the query, all pages together. */
  totalCount: number;
  /** The whole body, for callers that validate the tasks further. */
  body: unknown;
}

/**
 * Only what every caller relies on is checked, by hand rather than with zod: a zod object
 * parse copies every task, and on a 10,000-row export that doubles the page's garbage.
 * Returns undefined when `body` is not a page.
 */
export function asPage(body: unknown): Omit<ProcessTasksPage, 'body'> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { ProcessTasks: tasks, Page: page } = body as {
    ProcessTasks?: unknown;
    Page?: { TotalCount?: unknown };
  };
  const total = page?.TotalCount;
  if (!Array.isArray(tasks) || typeof total !== 'number' || !Number.isInteger(total) || total < 0)
    return undefined;
  if (!tasks.every((t) => typeof t === 'object' && t !== null && !Array.isArray(t))) return undefined;
  return { tasks: tasks as PageTask[], totalCount: total };
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
  const page = asPage(body);
  if (!page) throw malformedResponse(body);
  return { ...page, body };
}
