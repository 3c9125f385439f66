/**
 * Load with a misbehaving upstream: 50 connections for 10 s against the real server whose
 * embedded emulator throttles 30 % of calls, fails 10 % with 5xx, adds latency with jitter,
 * and now and then resets the connection or sends broken JSON. Every answer must be the
 * data or a designed, clear error (Alibaba's error shape, a retryable status) — never a
 * socket error, a 500, or a crash.
 */
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, describeProcessTasksResponseSchema } from '../../src/shared/sophonsoar';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';

let server: SpawnedServer;
beforeAll(async () => {
  server = await spawnServer(
    {
      RATE_LIMIT_PER_MINUTE: '1000000',
      EMULATOR_TASKS: '2000',
      EMULATOR_THROTTLE_RATE: '0.3',
      EMULATOR_ERROR_RATE: '0.1',
      EMULATOR_LATENCY_MS: '20',
      EMULATOR_JITTER_MS: '40',
      EMULATOR_RESET_RATE: '0.02',
      EMULATOR_MALFORMED_RATE: '0.02',
      UPSTREAM_TIMEOUT_MS: '3000',
      UPSTREAM_DEADLINE_MS: '8000',
    },
    { keep: (line) => /"level":(50|60)/.test(line) },
  );
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

const DESIGNED_ERRORS = new Set([429, 502, 503, 504]);

describe('load with upstream faults', () => {
  it('answers every request with data or a designed, clear error', async () => {
    const bad: string[] = [];
    const codes = new Map<string, number>();
    const onResponse = (status: number, body: string) => {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        bad.push(`${status} not JSON: ${body.slice(0, 120)}`);
        return;
      }
      if (status === 200) {
        if (!describeProcessTasksResponseSchema.safeParse(json).success) bad.push(`200 with a bad body`);
        return;
      }
      const err = apiErrorSchema.safeParse(json);
      // A 500 would be the proxy's own failure; upstream 5xx codes (InternalError,
      // ServiceUnavailable) pass through as 502/503 after the retries, by design.
      if (!DESIGNED_ERRORS.has(status) || !err.success) {
        bad.push(`${status} ${body.slice(0, 200)}`);
        return;
      }
      const key = `${status} ${err.data.Code}`;
      codes.set(key, (codes.get(key) ?? 0) + 1);
    };
    const result = await autocannon({
      url: server.url,
      connections: 50,
      duration: 10,
      timeout: 30,
      requests: [
        { method: 'GET', path: '/api/DescribeProcessTasks?PageSize=20', onResponse },
        { method: 'GET', path: '/api/DescribeProcessTasks?PageSize=50&Direction=asc', onResponse },
      ],
    });
    console.log(
      `load with faults: ${result.requests.total} requests, ${result['2xx']} × 200, errors by code ${JSON.stringify([...codes])}; ` +
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
    expect(result['2xx']).toBeGreaterThan(0);
    expect(bad.slice(0, 5)).toEqual([]);
    expect({ errors: result.errors, timeouts: result.timeouts, resets: result.resets }).toEqual({
      errors: 0,
      timeouts: 0,
      resets: 0,
    });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(server.output.filter((l) => /"level":(50|60)/.test(l)).slice(0, 3)).toEqual([]);
  }, 180_000);
});
