/**
 * The proxy in front of the real emulator, over real sockets (port 0). A counting
 * forwarder sits between them, so the tests see every request that reaches the upstream
 * and every one the proxy abandons.
 */
import OpenApiModule, { Config, OpenApiRequest } from '@alicloud/openapi-client';
import { RuntimeOptions } from '@alicloud/tea-util';
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkParams, type Action } from '../../shared/sophonsoar';
import { buildApp, type BuildAppOptions } from '../app';
import { HOSTILE_TASK_IDS, NO_FAULTS, startEmulator, type RunningEmulator } from '../emulator/index';
import { createLogger } from '../logger';
import { staticCredential } from './credential-chain';
import { startCountingForwarder, type CountingForwarder } from '../../../test/helpers/counting-forwarder';
import { rpcParams } from './upstream-client';

const OpenApiClient =
  (OpenApiModule as unknown as { default?: typeof OpenApiModule }).default ?? OpenApiModule;

const SECRET = 'IntegrationSecret-7f3a9c2e-must-never-leak';

let emu: RunningEmulator;
let fwd: CountingForwarder;
const logs: string[] = [];
const seen: string[] = []; // every response (status, headers, body) any test received
const apps: FastifyInstance[] = [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response JSON
type Json = any;

interface Proxy {
  base: string;
  get(
    path: string,
    init?: RequestInit,
  ): Promise<{ status: number; headers: Headers; body: string; json(): Json }>;
}

async function startProxy(overrides: Partial<BuildAppOptions> = {}): Promise<Proxy> {
  const app = await buildApp({
    config: {
      upstream: { timeoutMs: 1000, deadlineMs: 3000, retries: 3 },
      rateLimitPerMinute: 100_000,
      // The account's budget is tested in test/integration/upstream-budget.test.ts; here
      // it stays out of the way of the injected faults.
      budget: { qps: 10_000, burst: 10_000, cacheMs: 0, replicas: 1 },
    },
    upstream: {
      mode: 'demo',
      endpoint: fwd.endpoint,
      protocol: 'http',
      credential: staticCredential(emu.accessKeyId, SECRET),
    },
    version: 'test',
    logger: createLogger(
      'debug',
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          logs.push(chunk.toString());
          cb();
        },
      }),
    ),
    staticRoot: false,
    backoff: { baseDelayMs: 20, maxDelayMs: 200 },
    ...overrides,
  });
  apps.push(app);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base,
    async get(path, init) {
      const r = await fetch(base + path, init);
      const body = await r.text();
      seen.push(`${r.status} ${JSON.stringify([...r.headers])} ${body}`);
      return { status: r.status, headers: r.headers, body, json: () => JSON.parse(body) };
    },
  };
}

/** The same call made directly with the official client, as any Alibaba Cloud SDK user would. */
async function directCall(action: Action, query: Record<string, string>): Promise<Record<string, unknown>> {
  const client = new OpenApiClient(
    new Config({
      endpoint: emu.endpoint,
      protocol: 'http',
      credential: staticCredential(emu.accessKeyId, SECRET),
    }),
  );
  const params = rpcParams(action, 'http');
  const r = await client.callApi(params, new OpenApiRequest({ query }), new RuntimeOptions({}));
  return r.body as Record<string, unknown>;
}

const withoutRequestId = (b: Record<string, unknown>) => {
  const { RequestId: _ignored, ...rest } = b;
  return rest;
};

let proxy: Proxy;
beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    seed: 11,
    tasks: 400,
    live: false,
    logger: false,
    accessKeySecret: SECRET,
  });
  fwd = await startCountingForwarder(emu.port);
  proxy = await startProxy();
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

describe('pass-through', () => {
  const now = Date.now();
  it.each<[string, Record<string, string>]>([
    ['first page', { PageSize: '5' }],
    ['statuses', { TaskStatus: '["90","91"]', PageSize: '50' }],
    [
      'product, sort, page 2',
      { YunCode: '["WAF"]', OrderField: 'gmtCreate', Direction: 'asc', PageNumber: '2', PageSize: '10' },
    ],
    ['keyword', { ParamContent: 'block', PageSize: '20' }],
    [
      'time range',
      { ProcessActionStart: String(now - 7 * 86_400_000), ProcessActionEnd: String(now), PageSize: '100' },
    ],
    ['source and entity type', { Source: '["soar-manual","system"]', EntityType: 'ip', PageSize: '30' }],
    ['page past the end', { PageNumber: '999', PageSize: '100' }],
    ['odd characters', { ParamContent: `<script>"'&=+%* ~!()中文 🙂`, PageSize: '10' }],
  ])('%s: identical to a direct signed call', async (_name, query) => {
    const r = await proxy.get(`/api/DescribeProcessTasks?${new URLSearchParams(query)}`);
    expect(r.status).toBe(200);
    const body = r.json();
    expect(withoutRequestId(body)).toEqual(withoutRequestId(await directCall('DescribeProcessTasks', query)));
    expect(typeof body.RequestId).toBe('string');
    expect(fwd.requests.map((x) => x.action)).toEqual(['DescribeProcessTasks']);
  });

  it('filters really apply (not just echoed)', async () => {
    const r = await proxy.get(
      `/api/DescribeProcessTasks?${new URLSearchParams({ TaskStatus: '["90"]', PageSize: '100' })}`,
    );
    const body = r.json();
    expect(body.Page.TotalCount).toBe(emu.store.all().filter((t) => t.TaskStatus === 90).length);
    expect(body.ProcessTasks.length).toBeGreaterThan(0);
    for (const t of body.ProcessTasks) expect(t.TaskStatus).toBe(90);
  });

  it('hostile records come through byte for byte', async () => {
    const tasks = emu.store.all();
    let checked = 0;
    for (const id of Object.values(HOSTILE_TASK_IDS)) {
      const task = tasks.find((t) => t.TaskId === id);
      if (!task?.EntityName) continue;
      const query = { EntityName: task.EntityName, PageSize: '100' };
      if (!checkParams('DescribeProcessTasks', query).ok) continue;
      const r = await proxy.get(`/api/DescribeProcessTasks?${new URLSearchParams(query)}`);
      expect(r.status).toBe(200);
      expect(withoutRequestId(r.json())).toEqual(
        withoutRequestId(await directCall('DescribeProcessTasks', query)),
      );
      expect(r.json().ProcessTasks.some((t: { TaskId: string }) => t.TaskId === id)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('DescribeEnumItems', async () => {
    const r = await proxy.get('/api/DescribeEnumItems?EnumType=process');
    expect(r.status).toBe(200);
    expect(r.json().Data.length).toBeGreaterThan(0);
    expect(withoutRequestId(r.json())).toEqual(
      withoutRequestId(await directCall('DescribeEnumItems', { EnumType: 'process' })),
    );
  });
});

describe('what never reaches the upstream', () => {
  it.each([
    'TaskStatus=not-json',
    'PageSize=0',
    'PageSize=101',
    'PageSize=abc',
    'Unknown=1',
    'PageSize=5&PageSize=6',
    'OrderField=bogus',
    'Direction=sideways',
    'ProcessActionStart=12',
  ])('DescribeProcessTasks?%s → 400, no upstream request', async (qs) => {
    const r = await proxy.get(`/api/DescribeProcessTasks?${qs}`);
    expect(r.status).toBe(400);
    const param = qs.split('=')[0]!;
    expect(r.json().Message).toContain(param);
    expect(fwd.requests).toHaveLength(0);
  });

  it.each<[string, string[], string]>([
    // Not percent-encoded UTF-8: refused before decoding, not searched as U+FFFD.
    ['EntityName=%FF', ['EntityName'], 'not valid UTF-8'],
    ['EntityName=%ED%A0%80', ['EntityName'], 'not valid UTF-8'],
    ['EntityName=%C3%28', ['EntityName'], 'not valid UTF-8'],
    ['EntityName=%E0%A4', ['EntityName'], 'not valid UTF-8'],
    ['EntityName=%', ['EntityName'], 'two hex digits'],
    ['PageSize=5&ParamContent=100%', ['ParamContent'], 'two hex digits'],
    ['ParamContent=%zz', ['ParamContent'], 'two hex digits'],
    ['Task%FFId=1', ['Task%FFId'], 'name'],
    // Ranges whose start is after their end: both named.
    [
      'ProcessActionStart=1700000000000&ProcessActionEnd=1600000000000',
      ['ProcessActionStart', 'ProcessActionEnd'],
      'must not be after its end',
    ],
    [
      'ProcessRemoveStart=1700000000001&ProcessRemoveEnd=1700000000000',
      ['ProcessRemoveStart', 'ProcessRemoveEnd'],
      'must not be after its end',
    ],
    // List items of the wrong JSON type, and lists that are not JSON arrays: with an example.
    ['TaskStatus=[90]', ['TaskStatus'], 'must be a string, e.g. ["11","21"]'],
    ['TaskStatus=["90",90]', ['TaskStatus'], 'must be a string, e.g. ["11","21"]'],
    ['TaskStatus=[null]', ['TaskStatus'], 'must be a string'],
    ['Source=[true]', ['Source'], 'must be a string, e.g. ["system","custom"]'],
    ['TaskStatus=92', ['TaskStatus'], 'must be a JSON array of strings (status codes), e.g. ["11","21"]'],
    ['TaskStatus=90,91', ['TaskStatus'], 'must be a JSON array of strings (status codes), e.g. ["11","21"]'],
    ['TaskStatus="90"', ['TaskStatus'], 'must be a JSON array of strings'],
    // A closed set (the catalogue gives EntityType no `open`): only the documented values.
    ['EntityType=host', ['EntityType'], 'one of ip, file, process'],
    ['EntityType=IP', ['EntityType'], 'one of ip, file, process'],
  ])('DescribeProcessTasks?%s → 400 naming %j, no upstream request', async (qs, params, words) => {
    const encoded = qs.replace(/[[\]"]/g, encodeURIComponent);
    const r = await proxy.get(`/api/DescribeProcessTasks?${encoded}`);
    expect(r.status).toBe(400);
    const body = r.json();
    expect(body.Code).toBe('InvalidParameter');
    for (const p of params) expect(body.Message).toContain(`parameter ${p} `);
    expect(body.Message).toContain(words);
    expect(fwd.requests).toHaveLength(0);
  });

  it.each([
    // Forward compatibility: well-formed codes Alibaba has not documented (yet) pass.
    'TaskStatus=["25"]',
    'Source=["soar-new"]',
    'YunCode=["DDoS"]',
    'TriggerSource=soar-new',
    // Valid percent-encoded UTF-8 and equal range bounds.
    'EntityName=%E6%81%B6%E6%84%8F',
    'EntityName=%EF%BF%BD',
    'ProcessActionStart=1700000000000&ProcessActionEnd=1700000000000',
  ])('DescribeProcessTasks?%s is accepted and forwarded', async (qs) => {
    const encoded = qs.replace(/[[\]"]/g, encodeURIComponent);
    const r = await proxy.get(`/api/DescribeProcessTasks?${encoded}`);
    expect(r.status).toBe(200);
    expect(fwd.requests).toHaveLength(1);
  });

  it.each(['/api/DescribeSoarTaskAndActions', '/api/DeleteTasks', '/api/x/y'])(
    '%s → 404, no upstream request',
    async (p) => {
      const r = await proxy.get(p);
      expect(r.status).toBe(404);
      expect(fwd.requests).toHaveLength(0);
    },
  );

  it('POST → 405, no upstream request', async () => {
    const r = await proxy.get('/api/DescribeProcessTasks', { method: 'POST', body: 'PageSize=1' });
    expect(r.status).toBe(405);
    expect(fwd.requests).toHaveLength(0);
  });
});

describe('upstream faults', () => {
  // The retry policy (retry.ts): throttling is one upstream call and a 429 for the browser.
  it('always-throttled upstream: one upstream call, 429 with the default Retry-After', async () => {
    emu.setFaults({ throttleRate: 1 });
    const r = await proxy.get('/api/DescribeProcessTasks?PageSize=3');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.json()).toMatchObject({ Code: 'Throttling.User', Message: expect.any(String) });
    expect(fwd.requests).toHaveLength(1);
    const failed = logs.map((l) => JSON.parse(l)).findLast((l) => l.msg === 'upstream call failed');
    expect(failed).toMatchObject({ status: 429, code: 'Throttling.User', attempts: 1 });
    expect(failed.upstreamRequestId).toBe(r.json().RequestId);
  });

  it.each([
    [1500, '2'],
    [3000, '3'],
    [250, '1'],
  ])('throttled with the upstream hint x-acs-retry-after: %i ms → Retry-After: %s', async (ms, header) => {
    emu.setFaults({ throttleRate: 1, throttleRetryAfterMs: ms });
    const r = await proxy.get('/api/DescribeProcessTasks?PageSize=3');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe(header);
    expect(fwd.requests).toHaveLength(1);
  });

  it('the per-key QPS cap is not retried either, even with retries and time to spare', async () => {
    const patient = await startProxy({
      config: { upstream: { timeoutMs: 1000, deadlineMs: 8000, retries: 8 }, rateLimitPerMinute: 100_000 },
    });
    emu.setFaults({ qpsPerKey: 1 });
    await directCall('DescribeProcessTasks', { PageSize: '1' }); // uses up this second's quota
    const r = await patient.get('/api/DescribeProcessTasks?PageSize=3');
    expect(r.status).toBe(429);
    expect(r.json()).toMatchObject({ Code: 'Throttling.User' });
    expect(fwd.requests).toHaveLength(1);
    // Once the second has passed, the same request goes through.
    await sleep(1100);
    const again = await patient.get('/api/DescribeProcessTasks?PageSize=3');
    expect(again.status).toBe(200);
    expect(again.json().ProcessTasks).toHaveLength(3);
  });

  it('one list request under 50 % throttling and 50 % 5xx: 5xx retried, throttling ends it', async () => {
    emu.setFaults({ throttleRate: 0.5, errorRate: 1 });
    for (let i = 0; i < 6; i++) {
      fwd.reset();
      const r = await proxy.get('/api/DescribeProcessTasks?PageSize=3');
      const calls = fwd.requests.length;
      if (r.status === 429) {
        // Every call before the throttled one was a retried 5xx; nothing after it.
        expect(calls).toBeLessThanOrEqual(4);
      } else {
        expect([502, 503]).toContain(r.status);
        expect(calls).toBe(4);
      }
    }
  });

  it('5xx is retried, then reported with the upstream Code and RequestId', async () => {
    emu.setFaults({ errorRate: 1 });
    const r = await proxy.get('/api/DescribeProcessTasks?PageSize=3');
    expect([502, 503]).toContain(r.status);
    expect(r.json().Code).toMatch(/^(InternalError|ServiceUnavailable)$/);
    const failed = logs.map((l) => JSON.parse(l)).findLast((l) => l.msg === 'upstream call failed');
    expect(failed.upstreamRequestId).toBe(r.json().RequestId);
    expect(fwd.requests).toHaveLength(4);
  });

  it('a reset connection → 502 UpstreamUnavailable after retries', async () => {
    emu.setFaults({ resetRate: 1 });
    const r = await proxy.get('/api/DescribeProcessTasks?PageSize=3');
    expect(r.status).toBe(502);
    expect(r.json()).toMatchObject({ Code: 'UpstreamUnavailable' });
    expect(fwd.requests).toHaveLength(4);
  });

  it('a malformed JSON body → 502 UpstreamBadResponse after retries', async () => {
    emu.setFaults({ malformedRate: 1 });
    const r = await proxy.get('/api/DescribeProcessTasks?PageSize=3');
    expect(r.status).toBe(502);
    expect(r.json()).toMatchObject({ Code: 'UpstreamBadResponse' });
    expect(fwd.requests).toHaveLength(4);
  });

  it('an upstream that does not answer → 504 within the deadline, every attempt cut off', async () => {
    const quick = await startProxy({
      config: { upstream: { timeoutMs: 300, deadlineMs: 1000, retries: 5 }, rateLimitPerMinute: 100_000 },
    });
    emu.setFaults({ latencyMs: 5000 });
    const started = Date.now();
    const r = await quick.get('/api/DescribeProcessTasks?PageSize=3');
    const elapsed = Date.now() - started;
    expect(r.status).toBe(504);
    expect(r.json()).toMatchObject({ Code: 'UpstreamTimeout' });
    expect(elapsed).toBeGreaterThanOrEqual(900);
    // Without the deadline six attempts of 300 ms plus back-off would take over 2 s.
    expect(elapsed).toBeLessThan(1700);
    expect(fwd.requests.length).toBeGreaterThanOrEqual(3);
    await sleep(50);
    for (const req of fwd.requests) expect(req.abandonedAt).toBeDefined();
  });

  it('a body that trickles in past the attempt timeout → 504 within the deadline', async () => {
    const quick = await startProxy({
      config: { upstream: { timeoutMs: 300, deadlineMs: 1000, retries: 5 }, rateLimitPerMinute: 100_000 },
    });
    emu.setFaults({ trickleMs: 3000 });
    const started = Date.now();
    const r = await quick.get('/api/DescribeProcessTasks?PageSize=3');
    expect(r.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(1700);
  });

  it('latency with jitter inside the limits is fine', async () => {
    emu.setFaults({ latencyMs: 50, jitterMs: 100 });
    const r = await proxy.get('/api/DescribeProcessTasks?PageSize=3');
    expect(r.status).toBe(200);
    expect(fwd.requests).toHaveLength(1);
  });

  it('an upstream credential fault keeps its Code, Message and RequestId as a 502 and is not retried (wrong secret)', async () => {
    const wrong = await startProxy({
      upstream: {
        mode: 'demo',
        endpoint: fwd.endpoint,
        protocol: 'http',
        credential: staticCredential(emu.accessKeyId, 'wrong-secret-for-this-test'),
      },
    });
    const r = await wrong.get('/api/DescribeProcessTasks?PageSize=3');
    // 502, not the upstream 400: the console's account is at fault, not the browser's request.
    expect(r.status).toBe(502);
    expect(r.json()).toMatchObject({ Code: 'SignatureDoesNotMatch', Message: expect.any(String) });
    expect(r.body).not.toContain('wrong-secret-for-this-test');
    expect(fwd.requests).toHaveLength(1);
  });
});

describe('a request the browser abandons', () => {
  it('is cancelled upstream: the connection is closed at once and no retry starts', async () => {
    emu.setFaults({ latencyMs: 2000 });
    const controller = new AbortController();
    const pending = fetch(`${proxy.base}/api/DescribeProcessTasks?PageSize=3`, { signal: controller.signal });
    await sleep(250);
    expect(fwd.requests).toHaveLength(1);
    const abortedAt = Date.now();
    controller.abort();
    await expect(pending).rejects.toThrow();
    await sleep(500);
    expect(fwd.requests[0]!.abandonedAt).toBeDefined();
    // Far sooner than the 2 s the upstream takes or the 1 s attempt timeout.
    expect(fwd.requests[0]!.abandonedAt! - abortedAt).toBeLessThan(500);
    // Longer than the per-attempt timeout plus back-off: still no second attempt.
    await sleep(1000);
    expect(fwd.requests).toHaveLength(1);
    const line = logs.map((l) => JSON.parse(l)).findLast((l) => l.msg === 'upstream call failed');
    expect(line).toMatchObject({ status: 499, failure: 'client-gone', attempts: 1 });
  });
});

describe('hygiene', () => {
  it('logs are structured: request id, action, upstream RequestId, status, latency, attempts', async () => {
    const r = await proxy.get('/api/DescribeProcessTasks?PageSize=2');
    const line = logs.map((l) => JSON.parse(l)).findLast((l) => l.msg === 'upstream call');
    expect(line).toMatchObject({
      reqId: expect.any(String),
      action: 'DescribeProcessTasks',
      upstreamRequestId: r.json().RequestId,
      status: 200,
      latencyMs: expect.any(Number),
      attempts: 1,
    });
  });

  it('the AccessKey secret appears in no response and no log line (checked after every test above)', () => {
    expect(seen.length).toBeGreaterThan(30);
    expect(logs.length).toBeGreaterThan(30);
    for (const text of [...seen, ...logs]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    }
  });
});
