/**
 * Load: 200 concurrent connections for 20 s against the real server (main.ts, demo mode:
 * the proxy in front of its embedded emulator) over loopback sockets. The per-client rate
 * limit is raised for the run, so the only acceptable non-200 answer would be a designed
 * 429. Figures (p50/p99, throughput, peak RSS) are printed; none is asserted.
 */
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';

const CONNECTIONS = 200;
const DURATION_S = 20;

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const PATHS = [
  `/api/DescribeProcessTasks?${q({ PageSize: '20' })}`,
  `/api/DescribeProcessTasks?${q({ PageSize: '50', TaskStatus: '["90","91"]' })}`,
  `/api/DescribeProcessTasks?${q({ YunCode: '["WAF"]', OrderField: 'gmtCreate', Direction: 'asc', PageNumber: '3' })}`,
  `/api/DescribeProcessTasks?${q({ ParamContent: '10.', PageSize: '100' })}`,
  `/api/DescribeEnumItems?${q({ EnumType: 'process' })}`,
  '/api/config',
];

let server: SpawnedServer;
beforeAll(async () => {
  server = await spawnServer(
    { RATE_LIMIT_PER_MINUTE: '1000000', EMULATOR_TASKS: '5000' },
    // The server logs every request as in production; this test keeps only warnings and errors.
    { keep: (line) => /"level":(40|50|60)/.test(line) },
  );
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

describe('load', () => {
  it(`holds ${CONNECTIONS} connections for ${DURATION_S} s with no errors but designed 429s`, async () => {
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      timeout: 30,
      requests: PATHS.map((path) => ({ method: 'GET', path })),
    });
    const peak = server.peakRss();
    const codes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
    console.log(
      [
        `load: ${CONNECTIONS} connections × ${DURATION_S} s → ${result.requests.total} requests`,
        `(${result.requests.average.toFixed(0)} req/s), latency p50 ${result.latency.p50} ms,`,
        `p99 ${result.latency.p99} ms, max ${result.latency.max} ms; status ${JSON.stringify(codes)};`,
        `errors ${result.errors}, timeouts ${result.timeouts}, resets ${result.resets};`,
        `server peak RSS ${peak ? (peak / 1024 / 1024).toFixed(0) : '?'} MiB`,
      ].join(' '),
    );
    expect(result.requests.total).toBeGreaterThan(0);
    expect({
      errors: result.errors,
      timeouts: result.timeouts,
      resets: result.resets,
      '5xx': result['5xx'],
    }).toEqual({
      errors: 0,
      timeouts: 0,
      resets: 0,
      '5xx': 0,
    });
    for (const code of Object.keys(codes)) expect(['200', '429']).toContain(code);
    // The server is still healthy afterwards.
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(server.output.filter((l) => /"level":(50|60)/.test(l)).slice(0, 5)).toEqual([]);
  }, 180_000);
});
