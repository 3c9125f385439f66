/**
 * The budget shared through a real Redis (Debian's redis-server on a loopback port): two
 * apps with the same REDIS_URL keep one budget between them, and Redis stopped and
 * started again changes the store, never the answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/server/emulator/index';
import { disableEcsMetadataProbe } from '../../src/server/proxy/credential-chain';
import { startCountingForwarder, type CountingForwarder } from '../helpers/counting-forwarder';
import { httpGet } from '../helpers/http';
import { captureLogs } from '../helpers/log-capture';
import { startProxyHarness, type ProxyHarness } from '../helpers/proxy-harness';
import { startRedis, type TestRedis } from '../helpers/redis-server';

let emu: RunningEmulator;
let fwd: CountingForwarder;
let redis: TestRedis;
const proxies: ProxyHarness[] = [];
const { logger, lines: logs } = captureLogs();
const bases: string[] = [];

beforeAll(async () => {
  disableEcsMetadataProbe();
  emu = await startEmulator({ port: 0, tasks: 100, live: false, logger: false, seed: 5 });
  fwd = await startCountingForwarder(emu.port);
  redis = await startRedis();
  // Two replicas of one deployment: the same upstream (through the forwarder) and REDIS_URL.
  for (let i = 0; i < 2; i++) {
    const h = await startProxyHarness({
      emulator: emu,
      upstreamEndpoint: fwd.endpoint,
      budget: { qps: 4, burst: 4, cacheMs: 0, replicas: 2 },
      redisUrl: redis.url,
      timeoutMs: 8000,
      deadlineMs: 16_000,
      retries: 0,
      rateLimitPerMinute: 100_000,
      logger,
      listen: true,
    });
    proxies.push(h);
    bases.push(h.url!);
  }
}, 30_000);

afterAll(async () => {
  for (const h of proxies) await h.close();
  await redis.stop();
  await fwd.close();
  await emu.close();
});

/** `n` distinct list pages, alternating between the two apps; their statuses. */
const burst = (n: number, from: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      httpGet(`${bases[i % 2]}/api/DescribeProcessTasks?PageSize=2&PageNumber=${from + i}`).then(
        (r) => r.status,
      ),
    ),
  );

/** The most upstream calls that arrived within any `windowMs`. */
function peak(windowMs: number): number {
  const at = fwd.requests.map((r) => r.at).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('the budget in Redis', () => {
  it('two apps keep one budget: twelve calls at 4 calls/s through both take about three windows', async () => {
    fwd.reset();
    const t0 = performance.now();
    expect(await burst(12, 1)).toEqual(Array(12).fill(200));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(2000);
    // Each app alone would have allowed 4 per second; together they kept to 4.
    expect(peak(900)).toBeLessThanOrEqual(4);
  });

  it('ten identical list requests at once, spread over both apps, cost one upstream call (no answer cache here)', async () => {
    await new Promise((r) => setTimeout(r, 1200)); // the budget's window is empty again
    fwd.reset();
    const url = (i: number) => `${bases[i % 2]}/api/DescribeProcessTasks?PageSize=5&PageNumber=3`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(url(i)).then(async (r) => ({ status: r.status, body: await r.text() })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(fwd.requests).toHaveLength(1);
    // Once answered, nothing is reused (UPSTREAM_CACHE_MS=0): the same request is a new call.
    expect((await httpGet(url(0))).status).toBe(200);
    expect(fwd.requests).toHaveLength(2);
  });

  it('Redis down: each app keeps its share (2 calls/s), answers stay right, ready says so; Redis back: shared again', async () => {
    await redis.stop();
    fwd.reset();
    expect((await httpGet(`${bases[0]}/api/ready`)).status).toBe(503);
    expect(await burst(8, 100)).toEqual(Array(8).fill(200));
    expect(peak(900)).toBeLessThanOrEqual(4);
    expect(logs.some((l) => l.includes('Redis is unavailable'))).toBe(true);
    await redis.start();
    await new Promise((r) => setTimeout(r, 2500));
    expect((await httpGet(`${bases[0]}/api/ready`)).status).toBe(200);
    expect(await burst(8, 200)).toEqual(Array(8).fill(200));
    expect(logs.some((l) => l.includes('Redis is back'))).toBe(true);
  });
});
