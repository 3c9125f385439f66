/**
 * The export's fetch engine: every task matching a query, through the same-origin proxy,
 * with a small bounded concurrency and a request rate it never exceeds; backs off
 * (retry.ts) and carries on; cancellable at once through an AbortSignal.
 *
 * Consistency while tasks keep moving. ProcessActionEnd is frozen to the start time when
 * the filter has none, so the processed-time window [from, until] is fixed. Two passes:
 *
 * 1. The rows in the analyst's order: offset pages (PageSize 100). Fast and ordered, but
 *    offset paging alone cannot promise completeness: when a task before page n's offset
 *    leaves the set between two page reads, page n starts one task later and the task at
 *    the boundary is never read (issue 14.5), even when TotalCount ends up unchanged
 *    (one task in, one out).
 * 2. A sweep of the window that does promise it. Each request asks for one slice
 *    [a, b] of processed time, ordered by ProcessTime ascending, page 1. The API answers
 *    one request from one state of the data, so:
 *    - when TotalCount <= the page's length, the answer holds every task matching at that
 *      instant with ProcessTime in [a, b];
 *    - otherwise the answer is a prefix in ProcessTime order ending at time m: every task
 *      matching at that instant with ProcessTime in [a, m - 1] is in it (they all sort
 *      before the last row), and [m, b] is swept again as new slices (split by the
 *      answer's count so that each is likely to fit in one page).
 *    The slices of a sweep partition the window, and every slice is covered by some
 *    answer. A task that matches the filter for the whole export (its ProcessTime fixed
 *    in the window) is therefore in the answer that covers its ProcessTime: it is in the
 *    file. De-duplication by TaskId keeps it there once. Tasks only the sweep found are
 *    appended after the ordered rows, and counted (`foundBySweep`).
 *    The one case offset paging is still needed for: more than a page of tasks processed
 *    in the same millisecond; that millisecond is read page by page and counted
 *    (`unsweptMs`), so a result never claims a guarantee it did not have.
 *    An export that fits in its first page skips the sweep: that page was one answer.
 *
 * Tasks entering or leaving the set meanwhile may or may not be in the file; the count
 * check reports it: the final count is compared with the first page's TotalCount and
 * every offset page's TotalCount is watched.
 *
 * Environment-agnostic (fetch + AbortController): runs in the page, in Node tests and in
 * the benchmark. It keeps only a TaskId set; rows go to `onPage` as they arrive.
 */
import { ApiRequestError, type ApiCallOptions } from '../../lib/api-client';
import type { PageTask, ProcessTasksPage } from '../../lib/process-tasks-page';
import { MS_MIN, PAGE_SIZE_MAX, type DescribeProcessTasksQuery } from '../../shared/sophonsoar';
import { ExportTally, type ExportProgress, type ExportResult } from './export-tally';
import { ExportError, fetchPageWithBackoff, type PageRequestContext } from './page-request';
import { AbortedError, realClock, RequestPacer, type Clock } from './pacing';

export { ExportError };
export type { ExportProgress, ExportResult };
export type ExportTask = PageTask;

/**
 * Defaults: 4 requests in flight, at most 30 request starts per second from this tab. The
 * account's pace is the server's: every export page is a background call of the server's
 * upstream budget (UPSTREAM_QPS, shared by every user and replica), so several exports share
 * it. The tab's ceiling only keeps one tab from queueing more than the budget can serve.
 * Throttling (the budget's 429 or Alibaba's) pauses the export and it carries on.
 */
export const EXPORT_CONCURRENCY = 4;
export const EXPORT_MAX_REQUESTS_PER_SECOND = 30;
const EXPORT_PAGE_SIZE = PAGE_SIZE_MAX;
/** Attempts per page (first try + retries) before the export gives up. */
const EXPORT_MAX_ATTEMPTS = 10;
/**
 * `onPage` numbers of the sweep's deliveries start here, so the files' page order puts
 * them after every offset page.
 */
export const SWEEP_PAGE_BASE = 1_000_000_000;
/** A slice is planned to hold about this share of a page, so most fit in one answer. */
const SLICE_FILL = 0.7;
/** At most this many slices are planned from one answer (more come from later answers). */
const MAX_SPLIT = 64;

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
  /** The exported query, without paging, ProcessActionEnd frozen. */
  frozen: DescribeProcessTasksQuery;
  pageSize: number;
}

/** Fetches page `n`, hands its new tasks to `onPage`, then reports progress. */
async function fetchAndDeliver(engine: Engine, n: number): Promise<ProcessTasksPage> {
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

/** An inclusive range of processed time (ms). */
interface Slice {
  from: number;
  until: number;
}

/**
 * Runs `work` over a queue that `work` may grow, `concurrency` at a time; the first
 * failure aborts the others (through `abort`) and rejects.
 */
function drain<T>(
  queue: T[],
  concurrency: number,
  work: (item: T, push: (item: T) => void) => Promise<void>,
  abort: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let active = 0;
    let failed = false;
    const pump = () => {
      if (failed) return;
      if (queue.length === 0 && active === 0) return resolve();
      while (active < concurrency && queue.length > 0) {
        const item = queue.shift()!;
        active++;
        work(item, (next) => queue.push(next)).then(
          () => {
            active--;
            pump();
          },
          (e: unknown) => {
            failed = true;
            abort();
            reject(e);
          },
        );
      }
    };
    pump();
  });
}

/**
 * Slices of `rest` for about `left` tasks, each of `width` ms (sized from the density the
 * last answer showed, so that each is likely to fit in one page), at most MAX_SPLIT of
 * them, the last one reaching `rest.until`.
 */
function plan(rest: Slice, left: number, width: number, perSlice: number): Slice[] {
  const count = Math.min(MAX_SPLIT, Math.max(1, Math.ceil(left / perSlice)));
  const slices: Slice[] = [];
  for (let from = rest.from; from <= rest.until; from += width) {
    const last = slices.length === count - 1;
    slices.push({ from, until: last ? rest.until : Math.min(rest.until, from + width - 1) });
    if (last) break;
  }
  return slices;
}

const processTimeOf = (t: PageTask): number | undefined =>
  typeof t.ProcessTime === 'number' && Number.isFinite(t.ProcessTime) ? t.ProcessTime : undefined;

/** Pass 2 (see the top of this file): the window in slices, each covered by one answer. */
async function sweepWindow(engine: Engine, window: Slice, concurrency: number, abort: () => void) {
  const { frozen, pageSize, tally } = engine;
  const sliceQuery = ({ from, until }: Slice, page = 1): DescribeProcessTasksQuery => ({
    ...frozen,
    ProcessActionStart: String(from),
    ProcessActionEnd: String(until),
    OrderField: 'processTime',
    Direction: 'asc',
    PageSize: String(pageSize),
    PageNumber: String(page),
  });
  let delivered = 0;
  const deliver = async (tasks: readonly PageTask[]) => {
    const fresh = tally.acceptExtra(tasks);
    if (fresh.length > 0) await engine.opts.onPage(SWEEP_PAGE_BASE + delivered++, fresh);
  };
  const fetchSlice = async (slice: Slice, page = 1) => {
    const answer = await fetchPageWithBackoff(engine, page, sliceQuery(slice, page), sliceLabel(slice));
    tally.pagesDone++;
    engine.report();
    return answer;
  };
  const sweepSlice = async (slice: Slice, push: (s: Slice) => void) => {
    const answer = await fetchSlice(slice);
    await deliver(answer.tasks);
    if (answer.tasks.length >= answer.totalCount) return; // the whole slice in one answer
    const last = processTimeOf(answer.tasks.at(-1) ?? {});
    if (last === undefined || last < slice.from || last > slice.until)
      throw new ExportError(
        new ApiRequestError(
          'MalformedResponse',
          'A page ordered by ProcessTime within a processed-time range has a task outside it.',
          200,
        ),
        1,
        1,
        sliceLabel(slice),
      );
    let rest: Slice = { from: last, until: slice.until };
    if (last === slice.from) {
      // More than a page processed in this one millisecond: offset pages (not swept).
      const ms = { from: last, until: last };
      tally.pagesPlanned += 1;
      const first = await fetchSlice(ms);
      await deliver(first.tasks);
      const pages = Math.ceil(first.totalCount / pageSize);
      tally.pagesPlanned += Math.max(0, pages - 1);
      tally.unsweptMs++;
      for (let p = 2; p <= pages; p++) await deliver((await fetchSlice(ms, p)).tasks);
      if (last === slice.until) return;
      rest = { from: last + 1, until: slice.until };
    }
    // The answer showed `before` tasks over [first, last): plan slices at that density.
    const before = answer.tasks.filter((t) => (processTimeOf(t) ?? last) < last).length;
    const first = processTimeOf(answer.tasks[0] ?? {}) ?? slice.from;
    const perSlice = Math.max(1, Math.floor(pageSize * SLICE_FILL));
    const left = Math.max(1, answer.totalCount - before);
    const width =
      before > 0
        ? Math.max(1, Math.floor(((last - first) * perSlice) / before))
        : Math.max(1, Math.ceil((rest.until - rest.from + 1) / Math.ceil(left / perSlice)));
    const parts = plan(rest, left, width, perSlice);
    tally.pagesPlanned += parts.length;
    for (const part of parts) push(part);
  };
  tally.pagesPlanned += 1;
  await drain([window], concurrency, sweepSlice, abort);
}

const sliceLabel = ({ from, until }: Slice) => `Processed-time slice ${from}–${until}`;

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
    frozen,
    pageSize,
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
    // One page, one answer: nothing could shift. Otherwise sweep the window.
    if (tally.pagesPlanned > 1 || first.tasks.length < first.totalCount) {
      const window: Slice = {
        from: frozen.ProcessActionStart ? Number(frozen.ProcessActionStart) : MS_MIN,
        until: Number(frozen.ProcessActionEnd),
      };
      if (window.from <= window.until) await sweepWindow(engine, window, concurrency, () => inner.abort());
    }
  } catch (e) {
    inner.abort();
    if (opts.signal?.aborted) throw new AbortedError();
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  return tally.result(frozen, endFrozen, clock.now());
}
