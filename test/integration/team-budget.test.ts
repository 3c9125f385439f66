/**
 * Many replicas, one account budget: three real server processes (src/server/main.ts, as
 * `npm start` runs it) share one real Redis (Debian's redis-server) in front of one
 * emulator process whose per-key cap (EMULATOR_QPS) equals the budget. The emulator's call
 * log (`/__admin/calls`) is where calls are counted: where the upstream counts them.
 */
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../src/features/export/fetch-engine';
import { generateDataset } from '../../src/server/emulator/dataset';
import { taskFilter } from '../../src/server/emulator/query-engine';
import { checkParams } from '../../src/shared/sophonsoar';
import { startEmulatorProcess, peakCalls, type EmulatorProcess } from '../helpers/emulator-process';
import { startRedis, type TestRedis } from '../helpers/redis-server';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';

const QPS = 10;
const TASKS = 450;
const SEED = 11;

let emu: EmulatorProcess;
let redis: TestRedis;
const servers: SpawnedServer[] = [];
/** The emulator's data set (the same seed gives the same tasks). */
const dataset = generateDataset(SEED, TASKS, Date.now()).tasks;

/** The TaskIds an export of `query` must hold: the emulator's own filter over its data set. */
function expectedIds(query: Record<string, string>): Set<string> {
  const checked = checkParams('DescribeProcessTasks', query);
  if (!checked.ok) throw new Error(`the export's query is invalid: ${JSON.stringify(query)}`);
  return new Set(dataset.filter(taskFilter(checked.value)).map((t) => String(t.TaskId)));
}

beforeAll(async () => {
  [emu, redis] = await Promise.all([
    startEmulatorProcess({
      EMULATOR_TASKS: String(TASKS),
      EMULATOR_SEED: String(SEED),
      EMULATOR_QPS: String(QPS),
      EMULATOR_LATENCY_MS: '20',
    }),
    startRedis(),
  ]);
  const env = {
    SOPHONSOAR_MODE: 'live',
    SOPHONSOAR_ENDPOINT: emu.endpoint,
    SOPHONSOAR_PROTOCOL: 'http',
    ALIBABA_CLOUD_ACCESS_KEY_ID: emu.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.accessKeySecret,
    REDIS_URL: redis.url,
    UPSTREAM_QPS: String(QPS),
    UPSTREAM_REPLICAS: '3',
    // Every client here is 127.0.0.1: the per-client limit is not what this test is about.
    RATE_LIMIT_PER_MINUTE: '100000',
  };
  // The three replicas start at once, as a deployment rolls them out.
  // Once listening, each keeps its warnings and errors.
  const keep = (line: string) => /"level":(40|50|60)/.test(line);
  // A server that does not listen is stopped by spawnServer before this hook's time runs
  // out, and the ones that did are stopped by afterAll.
  const started = await Promise.allSettled(
    [1, 2, 3].map(() => spawnServer(env, { keep, timeoutMs: 60_000 })),
  );
  for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await redis?.stop();
  await emu?.stop();
});

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** One analyst: `n` list pages of their own (distinct queries, so no cache helps), timed. */
async function analyst(base: string, user: number, n: number, latencies: number[]): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await fetch(
      `${base}/api/DescribeProcessTasks?PageSize=${10 + (user % 10)}&PageNumber=${1 + i + 3 * Math.floor(user / 10)}`,
    );
    await r.text();
    latencies.push(performance.now() - t0);
    statuses.push(r.status);
    await sleep(300);
  }
  return statuses;
}

/** The SPA's export engine against one replica; the TaskIds it wrote. */
async function exportAll(base: string) {
  const ids: string[] = [];
  const result = await runExport({
    query: {},
    baseUrl: base,
    pageSize: 100,
    onPage: (_n, tasks) => {
      for (const t of tasks) ids.push(String(t.TaskId));
    },
  });
  return { result, ids };
}

function expectExact(exports: Awaited<ReturnType<typeof exportAll>>[]): void {
  for (const { result, ids } of exports) {
    const expected = expectedIds(result.frozenQuery as Record<string, string>);
    // Most of the data set: the hostile tasks without a ProcessTime fall outside the frozen end.
    expect(expected.size).toBeGreaterThan(TASKS * 0.9);
    expect(result).toMatchObject({ complete: true, rows: expected.size });
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(expected);
  }
}

describe('three replicas, one Redis, one budget', () => {
  it('five exports and twenty analysts at once: the emulator never throttles, every export is exact', async () => {
    const before = (await emu.calls()).length;
    const latencies: number[] = [];
    const t0 = performance.now();
    const [exports, lists] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, (_, i) => exportAll(servers[i % 3]!.url))),
      Promise.all(Array.from({ length: 20 }, (_, u) => analyst(servers[u % 3]!.url, u, 3, latencies))),
    ]);
    const seconds = (performance.now() - t0) / 1000;
    const calls = (await emu.calls()).slice(before);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `team: ${calls.length} upstream calls in ${seconds.toFixed(1)} s (budget ${QPS}/s, peak ${peakCalls(calls)} in 1 s); ` +
        `list p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, ` +
        `max ${sorted.at(-1)!.toFixed(0)} ms during 5 exports; ` +
        `${lists.flat().filter((st) => st === 429).length} of ${lists.flat().length} list requests asked to retry (429)`,
    );
    expect(calls.filter((c) => !c.allowed)).toEqual([]);
    expect(peakCalls(calls)).toBeLessThanOrEqual(QPS);
    expectExact(exports);
    // The budget may ask a list to come back later (429 Throttling.Budget), nothing else.
    expect(lists.flat().filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(lists.flat().filter((s) => s === 200).length).toBeGreaterThanOrEqual(55);
    for (const s of servers) expect(s.output.filter((l) => l.includes('"level":50'))).toEqual([]);
  }, 60_000);

  it('a ticket link opened by ten people at once, spread over the three replicas, costs one upstream call', async () => {
    await sleep(1200);
    const before = (await emu.calls()).length;
    const link = '/api/DescribeProcessTasks?PageSize=10&PageNumber=1&TaskStatus=%5B%2290%22%5D';
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`${servers[i % 3]!.url}${link}`).then(async (r) => ({
          status: r.status,
          body: await r.text(),
        })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect((await emu.calls()).slice(before)).toHaveLength(1);
  }, 20_000);

  it('Redis stopped mid-run and started again: no crash, never above the budget, nothing lost, the shared budget comes back', async () => {
    const before = (await emu.calls()).length;
    const marks = servers.map((s) => s.output.length);
    const latencies: number[] = [];
    const run = Promise.all([
      Promise.all(Array.from({ length: 2 }, (_, i) => exportAll(servers[i]!.url))),
      Promise.all(Array.from({ length: 9 }, (_, u) => analyst(servers[u % 3]!.url, u + 40, 6, latencies))),
    ]);
    await sleep(1500);
    await redis.stop();
    await sleep(2500);
    const readyWhileDown = await Promise.all(
      servers.map((s) => fetch(`${s.url}/api/ready`).then((r) => r.status)),
    );
    await redis.start();
    const [exports, lists] = await run;
    const calls = (await emu.calls()).slice(before);
    const perSecond = Array.from(
      { length: Math.ceil((calls.at(-1)!.at - calls[0]!.at) / 1000) },
      (_, i) =>
        calls.filter(
          (c) => c.allowed && c.at >= calls[0]!.at + i * 1000 && c.at < calls[0]!.at + (i + 1) * 1000,
        ).length,
    );
    console.log(
      `Redis restart: upstream calls per second ${perSecond.join(' ')} (budget ${QPS}/s); ` +
        `${lists.flat().filter((st) => st === 429).length} of ${lists.flat().length} list requests asked to retry (429)`,
    );
    expect(readyWhileDown).toEqual([503, 503, 503]);
    expect(calls.filter((c) => !c.allowed)).toEqual([]);
    expect(peakCalls(calls)).toBeLessThanOrEqual(QPS);
    expectExact(exports);
    expect(lists.flat().filter((s) => s !== 200 && s !== 429)).toEqual([]);
    // Every replica still runs and answers; each said loudly that it fell back.
    for (const [i, s] of servers.entries()) {
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
      expect(s.output.slice(marks[i]).some((l) => l.includes('Redis is unavailable'))).toBe(true);
    }
    // Back on Redis: ready again, and their calls are counted in the shared window again.
    await sleep(500);
    await Promise.all(
      servers.map((s, i) =>
        fetch(`${s.url}/api/DescribeProcessTasks?PageSize=7&PageNumber=${i + 1}`).then((r) => r.text()),
      ),
    );
    for (const s of servers) expect((await fetch(`${s.url}/api/ready`)).status).toBe(200);
    expect(servers.every((s, i) => s.output.slice(marks[i]).some((l) => l.includes('Redis is back')))).toBe(
      true,
    );
    const probe = new Redis(redis.url);
    try {
      const [key] = await probe.keys('rtc:*:window');
      expect(await probe.zcard(key!)).toBeGreaterThanOrEqual(3);
    } finally {
      probe.disconnect();
    }
  }, 60_000);
});
