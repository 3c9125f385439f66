/**
 * The failed-login limit shared through a real Redis (Debian's redis-server on a loopback
 * port): two apps with the same REDIS_URL count one guesser's failures together; with Redis
 * stopped each keeps its share of the limit (limit / UPSTREAM_REPLICAS) in memory and
 * answers; with Redis back the count is shared again.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { accessControlFromEnv } from '../../src/server/security/access-control-config';
import { hashPassword } from '../../src/server/security/password-hash';
import { basicHeader, httpGet } from '../helpers/http';
import { OFFLINE_CONFIG, offlineAppOptions } from '../helpers/offline-app';
import { startRedis, type TestRedis } from '../helpers/redis-server';

const FAST = { N: 1024, r: 8, p: 1 };
const pw = (user: string) => `${user}-Secret-pw-1`;

let redis: TestRedis;
const apps: FastifyInstance[] = [];
const urls: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const users = (
    await Promise.all(
      ['alice', 'bob', 'carol', 'dave'].map(async (u) => `${u}:${await hashPassword(pw(u), FAST)}`),
    )
  ).join(',');
  for (let i = 0; i < 2; i++) {
    const app = await buildApp(
      offlineAppOptions({
        config: {
          ...OFFLINE_CONFIG,
          rateLimitPerMinute: 100_000,
          redisUrl: redis.url,
          budget: { qps: 10, burst: 10, cacheMs: 0, replicas: 2 },
        },
        allowedHosts: 'any',
        accessControl: accessControlFromEnv(
          { AUTH_MODE: 'basic', AUTH_USERS: users, AUTH_FAILED_LIMIT: '4' },
          '0.0.0.0',
        ),
      }),
    );
    apps.push(app);
    urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
  }
}, 30_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await redis.stop();
});

const status = async (i: number, user: string, password: string) =>
  (await httpGet(`${urls[i]!}/api/config`, { headers: { authorization: basicHeader(user, password) } }))
    .status;

describe('failed-login limit with REDIS_URL', () => {
  it('counts the failures of one guesser spread over two replicas together', async () => {
    // Four failures for bob, alternating between the replicas: two on each.
    for (let i = 0; i < 4; i++) expect(await status(i % 2, 'bob', `guess-${i}`)).toBe(401);
    // Either replica alone has seen two of four; together the limit is reached.
    expect(await status(0, 'bob', pw('bob'))).toBe(429);
    expect(await status(1, 'bob', pw('bob'))).toBe(429);
    // Others are not affected.
    expect(await status(1, 'alice', pw('alice'))).toBe(200);
  });

  it('Redis down: each replica keeps its share of the limit (4 / 2) and answers; Redis back: shared again', async () => {
    await redis.stop();
    expect(await status(0, 'carol', 'guess-1')).toBe(401);
    expect(await status(0, 'carol', 'guess-2')).toBe(401);
    // Two failures are this replica's share: carol waits here…
    expect(await status(0, 'carol', pw('carol'))).toBe(429);
    // …and the other replica counts on its own, still answering.
    expect(await status(1, 'carol', 'guess-3')).toBe(401);
    expect(await status(1, 'alice', pw('alice'))).toBe(200);

    await redis.start();
    // ioredis reconnects within its retry delay (src/server/budget/redis.ts); /api/ready says when.
    for (let i = 0; i < 50; i++) {
      const ready = await Promise.all(urls.map((u) => httpGet(`${u}/api/ready`).then((r) => r.status)));
      if (ready.every((s) => s === 200)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Three failures on one replica: past its share of 2, so this is Redis' full limit of 4…
    for (let i = 0; i < 3; i++) expect(await status(1, 'dave', `guess-${i}`)).toBe(401);
    // …and the fourth, on the other replica, counts with them.
    expect(await status(0, 'dave', 'guess-3')).toBe(401);
    expect(await status(0, 'dave', pw('dave'))).toBe(429);
    expect(await status(1, 'dave', pw('dave'))).toBe(429);
  });
});
