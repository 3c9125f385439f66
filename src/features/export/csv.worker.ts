/// <reference lib="webworker" />
/**
 * Builds the CSV off the main thread: pages of tasks come in as they are fetched, are
 * mapped, neutralised and encoded at once, and kept only as Blob chunks; `finish`
 * answers with the file as one Blob (BOM + header + pages in page order).
 */
import { CsvBuilder } from './csv-builder';
import type { WorkerRequest, WorkerResponse } from './csv-worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let builder: CsvBuilder<Blob> | undefined;

function reply(msg: WorkerResponse) {
  scope.postMessage(msg);
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  try {
    if (msg.type === 'init') {
      builder = new CsvBuilder(msg.spec, (text) => new Blob([text]));
    } else if (!builder) {
      throw new Error('The CSV worker was not initialised.');
    } else if (msg.type === 'page') {
      builder.addPage(msg.page, msg.tasks);
    } else if (msg.type === 'finish') {
      const blob = new Blob(builder.parts(), { type: 'text/csv;charset=utf-8' });
      reply({
        type: 'done',
        id: msg.id,
        rows: builder.rows,
        bytes: builder.bytes,
        headers: builder.headers,
        blob,
        longCells: builder.longCellReport,
      });
      builder = undefined;
      return;
    }
    reply({ type: 'ok', id: msg.id, rows: builder.rows, bytes: builder.bytes, rowBytes: builder.rowBytes });
  } catch (e) {
    reply({ type: 'error', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
};
