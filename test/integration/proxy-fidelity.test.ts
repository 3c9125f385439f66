/**
 * The proxy against the emulator (and, for bodies the emulator never sends, a loopback
 * upstream answering fixed bodies), over real sockets, for issue 9: the method each
 * operation goes upstream with, PageSize always stated, Lang, the newest filters, the
 * three more operations' validation, throttling as the SDK core reads it, and answers
 * read as leniently as the SDK models.
 */
import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiRequestError, apiGet } from '../../src/lib/api-client';
import { fetchProcessTasksPage } from '../../src/lib/process-tasks-page';
import {
  LANGS,
  OPERATIONS,
  PAGE_SIZE_DEFAULT,
  describeSoarRecordsResponseSchema,
  processTasksAnswerSchema,
  type Action,
} from '../../src/shared/sophonsoar';
import { buildApp } from '../../src/server/app';
import { NO_FAULTS, startEmulator, type RunningEmulator } from '../../src/server/emulator/index';
import { staticCredential } from '../../src/server/proxy/credential-chain';
import { startCountingForwarder, type CountingForwarder } from '../helpers/counting-forwarder';

let emu: RunningEmulator;
let fwd: CountingForwarder;
const apps: FastifyInstance[] = [];
let base: string;

async function startProxy(endpoint: string): Promise<string> {
  const app = await buildApp({
    config: { upstream: { timeoutMs: 2000, deadlineMs: 4000, retries: 2 }, rateLimitPerMinute: 100_000 },
    upstream: {
      mode: 'demo',
      endpoint,
      protocol: 'http',
      credential: staticCredential(emu.accessKeyId, emu.accessKeySecret),
    },
    version: 'test',
    staticRoot: false,
    backoff: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  apps.push(app);
  return (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 3, tasks: 800, live: false, logger: false });
  fwd = await startCountingForwarder(emu.port);
  base = await startProxy(fwd.endpoint);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await fwd.close();
  await emu.close();
});
beforeEach(() => {
  emu.setFaults(NO_FAULTS);
  fwd.reset();
});

const get = async (path: string) => {
  const r = await fetch(base + path);
  return { status: r.status, headers: r.headers, json: (await r.json()) as Record<string, unknown> };
};

const VALID: Record<Action, string> = {
  DescribeProcessTasks: 'PageSize=5',
  DescribeEnumItems: 'EnumType=process',
  DescribeProcessStatistics: 'Lang=en',
  DescribeProcessTaskCount: 'EntityUuidList.1=a&EntityUuidList.2=b',
  DescribeSoarRecords: 'PageSize=5',
};

describe('each operation goes upstream as the current SDK sends it', () => {
  it.each(Object.keys(OPERATIONS) as Action[])('%s: the catalogue method, answered 200', async (action) => {
    const r = await get(`/api/${action}?${VALID[action]}`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(fwd.requests).toHaveLength(1);
    expect(fwd.requests[0]).toMatchObject({ action, method: OPERATIONS[action].sdkMethod });
  });

  it('DescribeEnumItems goes as GET, DescribeProcessTasks as POST', () => {
    expect(OPERATIONS.DescribeEnumItems.sdkMethod).toBe('GET');
    expect(OPERATIONS.DescribeProcessTasks.sdkMethod).toBe('POST');
  });
});

describe('PageSize is always stated upstream', () => {
  it.each(['DescribeProcessTasks', 'DescribeSoarRecords'] as const)(
    '%s without PageSize from the browser: the proxy sends PageSize=%s',
    async (action) => {
      const r = await get(`/api/${action}`);
      expect(r.status).toBe(200);
      const sent = new URL(fwd.requests[0]!.url!, 'http://x').searchParams;
      expect(sent.get('PageSize')).toBe(String(PAGE_SIZE_DEFAULT));
      expect(r.json.Page).toMatchObject({ PageSize: PAGE_SIZE_DEFAULT });
    },
  );

  it('a PageSize the browser sent is kept', async () => {
    await get('/api/DescribeProcessTasks?PageSize=7');
    expect(new URL(fwd.requests[0]!.url!, 'http://x').searchParams.get('PageSize')).toBe('7');
  });
});

describe('Lang', () => {
  it.each(LANGS)('Lang=%s passes the proxy and the emulator', async (lang) => {
    const r = await get(`/api/DescribeEnumItems?EnumType=process&Lang=${lang}`);
    expect(r.status).toBe(200);
    expect(new URL(fwd.requests[0]!.url!, 'http://x').searchParams.get('Lang')).toBe(lang);
  });

  it('an unknown Lang is 400 naming Lang, never sent upstream', async () => {
    const r = await get('/api/DescribeEnumItems?EnumType=process&Lang=zh-CN');
    expect(r.status).toBe(400);
    expect(String(r.json.Message)).toContain('Lang');
    expect(fwd.requests).toHaveLength(0);
  });
});

describe('AlertId, ExecuteUuid, ResponseRuleId through the proxy', () => {
  it.each(['AlertId', 'ExecuteUuid', 'ResponseRuleId'] as const)('%s filters exactly', async (name) => {
    const value = emu.store.all().find((t) => t[name] !== undefined)![name]!;
    const expected = emu.store.all().filter((t) => t[name] === value).length;
    const r = await get(`/api/DescribeProcessTasks?PageSize=100&${name}=${encodeURIComponent(value)}`);
    expect(r.status).toBe(200);
    expect((r.json.Page as { TotalCount: number }).TotalCount).toBe(expected);
    expect((r.json.ProcessTasks as Record<string, unknown>[]).every((t) => t[name] === value)).toBe(true);
  });
});

describe('the three more operations: parameters checked by the proxy', () => {
  it.each([
    ['DescribeProcessTaskCount', '', 'EntityUuidList'],
    ['DescribeProcessTaskCount', 'EntityUuidList=a', 'EntityUuidList'],
    ['DescribeProcessTaskCount', 'EntityUuidList.2=a', 'EntityUuidList'],
    ['DescribeProcessTaskCount', 'EntityUuidList.1=a&RoleFor=abc', 'RoleFor'],
    ['DescribeProcessTaskCount', `EntityUuidList.1=${'x'.repeat(300)}`, 'EntityUuidList.1'],
    ['DescribeProcessStatistics', 'RoleType=2', 'RoleType'],
    ['DescribeProcessStatistics', 'Foo=1', 'Foo'],
    ['DescribeSoarRecords', 'TaskStatus=done', 'TaskStatus'],
    ['DescribeSoarRecords', 'StartMillis=123', 'StartMillis'],
    ['DescribeSoarRecords', 'PageSize=101', 'PageSize'],
    ['DescribeSoarRecords', 'TriggerType=cron', 'TriggerType'],
  ])('%s?%s → 400 naming %s, no upstream call', async (action, qs, param) => {
    const r = await get(`/api/${action}?${qs}`);
    expect(r.status).toBe(400);
    expect(String(r.json.Message)).toContain(param);
    expect(fwd.requests).toHaveLength(0);
  });

  it('the run behind a playbook task, found through the proxy by its ReqUuid', async () => {
    const task = emu.store.all().find((t) => t.Source === 'soar-manual')!;
    const r = await get(`/api/DescribeSoarRecords?RequestUuid=${task.ReqUuid}&PageSize=10`);
    expect(r.status).toBe(200);
    const body = describeSoarRecordsResponseSchema.parse(r.json);
    expect(body.SoarExecuteRecords.map((s) => s.RequestUuid)).toEqual([task.ReqUuid]);
  });
});

describe('throttling as the SDK core reads it', () => {
  it('Throttling.Api (429, x-acs-retry-after 2500 ms) → 429, Retry-After 3, one upstream call', async () => {
    emu.setFaults({ throttleApiRate: 1, throttleRetryAfterMs: 2500 });
    const r = await get('/api/DescribeProcessTasks?PageSize=5');
    expect(r.status).toBe(429);
    expect(r.json.Code).toBe('Throttling.Api');
    expect(r.headers.get('retry-after')).toBe('3');
    expect(fwd.requests).toHaveLength(1);
  });
});

/** A loopback upstream answering every request with the next fixed answer. */
async function fixedUpstream(
  answers: { status: number; body: string; headers?: Record<string, string> }[],
): Promise<{ endpoint: string; hits: () => number; server: Server }> {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    const a = answers[Math.min(n++, answers.length - 1)]!;
    res.writeHead(a.status, { 'content-type': 'application/json;charset=utf-8', ...a.headers });
    res.end(a.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => n, server };
}

describe('an x-acs-retry-after header alone means throttling', () => {
  it('503 ServiceUnavailable with x-acs-retry-after: 429 to the browser, not retried', async () => {
    const up = await fixedUpstream([
      {
        status: 503,
        body: JSON.stringify({ RequestId: 'UP-1', Code: 'ServiceUnavailable', Message: 'busy' }),
        headers: { 'x-acs-retry-after': '4000' },
      },
    ]);
    try {
      const proxy = await startProxy(up.endpoint);
      const res = await fetch(`${proxy}/api/DescribeProcessTasks?PageSize=5`);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('4');
      expect(((await res.json()) as { RequestId: string }).RequestId).toBe('UP-1');
      expect(up.hits()).toBe(1);
    } finally {
      up.server.close();
    }
  });

  it('the same 503 without the header stays a retried 503', async () => {
    const up = await fixedUpstream([
      {
        status: 503,
        body: JSON.stringify({ RequestId: 'UP-2', Code: 'ServiceUnavailable', Message: 'busy' }),
      },
    ]);
    try {
      const proxy = await startProxy(up.endpoint);
      const res = await fetch(`${proxy}/api/DescribeProcessTasks?PageSize=5`);
      expect(res.status).toBe(503);
      expect(up.hits()).toBe(3);
    } finally {
      up.server.close();
    }
  });
});

describe('answers read as leniently as the SDK models', () => {
  const LENIENT: [string, unknown, (b: ReturnType<typeof processTasksAnswerSchema.parse>) => void][] = [
    [
      'ProcessTasks missing, Page missing',
      { RequestId: 'L-1' },
      (b) => {
        expect(b.ProcessTasks).toEqual([]);
        expect(b.Page).toBeUndefined();
      },
    ],
    [
      'ProcessTasks null, Page null',
      { RequestId: 'L-2', ProcessTasks: null, Page: null },
      (b) => expect(b.ProcessTasks).toEqual([]),
    ],
    [
      'null fields, no TaskId, extra fields',
      {
        RequestId: 'L-3',
        ProcessTasks: [
          { TaskId: null, TaskStatus: null, ErrCode: null, EntityName: '1.2.3.4', FutureField: { a: 1 } },
        ],
        Page: { TotalCount: 1, PageNumber: null },
        Extra: 'kept',
      },
      (b) => {
        expect(b.ProcessTasks).toEqual([{ EntityName: '1.2.3.4', FutureField: { a: 1 } }]);
        expect(b.Page).toEqual({ TotalCount: 1 });
        expect((b as Record<string, unknown>).Extra).toBe('kept');
      },
    ],
  ];

  it.each(LENIENT)('%s: passed on 200 and read by the SPA', async (_name, body, check) => {
    const up = await fixedUpstream([{ status: 200, body: JSON.stringify(body) }]);
    try {
      const proxy = await startProxy(up.endpoint);
      const res = await fetch(`${proxy}/api/DescribeProcessTasks?PageSize=10`);
      expect(res.status).toBe(200);
      check(processTasksAnswerSchema.parse(await res.json()));
      // The list's reader and the export's page reader both take it.
      check(
        await apiGet('DescribeProcessTasks', { PageSize: '10' }, processTasksAnswerSchema, {
          baseUrl: proxy,
        }),
      );
      const page = await fetchProcessTasksPage({ PageSize: '10', PageNumber: '1' }, { baseUrl: proxy });
      expect(page.tasks).toHaveLength(processTasksAnswerSchema.parse(body).ProcessTasks.length);
    } finally {
      up.server.close();
    }
  });

  it.each([
    [{ RequestId: 'U-1', ProcessTasks: 'none' }, 'ProcessTasks'],
    [{ RequestId: 'U-2', ProcessTasks: [{ TaskId: 'a', TaskStatus: 'done' }] }, 'ProcessTasks[0].TaskStatus'],
    [{ RequestId: 'U-3', ProcessTasks: [], Page: { TotalCount: 'many' } }, 'Page.TotalCount'],
    [
      { RequestId: 'U-4', ProcessTasks: [{ TaskId: 'a', GmtCreateMillis: '1764000000000' }] },
      'ProcessTasks[0].GmtCreateMillis',
    ],
  ])('%j cannot be used: the error names %s and carries the RequestId', async (body, field) => {
    const up = await fixedUpstream([{ status: 200, body: JSON.stringify(body) }]);
    try {
      const proxy = await startProxy(up.endpoint);
      const err = await apiGet('DescribeProcessTasks', { PageSize: '10' }, processTasksAnswerSchema, {
        baseUrl: proxy,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiRequestError);
      expect((err as ApiRequestError).code).toBe('MalformedResponse');
      expect((err as ApiRequestError).message).toContain(field);
      expect((err as ApiRequestError).requestId).toBe(body.RequestId);
    } finally {
      up.server.close();
    }
  });
});
