/**
 * The export's provenance, downloadable as JSON beside the CSV (the CSV itself holds
 * only the header and the rows, so every tool reads it).
 */
import {
  API_VERSION,
  PRODUCT,
  type AppConfig,
  type DescribeProcessTasksQuery,
} from '../../shared/sophonsoar';
import { emptyLongCellReport, type LongCellReport } from './cell-limits';
import type { ColumnChoice } from './columns';
import type { ExportResult } from './fetch-engine';
import { isoInZone } from './iso-time';
import { FORMULA_TRIGGERS, NEUTRALISATION_PREFIX } from './neutralise';

export const MANIFEST_KIND = 'response-task-console/process-tasks-export';
const MANIFEST_VERSION = 1;

export interface TimeBound {
  ms: number;
  iso: string;
}

export interface ExportManifest {
  kind: typeof MANIFEST_KIND;
  manifestVersion: typeof MANIFEST_VERSION;
  file: string;
  source: {
    product: string;
    apiVersion: string;
    action: 'DescribeProcessTasks';
    mode?: string;
    endpointHost?: string;
  };
  appVersion: string | null;
  timeZone: string;
  exportStartedAt: string;
  exportFinishedAt: string;
  /** The analyst's filter, in the API's wire form. */
  filters: DescribeProcessTasksQuery;
  /** What was actually requested (upper bound frozen when the filter had none). */
  exportedQuery: DescribeProcessTasksQuery;
  window: {
    processed: { start: TimeBound | null; end: TimeBound | null; endFrozenAtExportStart: boolean };
    unblocked: { start: TimeBound | null; end: TimeBound | null };
  };
  order: { field: string; direction: string };
  /** `form` is written only for the spreadsheet form (spreadsheet.ts); absent means raw. */
  columns: { choice: ColumnChoice; headers: string[]; form?: 'spreadsheet' };
  counts: {
    rowsExported: number;
    totalCountAtStart: number;
    totalCountMin: number;
    totalCountMax: number;
    totalCountChanged: boolean;
    duplicatesDropped: number;
    /** Rows the processed-time sweep found that the ordered pages missed (written last). */
    foundBySweep: number;
    /** Milliseconds with more than a page of tasks, read by offset pages only. */
    unsweptMs: number;
    pages: number;
    requests: number;
    retries: number;
    throttled: number;
  };
  /** True when rowsExported equals TotalCount and TotalCount never changed. */
  complete: boolean;
  /** Plain words for the analyst when `complete` is false. */
  consistencyNote: string | null;
  /** Link that reopens exactly this set in the console. */
  reopenLink: string;
  neutralisation: { prefix: string; triggers: string[]; rule: string };
  /**
   * Cells longer than a spreadsheet holds (Excel: 32,767 characters): exact in the CSV, cut
   * when the file is opened in a spreadsheet. Row by TaskId, column by header.
   */
  cellsOverSpreadsheetLimit: LongCellReport;
}

function bound(v: string | undefined, zone: string): TimeBound | null {
  if (!v || !/^\d+$/.test(v)) return null;
  const ms = Number(v);
  return { ms, iso: isoInZone(ms, zone) };
}

export interface ManifestInput {
  fileName: string;
  query: DescribeProcessTasksQuery;
  result: ExportResult;
  timeZone: string;
  choice: ColumnChoice;
  form?: 'raw' | 'spreadsheet';
  headers: string[];
  config?: Pick<AppConfig, 'version' | 'mode' | 'endpointHost'>;
  reopenLink: string;
  /** Sentence for an incomplete export (translated by the caller). */
  consistencyNote?: string;
  /** The long cells the CSV builder found; none when omitted. */
  longCells?: LongCellReport;
}

export function buildManifest(input: ManifestInput): ExportManifest {
  const { result: r, timeZone: zone } = input;
  const q = r.frozenQuery;
  return {
    kind: MANIFEST_KIND,
    manifestVersion: MANIFEST_VERSION,
    file: input.fileName,
    source: {
      product: PRODUCT,
      apiVersion: API_VERSION,
      action: 'DescribeProcessTasks',
      ...(input.config ? { mode: input.config.mode, endpointHost: input.config.endpointHost } : {}),
    },
    appVersion: input.config?.version ?? null,
    timeZone: zone,
    exportStartedAt: isoInZone(r.startedAt, zone),
    exportFinishedAt: isoInZone(r.finishedAt, zone),
    filters: { ...input.query },
    exportedQuery: { ...q },
    window: {
      processed: {
        start: bound(q.ProcessActionStart, zone),
        end: bound(q.ProcessActionEnd, zone),
        endFrozenAtExportStart: r.endFrozen,
      },
      unblocked: { start: bound(q.ProcessRemoveStart, zone), end: bound(q.ProcessRemoveEnd, zone) },
    },
    // The API's defaults when the query does not say.
    order: { field: q.OrderField ?? 'gmtCreate', direction: q.Direction ?? 'desc' },
    columns: {
      choice: input.choice,
      headers: [...input.headers],
      ...(input.form === 'spreadsheet' ? { form: 'spreadsheet' as const } : {}),
    },
    counts: {
      rowsExported: r.rows,
      totalCountAtStart: r.totalCountAtStart,
      totalCountMin: r.totalCountMin,
      totalCountMax: r.totalCountMax,
      totalCountChanged: r.totalCountChanged,
      duplicatesDropped: r.duplicatesDropped,
      foundBySweep: r.foundBySweep,
      unsweptMs: r.unsweptMs,
      pages: r.pages,
      requests: r.requests,
      retries: r.retries,
      throttled: r.throttled,
    },
    complete: r.complete,
    consistencyNote: r.complete ? null : (input.consistencyNote ?? null),
    reopenLink: input.reopenLink,
    neutralisation: {
      prefix: NEUTRALISATION_PREFIX,
      triggers: [...FORMULA_TRIGGERS],
      rule:
        `A cell starting with one of = + - @ TAB CR, or with ${NEUTRALISATION_PREFIX} itself, ` +
        `is written with one ${NEUTRALISATION_PREFIX} in front; remove exactly one leading ` +
        `${NEUTRALISATION_PREFIX} from such cells to get the original value.`,
    },
    cellsOverSpreadsheetLimit: input.longCells ?? emptyLongCellReport(),
  };
}
