/**
 * The official client against the emulator for what issue 9 made strict: each
 * operation's HTTP method from the metadata, the four Lang spellings, PageSize omitted →
 * 10 rows, the newest models' filters (AlertId, ExecuteUuid, ResponseRuleId), the three
 * more read-only operations (checked by brute force against DescribeProcessTasks), and
 * the Throttling.Api fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LANGS,
  OPERATIONS,
  describeProcessStatisticsResponseSchema,
  describeProcessTaskCountResponseSchema,
  describeProcessTasksResponseSchema,
  describeSoarRecordsResponseSchema,
  type Action,
  type ProcessTask,
} from '../../shared/sophonsoar';
import { NO_FAULTS, startEmulator, type RunningEmulator } from './index';
import { PLAYBOOK_SOURCES } from './dataset';
import { callOfficial, officialClient } from '../../../test/helpers/emulator-client';

if (!process.env.ALIBABA_CLOUD_ECS_METADATA) process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';

let emu: RunningEmulator;
let client: ReturnType<typeof officialClient>;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 5, tasks: 1200, live: false, logger: false });
  client = officialClient(emu);
});
afterAll(() => emu.close());

/** The smallest valid query of each operation. */
const MINIMAL: Record<Action, Record<string, string>> = {
  DescribeProcessTasks: { PageSize: '1' },
  DescribeEnumItems: { EnumType: 'process' },
  DescribeProcessStatistics: {},
  DescribeProcessTaskCount: { 'EntityUuidList.1': 'x' },
  DescribeSoarRecords: { PageSize: '1' },
};

/** Every task matching `query`, page by page through DescribeProcessTasks. */
async function allTasks(query: Record<string, string>): Promise<ProcessTask[]> {
  const out: ProcessTask[] = [];
  for (let page = 1; ; page++) {
    const r = await callOfficial(client, 'DescribeProcessTasks', {
      ...query,
      PageSize: '100',
      PageNumber: String(page),
    });
    expect(r.ok, JSON.stringify(r.data)).toBe(true);
    const body = describeProcessTasksResponseSchema.parse(r.body);
    out.push(...body.ProcessTasks);
    if (out.length >= body.Page.TotalCount) return out;
  }
}

describe('HTTP method per operation (metadata)', () => {
  it.each(Object.keys(OPERATIONS) as Action[])(
    '%s: declared methods answer, others are refused',
    async (action) => {
      const declared: readonly string[] = OPERATIONS[action].methods;
      for (const method of ['GET', 'POST'] as const) {
        const r = await callOfficial(client, action, MINIMAL[action], { method });
        if (declared.includes(method)) {
          expect(r.ok, `${action} ${method}: ${JSON.stringify(r.data)}`).toBe(true);
        } else {
          expect(r.ok, `${action} ${method}`).toBe(false);
          expect(r.statusCode).toBe(404);
          expect(r.code).toBe('InvalidAction.NotFound');
          expect(String(r.data?.Message)).toContain(`does not accept ${method}`);
        }
      }
    },
  );

  it('the SDK method of each operation is one it declares', () => {
    for (const spec of Object.values(OPERATIONS))
      expect((spec.methods as readonly string[]).includes(spec.sdkMethod)).toBe(true);
  });
});

describe('Lang', () => {
  it.each(LANGS)('DescribeEnumItems accepts Lang=%s and names scenes in that language', async (lang) => {
    const r = await callOfficial(
      client,
      'DescribeEnumItems',
      { EnumType: 'process', Lang: lang },
      { method: 'GET' },
    );
    expect(r.ok, JSON.stringify(r.data)).toBe(true);
    const names = (r.body!.Data as { Value: string }[]).map((d) => d.Value);
    const chinese = names.some((n) => /[\u4e00-\u9fff]/.test(n));
    expect(chinese).toBe(lang.startsWith('zh'));
  });

  it('Lang omitted is Chinese (the documented default); an unknown Lang is refused naming it', async () => {
    const none = await callOfficial(client, 'DescribeEnumItems', { EnumType: 'process' }, { method: 'GET' });
    expect((none.body!.Data as { Value: string }[]).some((d) => /[\u4e00-\u9fff]/.test(d.Value))).toBe(true);
    for (const action of ['DescribeEnumItems', 'DescribeProcessStatistics', 'DescribeSoarRecords'] as const) {
      const r = await callOfficial(client, action, { ...MINIMAL[action], Lang: 'fr' }, { method: 'GET' });
      expect(r.statusCode, action).toBe(400);
      expect(String(r.data?.Message)).toContain('Lang');
    }
  });
});

describe('PageSize omitted', () => {
  it.each(['DescribeProcessTasks', 'DescribeSoarRecords'] as const)('%s answers 10 rows', async (action) => {
    const r = await callOfficial(client, action, {}, { method: 'GET' });
    expect(r.ok, JSON.stringify(r.data)).toBe(true);
    const rows = (r.body!.ProcessTasks ?? r.body!.SoarExecuteRecords) as unknown[];
    expect(rows).toHaveLength(10);
    expect(r.body!.Page).toMatchObject({ PageSize: 10, PageNumber: 1 });
  });
});

describe('AlertId, ExecuteUuid, ResponseRuleId (newest SDK models)', () => {
  it.each(['AlertId', 'ExecuteUuid', 'ResponseRuleId'] as const)(
    '%s is an exact-match filter',
    async (name) => {
      const data = emu.store.all();
      const carriers = data.filter((t) => t[name] !== undefined);
      expect(carriers.length, `${name}: the data carries it`).toBeGreaterThan(10);
      const value = carriers[7]![name]!;
      const expected = data.filter((t) => t[name] === value).map((t) => t.TaskId);
      const got = (await allTasks({ [name]: value })).map((t) => t.TaskId);
      expect(got.sort()).toEqual(expected.sort());
      const none = await callOfficial(client, 'DescribeProcessTasks', { [name]: value.slice(0, -1) });
      expect(describeProcessTasksResponseSchema.parse(none.body).Page.TotalCount).toBe(
        data.filter((t) => t[name] === value.slice(0, -1)).length,
      );
    },
  );

  it('an alert links to every response it caused: the tasks of one event share its AlertId', () => {
    for (const t of emu.store.all()) {
      if (t.AlertId === undefined) continue;
      const sameEvent = emu.store.all().filter((u) => u.EventUuid === t.EventUuid);
      for (const u of sameEvent) expect(u.AlertId).toBe(t.AlertId);
    }
  });
});

describe('DescribeProcessStatistics agrees with DescribeProcessTasks', () => {
  it('TaskNum, BanIpNum, BanFileNum, BanProcessNum by brute force', async () => {
    const r = await callOfficial(client, 'DescribeProcessStatistics', { Lang: 'en' }, { method: 'GET' });
    expect(r.ok, JSON.stringify(r.data)).toBe(true);
    const m = describeProcessStatisticsResponseSchema.parse(r.body).Metrics!;
    expect(m.TaskNum).toBe((await allTasks({})).length);
    const distinct = (tasks: ProcessTask[], key: 'EntityName' | 'EntityUuid') =>
      new Set(tasks.map((t) => t[key]).filter((v) => v !== undefined)).size;
    expect(m.BanIpNum).toBe(
      distinct(await allTasks({ EntityType: 'ip', TaskStatus: '["21"]' }), 'EntityName'),
    );
    expect(m.BanFileNum).toBe(
      distinct(await allTasks({ EntityType: 'file', TaskStatus: '["22"]' }), 'EntityUuid'),
    );
    expect(m.BanProcessNum).toBe(
      distinct(await allTasks({ EntityType: 'process', TaskStatus: '["20"]' }), 'EntityUuid'),
    );
    expect(m.BanIpNum! * m.BanFileNum! * m.BanProcessNum!).toBeGreaterThan(0);
  });
});

describe('DescribeProcessTaskCount agrees with DescribeProcessTasks', () => {
  it('counts per EntityUuid (EntityUuidList.N), 0 for an unknown one', async () => {
    const uuids = [...new Set(emu.store.all().map((t) => t.EntityUuid))]
      .filter((u): u is string => u !== undefined)
      .slice(0, 6);
    uuids.push('no-such-entity');
    const query: Record<string, string> = {};
    uuids.forEach((u, i) => (query[`EntityUuidList.${i + 1}`] = u));
    const r = await callOfficial(client, 'DescribeProcessTaskCount', query, { method: 'GET' });
    expect(r.ok, JSON.stringify(r.data)).toBe(true);
    const data = describeProcessTaskCountResponseSchema.parse(r.body).Data;
    expect(data.map((d) => d.EntityUuid)).toEqual(uuids);
    for (const d of data) {
      const page = await callOfficial(client, 'DescribeProcessTasks', {
        EntityUuid: d.EntityUuid!,
        PageSize: '1',
      });
      expect(d.Count, d.EntityUuid).toBe(describeProcessTasksResponseSchema.parse(page.body).Page.TotalCount);
    }
  });

  it.each([
    [{}, 'EntityUuidList', 'MissingParameter'],
    [{ EntityUuidList: 'a' }, 'EntityUuidList', 'InvalidParameter'],
    [{ 'EntityUuidList.1': 'a', 'EntityUuidList.3': 'b' }, 'EntityUuidList', 'InvalidParameter'],
    [{ 'EntityUuidList.01': 'a' }, 'EntityUuidList.01', 'InvalidParameter'],
    [{ 'EntityUuidList.1': 'a', RoleType: '7' }, 'RoleType', 'InvalidParameter'],
  ])('%j → 400 naming %s', async (query, param, code) => {
    const r = await callOfficial(client, 'DescribeProcessTaskCount', query as Record<string, string>, {
      method: 'GET',
    });
    expect(r.statusCode).toBe(400);
    expect(r.code).toBe(code);
    expect(String(r.data?.Message)).toContain(param);
  });
});

describe('DescribeSoarRecords: every playbook task has its run', () => {
  it('each task of a playbook source finds its run by ReqUuid, and every run has its tasks', async () => {
    const playbookTasks = emu.store.all().filter((t) => PLAYBOOK_SOURCES.has(t.Source ?? ''));
    expect(playbookTasks.length).toBeGreaterThan(20);
    const all = await callOfficial(client, 'DescribeSoarRecords', { PageSize: '1' }, { method: 'GET' });
    const total = describeSoarRecordsResponseSchema.parse(all.body).Page!.TotalCount;
    expect(total).toBe(new Set(playbookTasks.map((t) => t.ReqUuid)).size);
    for (const task of playbookTasks.slice(0, 25)) {
      const r = await callOfficial(
        client,
        'DescribeSoarRecords',
        { RequestUuid: task.ReqUuid!, PageSize: '10' },
        {
          method: 'GET',
        },
      );
      const body = describeSoarRecordsResponseSchema.parse(r.body);
      expect(body.SoarExecuteRecords, task.TaskId).toHaveLength(1);
      const run = body.SoarExecuteRecords[0]!;
      expect(run.RequestUuid).toBe(task.ReqUuid);
      const outputs = run.OutputList.map(
        (o) => JSON.parse(o.Content!) as { TaskId: string; TaskStatus: number },
      );
      expect(outputs).toContainEqual(
        expect.objectContaining({ TaskId: task.TaskId, TaskStatus: task.TaskStatus }),
      );
      expect(run.Status).toBe(
        task.TaskStatus === 11 ? 'running' : task.TaskStatus === 90 ? 'fail' : run.Status,
      );
      expect(run.StartTime).toBeLessThanOrEqual(task.GmtCreateMillis!);
      expect(() => JSON.parse(run.RawEventReq!)).not.toThrow();
    }
  });

  it('filters by status and trigger type as documented (query failed → record fail)', async () => {
    for (const [query, status] of [
      ['success', 'success'],
      ['failed', 'fail'],
      ['inprogress', 'running'],
    ] as const) {
      const r = await callOfficial(
        client,
        'DescribeSoarRecords',
        { TaskStatus: query, PageSize: '100' },
        {
          method: 'GET',
        },
      );
      const records = describeSoarRecordsResponseSchema.parse(r.body).SoarExecuteRecords;
      for (const rec of records) expect(rec.Status).toBe(status);
    }
    const bad = await callOfficial(client, 'DescribeSoarRecords', { TaskStatus: 'fail' }, { method: 'GET' });
    expect(bad.statusCode).toBe(400);
    expect(String(bad.data?.Message)).toContain('TaskStatus');
  });

  it('no run for a task that no playbook started', async () => {
    const manual = emu.store.all().find((t) => t.Source === 'system' && t.ReqUuid !== undefined)!;
    const r = await callOfficial(
      client,
      'DescribeSoarRecords',
      { RequestUuid: manual.ReqUuid! },
      { method: 'GET' },
    );
    expect(describeSoarRecordsResponseSchema.parse(r.body).SoarExecuteRecords).toEqual([]);
  });
});

describe('Throttling.Api fault', () => {
  it('answers 429 Throttling.Api with x-acs-retry-after (ms)', async () => {
    try {
      emu.setFaults({ throttleApiRate: 1, throttleRetryAfterMs: 2500 });
      const res = await fetch(`${emu.url}/?Action=DescribeProcessTasks`);
      // Unsigned: the signature is checked first.
      expect(res.status).not.toBe(429);
      const r = await callOfficial(client, 'DescribeProcessTasks', {});
      expect(r.statusCode).toBe(429);
      expect(r.code).toBe('Throttling.Api');
    } finally {
      emu.setFaults(NO_FAULTS);
    }
  });
});
