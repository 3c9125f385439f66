/**
 * The account's budget through the real proxy (the shared harness: buildApp as the server
 * runs it) in front of the real emulator, with a counting forwarder between them: shared calls, the answer cache, priorities, the
 * 429 for a call that cannot be served in time, and the rate that drops when the upstream
 * throttles anyway.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetConfig } from '../../src/server/config';
import { NO_FAULTS, startEmulator, type RunningEmulator } from '../../src/server/emulator/index';
import { disableEcsMetadataProbe } from '../../src/server/proxy/credential-chain';
import { startCountingForwarder, type CountingForwarder } from '../helpers/counting-forwarder';
import { httpGet } from '../helpers/http';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture';
import { startProxyHarness, type ProxyHarness } from '../helpers/proxy-harness';

let emu: RunningEmulator;
let fwd: CountingForwarder;
const proxies: ProxyHarness[] = [];

beforeAll(async () => {
  disableEcsMetadataProbe();
  emu = await startEmulator({ port: 0, tasks: 300, live: false, logger: false, seed: 7 });
  fwd = await startCountingForwarder(emu.port);
});
afterAll(async () => {
  await fwd.close();
  await emu.close();
});
afterEach(async () => {
  emu.setFaults(NO_FAULTS);
  fwd.reset();
  while (proxies.length) await proxies.pop()!.close();
});

/** A proxy with this budget in front of the shared emulator, through the forwarder; its base URL. */
async function proxy(
  budget: BudgetConfig,
  timeoutMs = 2000,
  logs: CapturedLogs = captureLogs(),
): Promise<string> {
  const h = await startProxyHarness({
    emulator: emu,
    upstreamEndpoint: fwd.endpoint,
    budget,
    timeoutMs,
    deadlineMs: timeoutMs * 2,
    retries: 2,
    backoff: { baseDelayMs: 5, maxDelayMs: 20 },
    logger: logs.logger,
    listen: true,
  });
  proxies.push(h);
  return h.url!;
}

const LIST = '/api/DescribeProcessTasks?PageNumber=1&PageSize=20&TaskStatus=%5B%2290%22%5D';

describe('no duplicate calls', () => {
  it('ten identical list requests at once cost one upstream call and get the same answer', async () => {
    // Cache off and a slow upstream: the ten meet while the one call is in flight.
    const base = await proxy({ qps: 10, burst: 10, cacheMs: 0, replicas: 1 });
    emu.setFaults({ latencyMs: 500 });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(base + LIST).then(async (r) => [r.status, await r.text()] as const),
      ),
    );
    expect(answers.map(([s]) => s)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map(([, b]) => b)).size).toBe(1);
    expect(fwd.requests).toHaveLength(1);
  });

  it('the same query with its parameters in another order is the same call', async () => {
    const base = await proxy({ qps: 10, burst: 10, cacheMs: 5000, replicas: 1 });
    expect((await httpGet(base + '/api/DescribeProcessTasks?PageNumber=1&PageSize=20')).status).toBe(200);
    expect((await httpGet(base + '/api/DescribeProcessTasks?PageSize=20&PageNumber=1')).status).toBe(200);
    expect(fwd.requests).toHaveLength(1);
  });

  it.each([
    ['cache on: a repeat within UPSTREAM_CACHE_MS is answered from it', 5000, 1],
    ['cache off (0): every sequential request is an upstream call', 0, 3],
  ])('%s', async (_name, cacheMs, calls) => {
    const base = await proxy({ qps: 10, burst: 10, cacheMs, replicas: 1 });
    for (let i = 0; i < 3; i++) expect((await httpGet(base + LIST)).status).toBe(200);
    expect(fwd.requests).toHaveLength(calls);
  });

  it('errors are not cached', async () => {
    const base = await proxy({ qps: 10, burst: 10, cacheMs: 5000, replicas: 1 });
    emu.setFaults({ errorRate: 1 });
    expect((await httpGet(base + LIST)).status).toBeGreaterThanOrEqual(500);
    emu.setFaults(NO_FAULTS);
    expect((await httpGet(base + LIST)).status).toBe(200);
  });
});

describe('the budget', () => {
  it('keeps every upstream call within UPSTREAM_QPS, retries included, so the emulator capped at it never throttles', async () => {
    emu.setFaults({ qpsPerKey: 5, errorRate: 0.2 });
    const base = await proxy({ qps: 5, burst: 5, cacheMs: 0, replicas: 1 }, 8000);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        httpGet(`${base}/api/DescribeProcessTasks?PageNumber=${i + 1}&PageSize=10`).then((r) => r.status),
      ),
    );
    // Retries took slots too: more upstream calls than requests, none throttled.
    expect(fwd.requests.length).toBeGreaterThan(20);
    // No answer is the emulator's throttling (errors after three attempts may remain).
    expect(answers.filter((s) => typeof s === 'string')).toEqual([]);
  });

  it('answers 429 with a truthful Retry-After when the call cannot be served within its time', async () => {
    const base = await proxy({ qps: 1, burst: 1, cacheMs: 0, replicas: 1 }, 2000);
    const pages = Array.from({ length: 6 }, (_, i) =>
      httpGet(`${base}/api/DescribeProcessTasks?PageNumber=${i + 1}&PageSize=10`, {
        headers: { 'x-rtc-priority': 'background' },
      }),
    );
    const answers = await Promise.all(pages);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const body = JSON.parse(r.body) as { Code: string };
      expect(body.Code).toBe('Throttling.Budget');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // The refused calls never reached the upstream.
    expect(fwd.requests.length).toBe(answers.length - refused.length);
  });

  it('serves the list on screen before background export pages queued earlier', async () => {
    const base = await proxy({ qps: 2, burst: 2, cacheMs: 0, replicas: 1 }, 10_000);
    const done: string[] = [];
    const background = Array.from({ length: 6 }, (_, i) =>
      httpGet(`${base}/api/DescribeProcessTasks?PageNumber=${i + 1}&PageSize=10`, {
        headers: { 'x-rtc-priority': 'background' },
      }).then(() => done.push(`export${i + 1}`)),
    );
    await new Promise((r) => setTimeout(r, 100));
    const list = httpGet(base + LIST).then(() => done.push('list'));
    await Promise.all([...background, list]);
    // Two export pages used the burst; the list went next, before the four others.
    expect(done.indexOf('list')).toBeLessThanOrEqual(2);
  });

  it('lowers its rate when the upstream throttles anyway, and logs the observed rate', async () => {
    const logs = captureLogs();
    const base = await proxy({ qps: 10, burst: 10, cacheMs: 0, replicas: 1 }, 4000, logs);
    emu.setFaults({ qpsPerKey: 3 });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        httpGet(`${base}/api/DescribeProcessTasks?PageNumber=${i + 1}&PageSize=10`),
      ),
    );
    const lowered = logs.records.find((l) =>
      String(l.msg).startsWith('upstream throttled despite the budget'),
    );
    expect(lowered).toMatchObject({ level: 40, rateBefore: 10, rateNow: 5, configuredQps: 10 });
    expect(lowered?.observedCallsPerSecond).toBeGreaterThanOrEqual(3);
  });
});
