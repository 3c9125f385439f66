/**
 * The fetch engine against the REAL proxy (buildApp) and emulator over sockets, with the
 * CSV built from what it fetched: exact sets, throttling and latency, live data.
 * Node-only: it starts the server code the SPA never imports.
 */
/* eslint-disable no-restricted-imports, import-x/no-restricted-paths -- Node-only integration test: starts the real server and emulator */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_TASK_IDS, NO_FAULTS } from '../../server/emulator/index';
import type { RunningEmulator } from '../../server/emulator/server';
import { startProxyHarness, type ProxyHarness } from '../../../test/helpers/proxy-harness';
/* eslint-enable no-restricted-imports, import-x/no-restricted-paths */
import {
  describeProcessTasksResponseSchema,
  type DescribeProcessTasksQuery,
  type ProcessTask,
} from '../../shared/sophonsoar';
import { columnsFor, headersOf, taskToRow } from './columns';
import { BOM, CRLF } from './csv';
import { CsvBuilder } from './csv-builder';
import { runExport, type ExportResult } from './fetch-engine';
import { FORMULA_TRIGGERS, stripNeutralisation } from './neutralise';

let harness: ProxyHarness | undefined;
let emulator: RunningEmulator;
let baseUrl: string;

beforeAll(async () => {
  harness = await startProxyHarness({
    emulator: { tasks: 2600, seed: 11, liveIntervalMs: 100 },
    timeoutMs: 5000,
    deadlineMs: 30_000,
    // No proxy-side retries: the engine's own back-off meets every fault.
    retries: 0,
    rateLimitPerMinute: 100_000,
    backoff: { baseDelayMs: 20, maxDelayMs: 200 },
    version: '1.2.3-test',
    listen: true,
  });
  emulator = harness.emulator;
  baseUrl = harness.url!;
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

/** The API's own answer for a query: page after page, one at a time. */
async function apiSet(query: DescribeProcessTasksQuery): Promise<{ tasks: ProcessTask[]; total: number }> {
  const tasks: ProcessTask[] = [];
  for (let page = 1; ; page++) {
    const qs = new URLSearchParams({ ...query, PageSize: '100', PageNumber: String(page) } as Record<
      string,
      string
    >);
    const res = await fetch(`${baseUrl}/api/DescribeProcessTasks?${qs}`);
    expect(res.status).toBe(200);
    const body = describeProcessTasksResponseSchema.parse(await res.json());
    const total = body.Page.TotalCount;
    tasks.push(...body.ProcessTasks);
    if (page * 100 >= total) return { tasks, total };
  }
}

async function exportCsv(query: DescribeProcessTasksQuery, opts: { maxRequestsPerSecond?: number } = {}) {
  const builder = new CsvBuilder({
    choice: 'all',
    visibleColumns: [],
    context: { timeZone: 'Asia/Shanghai' },
  });
  const result: ExportResult = await runExport({
    query,
    baseUrl,
    maxRequestsPerSecond: opts.maxRequestsPerSecond ?? 20,
    onPage: (n, tasks) => void builder.addPage(n, tasks),
  });
  return { result, file: builder.toString(), headers: builder.headers };
}

function parseFile(file: string): Record<string, string>[] {
  expect(file.startsWith(BOM)).toBe(true);
  const parsed = Papa.parse<string[]>(file.slice(BOM.length), { newline: CRLF });
  expect(parsed.errors).toEqual([]);
  const [headers, ...rows] = parsed.data;
  expect(rows.at(-1)).toEqual(['']);
  return rows.slice(0, -1).map((r) => Object.fromEntries(headers!.map((h, i) => [h, r[i]!])));
}

/** What the CSV must hold for a task: the row mapping of the API's own record. */
function expectedRecord(task: ProcessTask): Record<string, string> {
  const cols = columnsFor('all', []);
  const row = taskToRow(task, cols, { timeZone: 'Asia/Shanghai' });
  return Object.fromEntries(headersOf(cols).map((h, i) => [h, row[i]!]));
}

describe('export engine → real proxy → emulator', () => {
  it('exports exactly the set the API returns for the same filter (>= 2,000 tasks)', async () => {
    const { result, file } = await exportCsv({ OrderField: 'gmtCreate', Direction: 'asc' });
    const api = await apiSet(result.frozenQuery);
    expect(api.total).toBeGreaterThanOrEqual(2000);
    expect(result).toMatchObject({
      complete: true,
      rows: api.total,
      totalCountAtStart: api.total,
      duplicatesDropped: 0,
    });
    const records = parseFile(file).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, stripNeutralisation(v)])),
    );
    const ids = records.map((r) => r.TaskId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(api.tasks.map((t) => t.TaskId)); // same set, same order
    expect(records).toEqual(api.tasks.map(expectedRecord)); // same values
  }, 60_000);

  it('neutralises every dangerous field of the hostile records', async () => {
    const { file, result } = await exportCsv({});
    const raw = parseFile(file);
    const byId = new Map(raw.map((r) => [stripNeutralisation(r.TaskId!), r]));
    // Records without a ProcessTime fall outside the frozen processed-time window.
    const inWindow = new Set((await apiSet(result.frozenQuery)).tasks.map((t) => t.TaskId));
    const formulaIds = [
      HOSTILE_TASK_IDS.formulaHyperlink,
      HOSTILE_TASK_IDS.formulaPlus,
      HOSTILE_TASK_IDS.formulaMinus,
      HOSTILE_TASK_IDS.formulaAt,
      HOSTILE_TASK_IDS.formulaLeadingTab,
      HOSTILE_TASK_IDS.formulaLeadingCarriageReturn,
      HOSTILE_TASK_IDS.quotesCommasNewlines,
    ];
    for (const id of formulaIds) expect(inWindow.has(id), id).toBe(true);
    let dangerous = 0;
    for (const id of Object.values(HOSTILE_TASK_IDS).filter((i) => inWindow.has(i))) {
      const original = emulator.store.all().find((t) => t.TaskId === id)!;
      const row = byId.get(id);
      expect(row, id).toBeDefined();
      for (const [field, cell] of Object.entries(row!)) {
        // No cell of the file starts with a formula trigger...
        expect((FORMULA_TRIGGERS as readonly string[]).includes(cell[0] ?? ''), `${id} ${field}`).toBe(false);
        // ...and every field whose original value starts with one carries the prefix.
        const value = (original as Record<string, unknown>)[field];
        if (typeof value === 'string' && (FORMULA_TRIGGERS as readonly string[]).includes(value[0] ?? '')) {
          dangerous++;
          expect(cell, `${id} ${field}`).toBe("'" + value);
        }
      }
    }
    expect(dangerous).toBeGreaterThanOrEqual(6); // = + - @ TAB CR at least once each
  }, 60_000);

  it('completes exactly with throttling, errors and latency injected in the emulator', async () => {
    emulator.setFaults({ latencyMs: 30, jitterMs: 20, throttleRate: 0.15, errorRate: 0.05 });
    try {
      const query = { TaskStatus: '["20","21","23","90"]' };
      const { result, file } = await exportCsv(query);
      emulator.setFaults({ latencyMs: 0, jitterMs: 0, throttleRate: 0, errorRate: 0 });
      const api = await apiSet(result.frozenQuery);
      expect(result.complete).toBe(true);
      expect(result.retries).toBeGreaterThan(0);
      expect(result.throttled).toBeGreaterThan(0);
      expect(parseFile(file).map((r) => r.TaskId)).toEqual(
        api.tasks.map((t) => stripNeutralisation(t.TaskId)),
      );
    } finally {
      emulator.setFaults({ latencyMs: 0, jitterMs: 0, throttleRate: 0, errorRate: 0 });
    }
  }, 120_000);

  it('completes exactly under the whole fault mix: throttling, 5xx, resets, broken and trickling bodies', async () => {
    emulator.setFaults({
      latencyMs: 10,
      jitterMs: 30,
      throttleRate: 0.3,
      errorRate: 0.1,
      resetRate: 0.05,
      malformedRate: 0.05,
      trickleMs: 40,
    });
    try {
      const query = { YunCode: '["WAF","CFW"]', OrderField: 'processTime', Direction: 'asc' };
      const { result, file } = await exportCsv(query, { maxRequestsPerSecond: 40 });
      emulator.setFaults(NO_FAULTS);
      const api = await apiSet(result.frozenQuery);
      expect(api.total).toBeGreaterThan(500);
      expect(result).toMatchObject({ complete: true, rows: api.total, duplicatesDropped: 0 });
      expect(result.retries).toBeGreaterThan(0);
      const records = parseFile(file).map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, stripNeutralisation(v)])),
      );
      expect(records).toEqual(api.tasks.map(expectedRecord));
    } finally {
      emulator.setFaults(NO_FAULTS);
    }
  }, 180_000);

  it('live mode: the frozen window keeps new arrivals out; a shifting set is reported', async () => {
    emulator.setLive(true);
    emulator.setFaults({ latencyMs: 40 });
    try {
      await new Promise((r) => setTimeout(r, 300)); // some ticks: new tasks are arriving
      const all = await exportCsv({}, { maxRequestsPerSecond: 8 });
      const end = Number(all.result.frozenQuery.ProcessActionEnd);
      const rows = parseFile(all.file);
      expect(new Set(rows.map((r) => r.TaskId)).size).toBe(rows.length);
      for (const r of rows) if (r.ProcessTime) expect(Number(r.ProcessTime)).toBeLessThanOrEqual(end);
      // Only statuses change under a frozen window with no status filter: the set is stable.
      expect(all.result).toMatchObject({ complete: true, totalCountChanged: false });
      expect(all.result.rows).toBe(all.result.totalCountAtStart);

      // In-progress tasks settle or get lifted on every tick: this set shrinks while the
      // export runs, and the export must say so rather than look complete.
      const moving = await exportCsv({ TaskStatus: '["11","21","22"]' }, { maxRequestsPerSecond: 3 });
      const movingRows = parseFile(moving.file);
      expect(new Set(movingRows.map((r) => r.TaskId)).size).toBe(movingRows.length);
      expect(moving.result.totalCountChanged).toBe(true);
      expect(moving.result.complete).toBe(false);
      expect(moving.result.totalCountMin).toBeLessThan(moving.result.totalCountAtStart);
    } finally {
      emulator.setLive(false);
      emulator.setFaults({ latencyMs: 0 });
    }
  }, 120_000);

  it('live churn, 20 seeds: every task that matched the whole time is in the file exactly once (issue 14.5)', async () => {
    // Statuses 21/22 move on every tick (blocks and quarantines lifted, new ones settling
    // in), every 5 ms: the set shifts under the offset pages all the time.
    const query = { TaskStatus: '["21","22"]' };
    let found = 0;
    let movedAway = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const pair = await startProxyHarness({
        emulator: { tasks: 1500, seed, liveIntervalMs: 5 },
        timeoutMs: 5000,
        deadlineMs: 30_000,
        retries: 0,
        rateLimitPerMinute: 100_000,
        backoff: { baseDelayMs: 20, maxDelayMs: 200 },
        version: '1.2.3-test',
        listen: true,
      });
      const live = pair.emulator;
      try {
        const url = pair.url!.replace('localhost', '127.0.0.1');
        live.setFaults({ latencyMs: 10, jitterMs: 10 });
        live.setLive(true);
        const matching = () =>
          new Map(
            live.store
              .all()
              .filter((t) => t.TaskStatus === 21 || t.TaskStatus === 22)
              .map((t) => [t.TaskId, t] as const),
          );
        const before = matching();
        const seen = new Map<string, number>();
        const result = await runExport({
          query,
          baseUrl: url,
          pageSize: 20,
          concurrency: 4,
          maxRequestsPerSecond: 400,
          onPage: (_n, tasks) => {
            for (const t of tasks) seen.set(String(t.TaskId), (seen.get(String(t.TaskId)) ?? 0) + 1);
          },
        });
        const after = matching();
        live.setLive(false);
        const end = Number(result.frozenQuery.ProcessActionEnd);
        // Unchanged from before to after (a status only moves on, and every move stamps
        // GmtModifiedMillis), inside the frozen window: matched the whole time.
        const stable = [...before.values()].filter((t) => {
          const now = after.get(t.TaskId);
          return (
            now !== undefined &&
            now.GmtModifiedMillis === t.GmtModifiedMillis &&
            now.TaskStatus === t.TaskStatus &&
            t.ProcessTime !== undefined &&
            t.ProcessTime <= end
          );
        });
        expect(stable.length, `seed ${seed}`).toBeGreaterThan(100);
        const missing = stable.filter((t) => seen.get(t.TaskId) !== 1).map((t) => t.TaskId);
        expect(missing, `seed ${seed}: tasks that matched the whole time, not exactly once`).toEqual([]);
        expect(
          [...seen.values()].every((n) => n === 1),
          `seed ${seed}: a row twice`,
        ).toBe(true);
        movedAway += [...before.keys()].filter((id) => !after.has(id)).length;
        found += result.foundBySweep;
      } finally {
        await pair.close();
      }
    }
    // The data did move under the exports, and the offset pages alone did miss rows.
    expect(movedAway).toBeGreaterThan(20);
    expect(found).toBeGreaterThan(0);
  }, 240_000);
});
