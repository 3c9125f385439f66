/** Messages between the page and the CSV worker (csv.worker.ts). */
import type { LongCellReport } from './cell-limits';
import type { CsvBuildSpec } from './csv-builder';
import type { ExportTask } from './fetch-engine';

export type WorkerRequest =
  | { type: 'init'; id: number; spec: CsvBuildSpec }
  | { type: 'page'; id: number; page: number; tasks: ExportTask[] }
  | { type: 'stats'; id: number }
  | { type: 'finish'; id: number };

export type WorkerResponse =
  | { type: 'ok'; id: number; rows: number; bytes: number; rowBytes: number }
  | {
      type: 'done';
      id: number;
      rows: number;
      bytes: number;
      headers: string[];
      blob: Blob;
      longCells: LongCellReport;
    }
  | { type: 'error'; id: number; message: string };
