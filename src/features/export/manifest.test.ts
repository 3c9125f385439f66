import { describe, expect, it } from 'vitest';
import type { ExportResult } from './fetch-engine';
import { SPREADSHEET_CELL_LIMIT } from './cell-limits';
import { buildManifest, MANIFEST_KIND } from './manifest';

const result: ExportResult = {
  frozenQuery: {
    TaskStatus: '["90"]',
    ProcessActionStart: '1764201600000',
    ProcessActionEnd: '1764234723456',
  },
  endFrozen: true,
  startedAt: 1_764_234_723_456,
  finishedAt: 1_764_234_733_456,
  rows: 2019,
  duplicatesDropped: 3,
  totalCountAtStart: 2020,
  totalCountMin: 2019,
  totalCountMax: 2020,
  totalCountChanged: true,
  complete: false,
  foundBySweep: 1,
  unsweptMs: 0,
  pages: 21,
  requests: 24,
  retries: 3,
  throttled: 2,
};

describe('buildManifest', () => {
  it('records filters, frozen window, zone, export time, counts, version and link', () => {
    const m = buildManifest({
      fileName: 'process-tasks_status-90_2025-11-27T1712+0800.csv',
      query: { TaskStatus: '["90"]', ProcessActionStart: '1764201600000' },
      result,
      timeZone: 'Asia/Shanghai',
      choice: 'visible',
      headers: ['TaskId', 'TaskStatus'],
      config: { version: '0.1.0', mode: 'demo', endpointHost: '127.0.0.1:1234' },
      reopenLink:
        'http://127.0.0.1:8080/?TaskStatus=90&ProcessActionStart=1764201600000&ProcessActionEnd=1764234723456',
      consistencyNote: 'TotalCount changed during the export.',
    });
    expect(m).toMatchObject({
      kind: MANIFEST_KIND,
      file: 'process-tasks_status-90_2025-11-27T1712+0800.csv',
      appVersion: '0.1.0',
      source: {
        product: 'Sophonsoar',
        apiVersion: '2022-07-28',
        mode: 'demo',
        endpointHost: '127.0.0.1:1234',
      },
      timeZone: 'Asia/Shanghai',
      exportStartedAt: '2025-11-27T17:12:03.456+08:00',
      exportFinishedAt: '2025-11-27T17:12:13.456+08:00',
      filters: { TaskStatus: '["90"]', ProcessActionStart: '1764201600000' },
      exportedQuery: result.frozenQuery,
      window: {
        processed: {
          start: { ms: 1764201600000, iso: '2025-11-27T08:00:00.000+08:00' },
          end: { ms: 1764234723456, iso: '2025-11-27T17:12:03.456+08:00' },
          endFrozenAtExportStart: true,
        },
        unblocked: { start: null, end: null },
      },
      order: { field: 'gmtCreate', direction: 'desc' },
      counts: { rowsExported: 2019, totalCountAtStart: 2020, totalCountChanged: true, duplicatesDropped: 3 },
      complete: false,
      consistencyNote: 'TotalCount changed during the export.',
      neutralisation: { prefix: "'" },
    });
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('names the cells longer than a spreadsheet holds, and says which limit', () => {
    const base = {
      fileName: 'f.csv',
      query: {},
      result,
      timeZone: 'UTC',
      choice: 'all' as const,
      headers: ['TaskId', 'InputParams'],
      reopenLink: 'http://127.0.0.1:8080/',
    };
    expect(buildManifest(base).cellsOverSpreadsheetLimit).toEqual({
      limit: SPREADSHEET_CELL_LIMIT,
      count: 0,
      cells: [],
    });
    const longCells = {
      limit: SPREADSHEET_CELL_LIMIT,
      count: 1,
      cells: [{ taskId: 'edge0000-0000-4000-8000-000000000012', column: 'InputParams', characters: 204_812 }],
    };
    const m = buildManifest({ ...base, longCells });
    expect(m.cellsOverSpreadsheetLimit).toEqual(longCells);
    expect(JSON.parse(JSON.stringify(m)).cellsOverSpreadsheetLimit.limit).toMatchObject({
      application: 'Microsoft Excel',
      maxCharacters: 32767,
    });
  });
});
