/**
 * One export in the browser: fetch engine → CSV worker → download, then the manifest.
 * Cancel (or any failure) aborts every request, stops the worker and downloads nothing.
 */
import { formatNumber, t } from '../../lib/i18n';
import { apiGet } from '../../lib/api-client';
import {
  appConfigSchema,
  TASK_STATUSES,
  type AppConfig,
  type DescribeProcessTasksQuery,
} from '../../shared/sophonsoar';
import { SOURCES, TASK_FIELDS, labelKey } from '../../shared/catalogue';
import type { ColumnChoice, RowContext } from './columns';
import type { CsvForm } from './csv-builder';
import type { SheetLabels } from './spreadsheet';
import { createCsvSink } from './csv-sink';
import { saveBlob } from './download';
import { runExport, type ExportProgress, type ExportResult } from './fetch-engine';
import { exportFileNames, type FileNames } from './file-name';
import { tx } from './i18n';
import { buildManifest, type ExportManifest } from './manifest';

/** Above this many rows the analyst confirms first, seeing the expected size. */
const CONFIRM_ABOVE_ROWS = 50_000;

export interface ExportRequest {
  query: DescribeProcessTasksQuery;
  choice: ColumnChoice;
  visibleColumns: string[];
  /** `raw` (the default) or `spreadsheet` (see spreadsheet.ts). */
  form?: CsvForm;
  timeZone: string;
  linkFor: (frozenEndMs: number | undefined) => string;
  onProgress: (p: ExportProgress) => void;
  /** Asked when the export is large; resolve true to go on. */
  confirmLarge: (info: { totalCount: number; estimatedBytes: number }) => Promise<boolean>;
  confirmAbove?: number;
  signal: AbortSignal;
  /** Engine tuning (tests, benchmark); defaults from fetch-engine.ts. */
  concurrency?: number;
  maxRequestsPerSecond?: number;
}

export interface ExportOutcome {
  result: ExportResult;
  names: FileNames;
  manifest: ExportManifest;
  bytes: number;
  reopenLink: string;
  builtIn: 'worker' | 'inline';
}

/** Labels as the UI shows them, as plain data for the worker. */
function rowContext(timeZone: string): RowContext {
  return {
    timeZone,
    statusLabels: Object.fromEntries(TASK_STATUSES.map((c) => [c, t(`status.${c}`)])),
    unknownStatus: tx('export.unknownStatus'),
  };
}

/** The spreadsheet form's headers in the analyst's language, as plain data for the worker. */
function sheetLabels(): SheetLabels {
  return {
    fields: Object.fromEntries(TASK_FIELDS.map((f) => [f.name, t(labelKey(f.name))])),
    statusCode: tx('export.sheet.statusCode'),
    otherFields: tx('export.sheet.otherFields'),
    sourceTrigger: t('column.sourceTrigger'),
    // The labels the table shows for the source (Alibaba's, in Chinese from its zh-CN metadata).
    sources: Object.fromEntries(SOURCES.map((c) => [c, t(`source.${c}`)])),
  };
}

function mismatchNote(r: ExportResult): string | undefined {
  if (r.complete) return undefined;
  return tx('export.done.mismatch', {
    rows: formatNumber(r.rows),
    total: formatNumber(r.totalCountAtStart),
    changed: r.totalCountChanged
      ? tx('export.done.changed', {
          min: formatNumber(r.totalCountMin),
          max: formatNumber(r.totalCountMax),
        })
      : '',
  });
}

export async function runBrowserExport(req: ExportRequest): Promise<ExportOutcome> {
  // The manifest records the console's version and endpoint from the config.
  const config: Promise<AppConfig | undefined> = apiGet('config', {}, appConfigSchema, {
    signal: req.signal,
  }).catch(() => undefined);
  const sink = await createCsvSink({
    choice: req.choice,
    visibleColumns: req.visibleColumns,
    context: rowContext(req.timeZone),
    ...(req.form === 'spreadsheet' ? { form: 'spreadsheet' as const, sheetLabels: sheetLabels() } : {}),
  });
  try {
    const result = await runExport({
      query: req.query,
      signal: req.signal,
      concurrency: req.concurrency,
      maxRequestsPerSecond: req.maxRequestsPerSecond,
      onPage: (page, tasks) => sink.addPage(page, tasks),
      onProgress: req.onProgress,
      confirmAbove: req.confirmAbove ?? CONFIRM_ABOVE_ROWS,
      confirm: async ({ totalCount }) => {
        const s = await sink.stats();
        // Measured on the first page: the rows written so far, per row.
        const perRow = s.rows > 0 ? s.rowBytes / s.rows : 400;
        return req.confirmLarge({ totalCount, estimatedBytes: Math.round(perRow * totalCount) });
      },
    });
    const file = await sink.finish();
    if (req.signal.aborted) throw new DOMException('The export was cancelled.', 'AbortError');
    const names = exportFileNames(req.query, result.startedAt, req.timeZone);
    const reopenLink = req.linkFor(
      result.endFrozen ? Number(result.frozenQuery.ProcessActionEnd) : undefined,
    );
    const manifest = buildManifest({
      fileName: names.csv,
      query: req.query,
      result,
      timeZone: req.timeZone,
      choice: req.choice,
      form: req.form,
      headers: file.headers,
      longCells: file.longCells,
      config: await config,
      reopenLink,
      consistencyNote: mismatchNote(result),
    });
    saveBlob(file.blob, names.csv);
    return { result, names, manifest, bytes: file.blob.size, reopenLink, builtIn: sink.kind };
  } finally {
    sink.dispose();
  }
}
