/**
 * Where fetched pages go: the CSV worker (the file is built off the main thread), or,
 * where a worker cannot start, an in-page builder that still encodes page by page.
 * The page side never keeps the tasks after handing them over.
 */
import type { LongCellReport } from './cell-limits';
import type { CsvBuildSpec } from './csv-builder';
import type { WorkerRequest, WorkerResponse } from './csv-worker-protocol';
import type { ExportTask } from './fetch-engine';

interface CsvStats {
  rows: number;
  bytes: number;
  rowBytes: number;
}

interface CsvFile {
  rows: number;
  bytes: number;
  blob: Blob;
  headers: string[];
  /** Cells longer than a spreadsheet holds (cell-limits.ts). */
  longCells: LongCellReport;
}

export interface CsvSink {
  readonly kind: 'worker' | 'inline';
  addPage(page: number, tasks: ExportTask[]): void;
  stats(): Promise<CsvStats>;
  finish(): Promise<CsvFile>;
  dispose(): void;
}

const CSV_TYPE = 'text/csv;charset=utf-8';

/** Loaded only when needed, so the export chunk does not carry papaparse twice (the worker has it). */
export async function createInlineSink(spec: CsvBuildSpec): Promise<CsvSink> {
  const { CsvBuilder } = await import('./csv-builder');
  const b = new CsvBuilder(spec);
  return {
    kind: 'inline',
    addPage: (page, tasks) => void b.addPage(page, tasks),
    stats: async () => ({ rows: b.rows, bytes: b.bytes, rowBytes: b.rowBytes }),
    finish: async () => ({
      blob: new Blob(b.parts(), { type: CSV_TYPE }),
      rows: b.rows,
      bytes: b.bytes,
      headers: b.headers,
      longCells: b.longCellReport,
    }),
    dispose: () => {},
  };
}

function createWorkerSink(spec: CsvBuildSpec): CsvSink & { ready: Promise<unknown> } {
  const worker = new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' });
  let nextId = 1;
  let failure: Error | undefined;
  const pending = new Map<number, { resolve: (m: WorkerResponse) => void; reject: (e: Error) => void }>();

  const fail = (e: Error) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const msg = event.data;
    if (msg.type === 'error') return fail(new Error(`CSV worker: ${msg.message}`));
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    p?.resolve(msg);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error(`CSV worker: ${event.message || 'failed to start'}`));
  };

  const send = (msg: WorkerRequest, wait: boolean): Promise<WorkerResponse> | undefined => {
    if (failure) return wait ? Promise.reject(failure) : undefined;
    worker.postMessage(msg);
    if (!wait) return undefined;
    return new Promise((resolve, reject) => pending.set(msg.id, { resolve, reject }));
  };

  const ready = send({ type: 'init', id: nextId++, spec }, true)!;
  ready.catch(() => {}); // observed by createCsvSink; later calls see `failure`
  return {
    ready,
    kind: 'worker',
    addPage: (page, tasks) => void send({ type: 'page', id: nextId++, page, tasks }, false),
    stats: async () => {
      const r = await send({ type: 'stats', id: nextId++ }, true)!;
      if (r.type !== 'ok') throw new Error('CSV worker: unexpected answer');
      return { rows: r.rows, bytes: r.bytes, rowBytes: r.rowBytes };
    },
    finish: async () => {
      const r = await send({ type: 'finish', id: nextId++ }, true)!;
      if (r.type !== 'done') throw new Error('CSV worker: unexpected answer');
      return { blob: r.blob, rows: r.rows, bytes: r.bytes, headers: r.headers, longCells: r.longCells };
    },
    dispose: () => {
      worker.terminate();
      fail(new Error('CSV worker stopped'));
    },
  };
}

/** The worker when the browser can run it (checked by a round trip), else the in-page builder. */
export async function createCsvSink(spec: CsvBuildSpec): Promise<CsvSink> {
  if (typeof Worker === 'undefined') return createInlineSink(spec);
  let sink: ReturnType<typeof createWorkerSink> | undefined;
  try {
    sink = createWorkerSink(spec);
    await sink.ready;
    return sink;
  } catch {
    sink?.dispose();
    return createInlineSink(spec);
  }
}
