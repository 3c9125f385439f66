/** One page of the export: paced, retried with back-off (retry.ts), or an ExportError. */
import { ApiRequestError, type ApiCallOptions } from '../../lib/api-client';
import { fetchProcessTasksPage, type ProcessTasksPage } from '../../lib/process-tasks-page';
import type { DescribeProcessTasksQuery } from '../../shared/sophonsoar';
import type { ExportTally } from './export-tally';
import { AbortedError, isAbort, type Clock, type RequestPacer } from './pacing';
import { backoffDelay, failureOf, isRetryable, isThrottling, type Failure } from './retry';

/** A page that failed for good: the server's error, with the page and the attempts made. */
export class ExportError extends ApiRequestError {
  constructor(
    cause: ApiRequestError,
    readonly page: number,
    attempts: number,
    /** What failed, for the message: `Page <n>` unless said otherwise. */
    what = `Page ${page}`,
  ) {
    super(
      cause.code,
      `${what} failed${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${cause.code}: ${cause.message}` +
        (cause.requestId ? ` (RequestId ${cause.requestId})` : ''),
      cause.status,
      cause.requestId,
      cause.retryAfter,
      cause.hints,
    );
    this.name = 'ExportError';
  }
}

export interface PageRequestContext {
  clock: Clock;
  pacer: RequestPacer;
  signal: AbortSignal;
  call: ApiCallOptions;
  /** The wire query of page `n` (paging included). */
  query: (n: number) => DescribeProcessTasksQuery;
  maxAttempts: number;
  random: () => number;
  tally: ExportTally;
  /** Reports progress (e.g. that the export is backing off). */
  report: () => void;
}

/** Waits before the next attempt; a throttled answer slows the whole export, not just this page. */
async function backOff(ctx: PageRequestContext, failure: Failure, attempt: number): Promise<void> {
  ctx.tally.retries++;
  const delay = backoffDelay(failure, attempt, ctx.clock.now(), ctx.random);
  if (isThrottling(failure)) ctx.pacer.pauseUntil(ctx.clock.now() + delay);
  ctx.tally.backoffs++;
  ctx.report();
  try {
    await ctx.clock.sleep(delay, ctx.signal);
  } finally {
    ctx.tally.backoffs--;
  }
}

/**
 * Page `n` (of `query`, by default the context's query of page `n`), each attempt within
 * the pacer's rate. Rejects with AbortedError on cancel and with ExportError (naming
 * `what`, by default `Page <n>`) for a failure retry.ts does not retry or after `maxAttempts`.
 */
export async function fetchPageWithBackoff(
  ctx: PageRequestContext,
  n: number,
  query: DescribeProcessTasksQuery = ctx.query(n),
  what?: string,
): Promise<ProcessTasksPage> {
  for (let attempt = 1; ; attempt++) {
    await ctx.pacer.acquire(ctx.signal);
    ctx.tally.requests++;
    try {
      return await fetchProcessTasksPage(query, { ...ctx.call, priority: 'background' });
    } catch (e) {
      if (isAbort(e) || ctx.signal.aborted) throw new AbortedError();
      if (!(e instanceof ApiRequestError)) throw e;
      const failure = failureOf(e);
      if (isThrottling(failure)) ctx.tally.throttled++;
      if (!isRetryable(failure) || attempt >= ctx.maxAttempts) throw new ExportError(e, n, attempt, what);
      await backOff(ctx, failure, attempt);
    }
  }
}
