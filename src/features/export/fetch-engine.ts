/**
 * The export's fetch engine: every task matching a query, page by page (PageSize 100)
 * through the same-origin proxy, with a small bounded concurrency and a request rate it
 * never exceeds; backs off (retry.ts) and carries on; cancellable at once through an
 * AbortSignal.
 *
 * Consistency while tasks keep arriving: ProcessActionEnd is frozen to the start time
 * when the filter has none; tasks are de-duplicated by TaskId; the final count is
 * compared with the first page's TotalCount and every page's TotalCount is watched.
 *
 * Environment-agnostic (fetch + AbortController): runs in the page, in Node tests and in
 * the benchmark. It keeps only a TaskId set; rows go to `onPage` as they arrive.
 */
import type { ApiCallOptions } from '../../lib/api-client';
import type { PageTask } from '../../lib/process-tasks-page';
import { PAGE_SIZE_MAX, type DescribeProcessTasksQuery } from '../../shared/sophonsoar';
import { ExportTally, type ExportProgress, type ExportResult } from './export-tally';
import { fetchPageWithBackoff, type PageRequestContext } from './page-request';
import { AbortedError, realClock, RequestPacer, type Clock } from './pacing';

export { ExportError } from './page-request';
export type { ExportProgress, ExportResult };
export type ExportTask = PageTask;

/**
 * Defaults: 4 requests in flight, at most 30 request starts per second. The server tells
 * the page its operator's ceiling (EXPORT_MAX_REQUESTS_PER_SECOND in /api/config, kept
 * within the proxy's per-client budget); this default applies when it does not. Throttling
 * from either side pauses the export and it carries on.
 */
export const EXPORT_CONCURRENCY = 4;
export const EXPORT_MAX_REQUESTS_PER_SECOND = 30;
const EXPORT_PAGE_SIZE = PAGE_SIZE_MAX;
/** Attempts per page (first try + retries) before the export gives up. */
const EXPORT_MAX_ATTEMPTS = 10;

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

interface Engine extends PageRequestContext {
  opts: ExportEngineOptions;
  tally: ExportTally;
}

/** Fetches page `n`, hands its new tasks to `onPage`, then reports progress. */
async function fetchAndDeliver(engine: Engine, n: number): Promise<{ totalCount: number }> {
  const page = await fetchPageWithBackoff(engine, n);
  const fresh = engine.tally.accept(page.tasks, page.totalCount);
  await engine.opts.onPage(n, fresh);
  engine.tally.pagesDone++;
  engine.report();
  return page;
}

/** Above `confirmAbove`, waits for the analyst; declining (or Cancel meanwhile) aborts. */
async function confirmLarge(engine: Engine, totalCount: number): Promise<void> {
  const { confirm, confirmAbove = Infinity } = engine.opts;
  if (!confirm || totalCount <= confirmAbove) return;
  const askedAt = engine.clock.now();
  const ok = await confirm({ totalCount });
  engine.tally.askedMs = engine.clock.now() - askedAt;
  if (!ok || engine.signal.aborted) throw new AbortedError();
}

/** Pages 2.. with `concurrency` workers; the first failure aborts the others at once. */
async function fetchRemainingPages(engine: Engine, concurrency: number, abort: () => void): Promise<void> {
  let next = 2;
  const worker = async () => {
    while (next <= engine.tally.pagesPlanned) await fetchAndDeliver(engine, next++);
  };
  const workers = Array.from({ length: concurrency }, worker);
  // allSettled would let the others run on after a failure.
  await Promise.all(workers.map((w) => w.catch((e: unknown) => (abort(), Promise.reject(e)))));
}

/**
 * Runs one export. Resolves with its counts; rejects with an AbortedError on cancel (or
 * a declined confirmation) and with an ExportError naming the page when a page fails.
 */
export async function runExport(opts: ExportEngineOptions): Promise<ExportResult> {
  if (opts.signal?.aborted) throw new AbortedError();
  const clock = opts.clock ?? realClock;
  const pageSize = opts.pageSize ?? EXPORT_PAGE_SIZE;
  const pacer = new RequestPacer(opts.maxRequestsPerSecond ?? EXPORT_MAX_REQUESTS_PER_SECOND, clock);
  // One controller for the whole export: Cancel, or a fatal error, stops every request.
  const inner = new AbortController();
  const onOuterAbort = () => inner.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const tally = new ExportTally(clock.now(), pageSize);
  const { frozen, endFrozen } = freezeQuery(opts.query, tally.startedAt);
  const call: ApiCallOptions = { signal: inner.signal, baseUrl: opts.baseUrl, fetch: opts.fetch };
  const engine: Engine = {
    opts,
    tally,
    clock,
    call,
    signal: inner.signal,
    pacer,
    query: (n) => ({ ...frozen, PageSize: String(pageSize), PageNumber: String(n) }),
    maxAttempts: opts.maxAttempts ?? EXPORT_MAX_ATTEMPTS,
    random: opts.random ?? Math.random,
    report: () => opts.onProgress?.(tally.progress(clock.now())),
  };
  try {
    const first = await fetchAndDeliver(engine, 1);
    await confirmLarge(engine, first.totalCount);
    const concurrency = Math.max(1, Math.floor(opts.concurrency ?? EXPORT_CONCURRENCY));
    await fetchRemainingPages(engine, concurrency, () => inner.abort());
  } catch (e) {
    inner.abort();
    if (opts.signal?.aborted) throw new AbortedError();
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  return tally.result(frozen, endFrozen, clock.now());
}
