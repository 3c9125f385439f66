import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkParams, type DescribeProcessTasksQuery, type ProcessTask } from '../../shared/sophonsoar';
import { generateDataset } from './dataset';
import { TaskIndex, queryProcessTasks } from './query-engine';
import { startEmulator, type RunningEmulator } from './index';
import { v3Request } from '../../../test/helpers/emulator-client';

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const { tasks } = generateDataset(11, 3000, NOW);
const index = new TaskIndex(tasks);

/** The obvious, slow reading of the API semantics, written independently of the engine. */
function bruteForce(q: DescribeProcessTasksQuery) {
  const list = (s?: string) => (s ? (JSON.parse(s) as unknown[]).map(String) : []);
  const statuses = list(q.TaskStatus);
  const sources = list(q.Source);
  const yun = list(q.YunCode);
  const inRange = (v: unknown, a?: string, b?: string) =>
    (a === undefined && b === undefined) ||
    (typeof v === 'number' && (a === undefined || v >= Number(a)) && (b === undefined || v <= Number(b)));
  const exact = [
    'TriggerSource',
    'EntityType',
    'EntityName',
    'EntityUuid',
    'EventUuid',
    'TaskId',
    'ReqUuid',
    'ProcessStrategyUuid',
    'SceneCode',
    'Scope',
  ] as const;
  const hits = tasks.filter(
    (t) =>
      (!statuses.length || statuses.includes(String(t.TaskStatus))) &&
      (!sources.length || sources.includes(String(t.Source))) &&
      (!yun.length || yun.includes(String(t.YunCode))) &&
      exact.every((k) => !q[k] || t[k] === q[k]) &&
      inRange(t.ProcessTime, q.ProcessActionStart, q.ProcessActionEnd) &&
      inRange(t.RemoveTime, q.ProcessRemoveStart, q.ProcessRemoveEnd) &&
      (!q.ParamContent ||
        [t.EntityName, t.SceneCode, t.SceneName, t.InputParams].some((f) =>
          (f ?? '').toLowerCase().includes(q.ParamContent!.toLowerCase()),
        )),
  );
  const field = (q.OrderField ?? 'gmtCreate').toLowerCase();
  const key = (
    {
      gmtcreate: 'GmtCreateMillis',
      gmtmodified: 'GmtModifiedMillis',
      processtime: 'ProcessTime',
      removetime: 'RemoveTime',
    } as const
  )[field as 'gmtcreate']!;
  const desc = (q.Direction ?? 'desc').toLowerCase() === 'desc';
  const present = hits.filter((t) => typeof t[key] === 'number');
  const missing = hits.filter((t) => typeof t[key] !== 'number');
  const byId = (a: ProcessTask, b: ProcessTask) => (a.TaskId === b.TaskId ? 0 : a.TaskId < b.TaskId ? -1 : 1);
  present.sort((a, b) => (a[key] as number) - (b[key] as number) || byId(a, b));
  missing.sort(byId);
  if (desc) {
    present.reverse();
    missing.reverse();
  }
  const sorted = [...present, ...missing];
  // The doc: "If the PageSize parameter is empty, 10 entries are returned".
  const size = Number(q.PageSize ?? 10);
  const page = Number(q.PageNumber ?? 1);
  return { total: sorted.length, ids: sorted.slice((page - 1) * size, page * size).map((t) => t.TaskId) };
}

const values = <K extends keyof ProcessTask>(k: K) => [
  ...new Set(
    tasks.flatMap((t) =>
      typeof t[k] === 'string' &&
      !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(t[k] as string) &&
      (t[k] as string).length <= 256
        ? [t[k] as string]
        : [],
    ),
  ),
];
const times = tasks
  .flatMap((t) => [t.ProcessTime, t.RemoveTime])
  .filter((v): v is number => typeof v === 'number');
const randomCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flips) => [...s].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
const sub = (xs: readonly string[]) => fc.subarray([...xs]).map((a) => JSON.stringify(a));
const time = fc
  .oneof(fc.constantFrom(...times), fc.integer({ min: NOW - 31 * 86_400_000, max: NOW }))
  .map(String);
const text = fc.constantFrom(
  ...tasks.map((t) => `${t.EntityName ?? ''} ${t.SceneName ?? ''} ${t.InputParams?.slice(0, 200) ?? ''}`),
);
const needle = fc
  .tuple(text, fc.nat(), fc.integer({ min: 1, max: 12 }))
  .map(([s, at, len]) => s.slice(at % Math.max(1, s.length), (at % Math.max(1, s.length)) + len))
  .chain(randomCase);

const paramArbs = {
  TaskStatus: sub(['11', '20', '21', '22', '23', '24', '25', '90', '91', '92']),
  Source: sub(['system', 'custom', 'custom_alert', 'soar-manual', 'soar-mdr']),
  YunCode: sub(['WAF', 'CFW', 'Aegis', 'DDoS']),
  TriggerSource: fc.constantFrom('system', 'custom', 'soar-manual', 'nobody'),
  EntityType: fc.constantFrom('ip', 'file', 'process'),
  EntityName: fc.constantFrom(...values('EntityName')),
  EventUuid: fc.constantFrom(...values('EventUuid')),
  Scope: fc.constantFrom(...values('Scope')),
  SceneCode: fc.constantFrom(...values('SceneCode')),
  ProcessStrategyUuid: fc.constantFrom(...values('ProcessStrategyUuid')),
  ParamContent: needle,
  ProcessActionStart: time,
  ProcessActionEnd: time,
  ProcessRemoveStart: time,
  ProcessRemoveEnd: time,
  OrderField: fc.constantFrom('gmtCreate', 'gmtModified', 'processTime', 'removeTime').chain(randomCase),
  Direction: fc.constantFrom('asc', 'desc').chain(randomCase),
  PageNumber: fc.integer({ min: 1, max: 40 }).map(String),
  PageSize: fc.integer({ min: 1, max: 100 }).map(String),
};
/** A few parameters at a time, so that most queries match something. */
const queryArb: fc.Arbitrary<DescribeProcessTasksQuery> = fc
  .tuple(fc.record(paramArbs), fc.subarray(Object.keys(paramArbs), { maxLength: 4 }))
  .map(([all, keys]) => Object.fromEntries(Object.entries(all).filter(([k]) => keys.includes(k))))
  // A range whose start is after its end is refused by checkParams: give the bounds in order.
  .map((q: DescribeProcessTasksQuery) => {
    for (const [a, b] of [
      ['ProcessActionStart', 'ProcessActionEnd'],
      ['ProcessRemoveStart', 'ProcessRemoveEnd'],
    ] as const) {
      if (q[a] !== undefined && q[b] !== undefined && Number(q[a]) > Number(q[b])) {
        [q[a], q[b]] = [q[b], q[a]];
      }
    }
    return q;
  });

describe('query engine = brute force (property)', () => {
  it('for random parameter combinations over a generated dataset', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(queryArb, (q) => {
        const p = checkParams('DescribeProcessTasks', q);
        if (!p.ok) throw new Error(`${p.param}: ${p.message}`);
        const r = queryProcessTasks(index, p.value);
        const expected = bruteForce(q);
        expect(r.totalCount).toBe(expected.total);
        expect(r.tasks.map((t) => t.TaskId)).toEqual(expected.ids);
        if (expected.ids.length) nonEmpty++;
      }),
      { numRuns: 400, seed: 20261127 },
    );
    // The property means little if nearly every query matches nothing.
    expect(nonEmpty).toBeGreaterThan(400 * 0.4);
  });
});

describe('the emulator over HTTP = brute force (property)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: 11, tasks: 3000, now: () => NOW });
  });
  afterAll(() => emu.close());

  it('answers like the brute force for signed requests', async () => {
    expect(emu.store.all()).toEqual(tasks);
    await fc.assert(
      fc.asyncProperty(queryArb, async (q) => {
        const query = Object.entries(q) as [string, string][];
        // The emulator's clock is fixed at NOW: sign with it so the date is in its window.
        const r = await v3Request(emu, { query, date: NOW }).send();
        expect(r.status).toBe(200);
        const expected = bruteForce(q);
        expect((r.json.Page as { TotalCount: number }).TotalCount).toBe(expected.total);
        expect((r.json.ProcessTasks as ProcessTask[]).map((t) => t.TaskId)).toEqual(expected.ids);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
