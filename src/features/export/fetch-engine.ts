/**
 * The export's fetch engine: every task matching a query, page by page (PageSize 100)
 * through the same-origin proxy, with a small bounded concurrency and a request rate it
 * never exceeds; backs off (with jitter, honouring Retry-After) on throttling and
 * transient errors and carries on; cancellable at once through an AbortSignal.
 *
 * Consistency while tasks keep arriving: ProcessActionEnd is frozen to the start time
 * when the filter has none; tasks are de-duplicated by TaskId; the final count is
 * compared with the first page's TotalCount and every page's TotalCount is watched.
 *
 * Environment-agnostic (fetch + AbortController): runs in the page, in Node tests and in
 * the benchmark. It keeps only a TaskId set; rows go to `onPage` as they arrive.
 */
import { PAGE_SIZE_MAX, type DescribeProcessTasksQuery } from '../../shared/sophonsoar';
import { AbortedError, isAbort, realClock, RequestPacer, type Clock } from './pacing';
import { backoffDelay, isRetryable, isThrottling, type Failure } from './retry';

/**
 * Defaults: 4 requests in flight, at most 30 request starts per second. The server tells
 * the page its operator's ceiling (EXPORT_MAX_REQUESTS_PER_SECOND in /api/config, kept
 * within the proxy's per-client budget); this default applies when it does not. Throttling
 * from either side pauses the export and it carries on.
 */
export const EXPORT_CONCURRENCY = 4;
export const EXPORT_MAX_REQUESTS_PER_SECOND = 30;
export const EXPORT_PAGE_SIZE = PAGE_SIZE_MAX;
/** Attempts per page (first try + retries) before the export gives up. */
export const EXPORT_MAX_ATTEMPTS = 10;

export type ExportTask = Readonly<Record<string, unknown>> & { TaskId?: unknown };

/**
 * Only what the engine relies on is checked, by hand rather than with zod: a zod object
 * parse copies every task, and on a 10,000-row export that doubles the page's garbage.
 * Tasks pass through untouched.
 */
export function asPage(body: unknown): Page | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { ProcessTasks: tasks, Page: page } = body as {
    ProcessTasks?: unknown;
    Page?: { TotalCount?: unknown };
  };
  const total = page?.TotalCount;
  if (!Array.isArray(tasks) || typeof total !== 'number' || !Number.isInteger(total) || total < 0)
    return undefined;
  if (!tasks.every((t) => typeof t === 'object' && t !== null && !Array.isArray(t))) return undefined;
  return { tasks: tasks as ExportTask[], totalCount: total };
}

export interface ExportProgress {
  /** Unique rows received so far. */
  rows: number;
  /** TotalCount of the first page (what the export is checked against). */
  totalCount: number | undefined;
  pagesDone: number;
  pagesPlanned: number;
  requests: number;
  retries: number;
  throttled: number;
  elapsedMs: number;
  /** Estimated time left, once something has been fetched. */
  etaMs: number | undefined;
  /** True while the export waits because the server asked it to slow down. */
  backingOff: boolean;
}

export interface ExportResult {
  /** The query actually exported (ProcessActionEnd frozen when the filter had none). */
  frozenQuery: DescribeProcessTasksQuery;
  /** ProcessActionEnd was added by the export (the filter had none). */
  endFrozen: boolean;
  startedAt: number;
  finishedAt: number;
  rows: number;
  duplicatesDropped: number;
  totalCountAtStart: number;
  totalCountMin: number;
  totalCountMax: number;
  /** Some page reported a TotalCount different from the first page's. */
  totalCountChanged: boolean;
  /** rows === totalCountAtStart and the TotalCount never changed. */
  complete: boolean;
  pages: number;
  requests: number;
  retries: number;
  throttled: number;
}

export interface ExportEngineOptions {
  query: DescribeProcessTasksQuery;
  /** Receives each page's new (not yet seen) tasks, in arrival order. Awaited. */
  onPage: (pageNumber: number, tasks: ExportTask[]) => void | Promise<void>;
  onProgress?: (p: ExportProgress) => void;
  /**
   * Asked once after the first page when TotalCount exceeds `confirmAbove`; resolving
   * false cancels. Nothing else is requested while it is pending.
   */
  confirm?: (info: { totalCount: number }) => Promise<boolean>;
  confirmAbove?: number;
  signal?: AbortSignal;
  /** Origin of the proxy; '' (default) means same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  concurrency?: number;
  maxRequestsPerSecond?: number;
  pageSize?: number;
  maxAttempts?: number;
  clock?: Clock;
  random?: () => number;
}

export class ExportError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly requestId?: string,
    readonly status?: number,
    readonly page?: number,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** Adds ProcessActionEnd = `nowMs` when the query has none; strips paging parameters. */
export function freezeQuery(
  query: DescribeProcessTasksQuery,
  nowMs: number,
): { frozen: DescribeProcessTasksQuery; endFrozen: boolean } {
  const { PageNumber: _n, PageSize: _s, ...rest } = query;
  const frozen: DescribeProcessTasksQuery = {};
  for (const [k, v] of Object.entries(rest) as [keyof DescribeProcessTasksQuery, string | undefined][]) {
    if (v !== undefined && v !== '') frozen[k] = v;
  }
  if (frozen.ProcessActionEnd) return { frozen, endFrozen: false };
  return { frozen: { ...frozen, ProcessActionEnd: String(Math.floor(nowMs)) }, endFrozen: true };
}

/** The de-duplication key: the TaskId, or the whole record for a record without one. */
function keyOf(t: ExportTask): string {
  return typeof t.TaskId === 'string' ? 'id:' + t.TaskId : 'raw:' + JSON.stringify(t);
}

export interface Page {
  tasks: ExportTask[];
  totalCount: number;
}

export async function runExport(opts: ExportEngineOptions): Promise<ExportResult> {
  const clock = opts.clock ?? realClock;
  const doFetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? EXPORT_CONCURRENCY));
  const pageSize = opts.pageSize ?? EXPORT_PAGE_SIZE;
  const maxAttempts = opts.maxAttempts ?? EXPORT_MAX_ATTEMPTS;
  const random = opts.random ?? Math.random;
  const pacer = new RequestPacer(opts.maxRequestsPerSecond ?? EXPORT_MAX_REQUESTS_PER_SECOND, clock);

  // One controller for the whole export: Cancel, or a fatal error, stops every request.
  const inner = new AbortController();
  const onOuterAbort = () => inner.abort();
  if (opts.signal?.aborted) throw new AbortedError();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = inner.signal;

  const startedAt = clock.now();
  const { frozen, endFrozen } = freezeQuery(opts.query, startedAt);
  const seen = new Set<string>();
  let duplicates = 0;
  let requests = 0;
  let retries = 0;
  let throttled = 0;
  let pagesDone = 0;
  let pagesPlanned = 1;
  let backoffs = 0;
  let totalAtStart: number | undefined;
  let totalMin = Infinity;
  let totalMax = -Infinity;
  /** Time spent waiting for the analyst's confirmation: not part of the fetch rate. */
  let askedMs = 0;

  const progress = () => {
    if (!opts.onProgress) return;
    const elapsedMs = clock.now() - startedAt;
    const rows = seen.size;
    const left = totalAtStart === undefined ? undefined : Math.max(0, totalAtStart - rows);
    const working = Math.max(0, elapsedMs - askedMs);
    opts.onProgress({
      rows,
      totalCount: totalAtStart,
      pagesDone,
      pagesPlanned,
      requests,
      retries,
      throttled,
      elapsedMs,
      etaMs: rows > 0 && left !== undefined ? Math.round((working / rows) * left) : undefined,
      backingOff: backoffs > 0,
    });
  };

  const url = (pageNumber: number) =>
    `${opts.baseUrl ?? ''}/api/DescribeProcessTasks?` +
    new URLSearchParams({ ...frozen, PageSize: String(pageSize), PageNumber: String(pageNumber) } as Record<
      string,
      string
    >).toString();

  async function fetchPage(pageNumber: number): Promise<Page> {
    for (let attempt = 1; ; attempt++) {
      await pacer.acquire(signal);
      requests++;
      let failure: Failure;
      let detail: string;
      let requestId: string | undefined;
      try {
        const res = await doFetch(url(pageNumber), { signal, headers: { Accept: 'application/json' } });
        const text = await res.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        if (res.ok) {
          const page = asPage(body);
          if (page) return page;
          failure = { status: res.status, malformed: true };
          detail = 'The server sent a page that is not valid JSON of the expected shape.';
        } else {
          const err = (body ?? {}) as { Code?: unknown; Message?: unknown; RequestId?: unknown };
          failure = {
            status: res.status,
            code: typeof err.Code === 'string' ? err.Code : `HTTP${res.status}`,
            retryAfter: res.headers.get('retry-after'),
          };
          detail = typeof err.Message === 'string' ? err.Message : text.slice(0, 200);
          requestId = typeof err.RequestId === 'string' ? err.RequestId : undefined;
        }
      } catch (e) {
        if (isAbort(e) || signal.aborted) throw new AbortedError();
        failure = { network: true, code: 'NetworkError' };
        detail = e instanceof Error ? e.message : String(e);
      }
      if (isThrottling(failure)) throttled++;
      if (!isRetryable(failure) || attempt >= maxAttempts) {
        const code = failure.code ?? (failure.malformed ? 'MalformedResponse' : 'Error');
        throw new ExportError(
          `Page ${pageNumber} failed${attempt > 1 ? ` after ${attempt} attempts` : ''}: ${code}: ${detail}` +
            (requestId ? ` (RequestId ${requestId})` : ''),
          code,
          requestId,
          failure.status,
          pageNumber,
        );
      }
      retries++;
      const delay = backoffDelay(failure, attempt, clock.now(), random);
      // A throttled answer slows the whole export down, not just this page.
      if (isThrottling(failure)) pacer.pauseUntil(clock.now() + delay);
      backoffs++;
      progress();
      try {
        await clock.sleep(delay, signal);
      } finally {
        backoffs--;
      }
    }
  }

  async function accept(pageNumber: number, page: Page): Promise<void> {
    totalMin = Math.min(totalMin, page.totalCount);
    totalMax = Math.max(totalMax, page.totalCount);
    // More tasks than planned (the set grew): fetch the extra pages too.
    pagesPlanned = Math.max(pagesPlanned, Math.ceil(page.totalCount / pageSize));
    const fresh: ExportTask[] = [];
    for (const t of page.tasks) {
      const k = keyOf(t);
      if (seen.has(k)) duplicates++;
      else {
        seen.add(k);
        fresh.push(t);
      }
    }
    await opts.onPage(pageNumber, fresh);
    pagesDone++;
    progress();
  }

  try {
    const first = await fetchPage(1);
    totalAtStart = first.totalCount;
    await accept(1, first);
    if (opts.confirm && first.totalCount > (opts.confirmAbove ?? Infinity)) {
      const askedAt = clock.now();
      const ok = await opts.confirm({ totalCount: first.totalCount });
      askedMs = clock.now() - askedAt;
      if (!ok || signal.aborted) throw new AbortedError();
    }

    let next = 2;
    const worker = async () => {
      while (next <= pagesPlanned) {
        const n = next++;
        const page = await fetchPage(n);
        await accept(n, page);
      }
    };
    const workers = Array.from({ length: concurrency }, worker);
    // First failure stops the others at once (allSettled would let them run on).
    await Promise.all(workers.map((w) => w.catch((e: unknown) => (inner.abort(), Promise.reject(e)))));
  } catch (e) {
    inner.abort();
    if (opts.signal?.aborted) throw new AbortedError();
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }

  const total = totalAtStart ?? 0;
  const changed = totalMin !== total || totalMax !== total;
  return {
    frozenQuery: frozen,
    endFrozen,
    startedAt,
    finishedAt: clock.now(),
    rows: seen.size,
    duplicatesDropped: duplicates,
    totalCountAtStart: total,
    totalCountMin: totalMin,
    totalCountMax: totalMax,
    totalCountChanged: changed,
    complete: !changed && seen.size === total,
    pages: pagesDone,
    requests,
    retries,
    throttled,
  };
}
