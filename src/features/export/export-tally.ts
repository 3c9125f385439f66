/**
 * What an export has seen so far: unique tasks (by TaskId), every page's TotalCount and
 * the request counters; from these, the progress shown while it runs and its result.
 */
import type { DescribeProcessTasksQuery } from '../../shared/sophonsoar';
import type { PageTask } from '../../lib/process-tasks-page';

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
  /**
   * Rows the processed-time sweep found that the offset pages missed (data moved while
   * they were read); written after the ordered rows. See fetch-engine.ts.
   */
  foundBySweep: number;
  /** Milliseconds holding more than a page of tasks, read by offset pages (not swept). */
  unsweptMs: number;
  pages: number;
  requests: number;
  retries: number;
  throttled: number;
}

/** The de-duplication key: the TaskId, or the whole record for a record without one. */
function keyOf(t: PageTask): string {
  return typeof t.TaskId === 'string' ? 'id:' + t.TaskId : 'raw:' + JSON.stringify(t);
}

export class ExportTally {
  private readonly seen = new Set<string>();
  private duplicates = 0;
  private totalAtStart: number | undefined;
  private totalMin = Infinity;
  private totalMax = -Infinity;
  requests = 0;
  retries = 0;
  throttled = 0;
  pagesDone = 0;
  pagesPlanned = 1;
  /** Back-off waits in progress. */
  backoffs = 0;
  /** Time spent waiting for the analyst's confirmation (ms): not part of the fetch rate. */
  askedMs = 0;
  /** See ExportResult. */
  foundBySweep = 0;
  unsweptMs = 0;

  constructor(
    readonly startedAt: number,
    private readonly pageSize: number,
  ) {}

  /** Records a page's TotalCount and tasks; returns the tasks not seen before, in order. */
  accept(tasks: readonly PageTask[], totalCount: number): PageTask[] {
    this.totalAtStart ??= totalCount;
    this.totalMin = Math.min(this.totalMin, totalCount);
    this.totalMax = Math.max(this.totalMax, totalCount);
    // More tasks than planned (the set grew): fetch the extra pages too.
    this.pagesPlanned = Math.max(this.pagesPlanned, Math.ceil(totalCount / this.pageSize));
    const fresh: PageTask[] = [];
    for (const t of tasks) {
      const k = keyOf(t);
      if (this.seen.has(k)) this.duplicates++;
      else {
        this.seen.add(k);
        fresh.push(t);
      }
    }
    return fresh;
  }

  /**
   * Records the tasks of a sweep answer (whose TotalCount counts one slice, not the set);
   * returns those not seen before, in order. Seeing a task again here is expected, not a
   * duplicate.
   */
  acceptExtra(tasks: readonly PageTask[]): PageTask[] {
    const fresh: PageTask[] = [];
    for (const t of tasks) {
      const k = keyOf(t);
      if (this.seen.has(k)) continue;
      this.seen.add(k);
      fresh.push(t);
    }
    this.foundBySweep += fresh.length;
    return fresh;
  }

  progress(nowMs: number): ExportProgress {
    const elapsedMs = nowMs - this.startedAt;
    const rows = this.seen.size;
    const left = this.totalAtStart === undefined ? undefined : Math.max(0, this.totalAtStart - rows);
    const working = Math.max(0, elapsedMs - this.askedMs);
    return {
      rows,
      totalCount: this.totalAtStart,
      pagesDone: this.pagesDone,
      pagesPlanned: this.pagesPlanned,
      requests: this.requests,
      retries: this.retries,
      throttled: this.throttled,
      elapsedMs,
      etaMs: rows > 0 && left !== undefined ? Math.round((working / rows) * left) : undefined,
      backingOff: this.backoffs > 0,
    };
  }

  result(frozenQuery: DescribeProcessTasksQuery, endFrozen: boolean, finishedAt: number): ExportResult {
    const total = this.totalAtStart ?? 0;
    const changed = this.totalMin !== total || this.totalMax !== total;
    return {
      frozenQuery,
      endFrozen,
      startedAt: this.startedAt,
      finishedAt,
      rows: this.seen.size,
      duplicatesDropped: this.duplicates,
      totalCountAtStart: total,
      totalCountMin: this.totalMin,
      totalCountMax: this.totalMax,
      totalCountChanged: changed,
      complete: !changed && this.seen.size === total,
      foundBySweep: this.foundBySweep,
      unsweptMs: this.unsweptMs,
      pages: this.pagesDone,
      requests: this.requests,
      retries: this.retries,
      throttled: this.throttled,
    };
  }
}
