import { describe, expect, it } from 'vitest';
import { createCsvSink, createInlineSink } from './csv-sink';

const spec = { choice: 'visible' as const, visibleColumns: ['TaskStatus'], context: { timeZone: 'UTC' } };

describe('CSV sinks', () => {
  it('the in-page sink builds the same file as the worker would: BOM, header, pages in order', async () => {
    const sink = await createInlineSink(spec);
    sink.addPage(2, [{ TaskId: 'b', TaskStatus: 20 }]);
    sink.addPage(1, [{ TaskId: '@a', TaskStatus: 90 }]);
    const stats = await sink.stats();
    expect(stats.rows).toBe(2);
    const file = await sink.finish();
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.blob.arrayBuffer());
    expect(text).toBe("\uFEFFTaskId,TaskStatus,TaskStatus_Label\r\n'@a,90,Failed\r\nb,20,Succeeded\r\n");
    expect(file.blob.type).toBe('text/csv;charset=utf-8');
    expect(file.bytes).toBe(file.blob.size);
    expect(stats.bytes).toBe(file.blob.size);
    expect(file.headers).toEqual(['TaskId', 'TaskStatus', 'TaskStatus_Label']);
  });

  it('falls back to the in-page sink where there is no Worker (Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    expect((await createCsvSink(spec)).kind).toBe('inline');
  });
});
