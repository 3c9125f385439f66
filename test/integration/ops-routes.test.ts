/**
 * /api/ready and /metrics on the real app over loopback sockets, in front of the real
 * emulator: readiness follows the upstream, /metrics counts calls, cache and shared-call
 * hits, throttling and requests per user, and only loopback clients or signed-in users
 * read it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../src/server/app';
import { NO_FAULTS, startEmulator, type RunningEmulator } from '../../src/server/emulator/index';
import { disableEcsMetadataProbe, staticCredential } from '../../src/server/proxy/credential-chain';
import { accessControlFromEnv, trustedProxiesOf } from '../../src/server/security/access-control-config';
import { hashPassword } from '../../src/server/security/password-hash';
import { basicHeader, httpGet } from '../helpers/http';

let emu: RunningEmulator;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  disableEcsMetadataProbe();
  emu = await startEmulator({ port: 0, tasks: 200, live: false, logger: false, seed: 3 });
});
afterAll(async () => emu.close());
afterEach(async () => {
  emu.setFaults(NO_FAULTS);
  while (apps.length) await apps.pop()!.close();
});

async function start(overrides: Partial<BuildAppOptions> = {}, endpoint = emu.endpoint): Promise<string> {
  const app = await buildApp({
    config: {
      upstream: { timeoutMs: 2000, deadlineMs: 4000, retries: 1 },
      rateLimitPerMinute: 2,
      budget: { qps: 10, burst: 10, cacheMs: 5000, replicas: 1 },
    },
    upstream: {
      mode: 'demo',
      endpoint,
      protocol: 'http',
      credential: staticCredential(emu.accessKeyId, emu.accessKeySecret),
    },
    version: 'test',
    staticRoot: false,
    ...overrides,
  });
  apps.push(app);
  return app.listen({ host: '127.0.0.1', port: 0 });
}

const metric = (text: string, line: string): number | undefined => {
  const hit = text.split('\n').find((l) => l.startsWith(line + ' '));
  return hit === undefined ? undefined : Number(hit.slice(line.length + 1));
};

describe('/api/ready', () => {
  it('is ready when the upstream accepts connections, and never limited per client', async () => {
    const base = await start();
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${base}/api/ready`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ status: 'ready', upstream: 'reachable' });
    }
  });

  it('is not ready (503) when the upstream cannot be reached, while health stays ok', async () => {
    const base = await start({}, '127.0.0.1:1');
    const r = await fetch(`${base}/api/ready`);
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ status: 'not ready', upstream: 'unreachable' });
    expect((await httpGet(`${base}/api/health`)).status).toBe(200);
  });
});

describe('/metrics', () => {
  it('counts upstream calls by operation and outcome, cache and shared-call hits, queue wait, tokens and requests per user', async () => {
    const base = await start({
      config: {
        upstream: { timeoutMs: 2000, deadlineMs: 4000, retries: 0 },
        rateLimitPerMinute: 1000,
        budget: { qps: 10, burst: 10, cacheMs: 5000, replicas: 1 },
      },
    });
    emu.setFaults({ latencyMs: 300 });
    const list = `${base}/api/DescribeProcessTasks?PageSize=5`;
    await Promise.all([httpGet(list), httpGet(list), httpGet(list)]);
    await httpGet(list);
    emu.setFaults({ throttleRate: 1 });
    expect((await httpGet(`${base}/api/DescribeProcessTasks?PageSize=6`)).status).toBe(429);
    const r = await httpGet(`${base}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    const text = r.body;
    expect(metric(text, 'rtc_upstream_calls_total{operation="DescribeProcessTasks",outcome="ok"}')).toBe(1);
    expect(
      metric(text, 'rtc_upstream_calls_total{operation="DescribeProcessTasks",outcome="throttled"}'),
    ).toBe(1);
    expect(metric(text, 'rtc_upstream_throttled_total{operation="DescribeProcessTasks"}')).toBe(1);
    expect(metric(text, 'rtc_upstream_shared_calls_total{operation="DescribeProcessTasks"}')).toBe(2);
    expect(metric(text, 'rtc_upstream_cache_hits_total{operation="DescribeProcessTasks"}')).toBe(1);
    expect(metric(text, 'rtc_upstream_queue_wait_seconds_count{priority="interactive"}')).toBe(2);
    // Halved by the throttled answer, recovering by 1 call/s each second since.
    expect(metric(text, 'rtc_upstream_rate_per_second')).toBeGreaterThanOrEqual(5);
    expect(metric(text, 'rtc_upstream_rate_per_second')).toBeLessThan(6);
    expect(metric(text, 'rtc_upstream_budget_configured_per_second')).toBe(10);
    // The rate of 5 less the two calls of the last second (fewer if a second has passed).
    expect(metric(text, 'rtc_upstream_tokens_available')).toBeGreaterThanOrEqual(3);
    expect(metric(text, 'rtc_upstream_tokens_available')).toBeLessThanOrEqual(5);
    expect(metric(text, 'rtc_upstream_queue_waiting{priority="background"}')).toBe(0);
    expect(metric(text, 'rtc_api_requests_total{user="ip:127.0.0.1"}')).toBe(5);
  });

  describe('with basic authentication', () => {
    let users = '';
    beforeAll(async () => {
      users = `alice:${await hashPassword('alice-Secret-pw-1', { N: 1024, r: 8, p: 1 })}`;
    });
    const startBasic = async () => {
      const access = accessControlFromEnv({ AUTH_MODE: 'basic', AUTH_USERS: users }, '0.0.0.0');
      return start({ accessControl: access, trustedProxies: trustedProxiesOf(access), allowedHosts: 'any' });
    };

    it.each([
      ['a client on this machine, directly', {}, 200],
      [
        'a request forwarded by a proxy on this machine, not signed in',
        { 'x-forwarded-for': '203.0.113.9' },
        401,
      ],
      [
        'a signed-in user through that proxy',
        { 'x-forwarded-for': '203.0.113.9', authorization: basicHeader('alice', 'alice-Secret-pw-1') },
        200,
      ],
      ['a wrong password', { authorization: basicHeader('alice', 'wrong-password-1') }, 401],
    ])('%s → %s', async (_name, headers, status) => {
      const base = await startBasic();
      expect((await httpGet(`${base}/metrics`, { headers })).status).toBe(status);
    });

    it('still asks everyone else to sign in, and counts requests per signed-in user', async () => {
      const base = await startBasic();
      expect((await httpGet(`${base}/api/config`)).status).toBe(401);
      expect(
        (
          await httpGet(`${base}/api/config`, {
            headers: { authorization: basicHeader('alice', 'alice-Secret-pw-1') },
          })
        ).status,
      ).toBe(200);
      expect((await httpGet(`${base}/api/ready`)).status).toBe(200);
      const text = (await httpGet(`${base}/metrics`)).body;
      expect(metric(text, 'rtc_api_requests_total{user="alice"}')).toBe(1);
    });
  });
});
