/**
 * The Redis call budget's switches against a real Redis (Debian's redis-server on a
 * loopback port): into the fallback (a quiet period, then this replica's share) and back
 * (its own calls written into Redis, running ones as running, ended ones at their ends).
 */
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAFETY_MS, WINDOW_MS } from '../../src/server/budget/call-budget';
import { connectRedis } from '../../src/server/budget/redis';
import { FALLBACK_QUIET_MS, RedisCallBudget } from '../../src/server/budget/redis-budget';
import { startRedis, type TestRedis } from '../helpers/redis-server';

let server: TestRedis;
let client: Redis;
let probe: Redis;
const KEY = 'rtc:test:window';

beforeAll(async () => {
  server = await startRedis();
  client = connectRedis(server.url);
  probe = connectRedis(server.url);
  await sleep(200);
}, 30_000);

afterAll(async () => {
  client.disconnect();
  probe.disconnect();
  await server.stop();
});

/** Asks until a call is granted; its ticket and when. */
async function takeWhenGranted(b: RedisCallBudget, limit: number): Promise<{ ticket: string; at: number }> {
  for (;;) {
    const r = await b.take(limit, limit);
    if (r.taken) return { ticket: r.ticket!, at: performance.now() };
    await sleep(r.waitMs);
  }
}

async function redisNow(): Promise<number> {
  const [s, us] = await probe.time();
  return Number(s) * 1000 + Math.floor(Number(us) / 1000);
}

describe('RedisCallBudget switches', () => {
  it('Redis gone: nothing for the quiet period, then the share; back: own calls written back, share kept for a window', async () => {
    const budget = new RedisCallBudget({ redis: client, key: KEY, replicas: 2, leaseMs: 20_000 });
    const first = await budget.take(4, 4);
    expect(first.taken).toBe(true);
    expect(budget.store).toBe('redis');
    await budget.end(first.ticket!);

    await server.stop();
    const down = performance.now();
    const quiet = await budget.take(4, 4);
    expect(quiet.taken).toBe(false);
    expect(budget.store).toBe('fallback');
    // The calls Redis counted for the other replicas are out of reach: none until they left the window.
    const a = await takeWhenGranted(budget, 4);
    expect(a.at - down).toBeGreaterThanOrEqual(FALLBACK_QUIET_MS - 5);
    const b = await takeWhenGranted(budget, 4);
    // The share is 4 / 2 = 2 within the window: a third waits.
    const third = await budget.take(4, 4);
    expect(third.taken).toBe(false);
    await budget.end(a.ticket); // b keeps running

    await server.start();
    await sleep(2200); // ioredis reconnects (redis.ts retry delay)
    const back = await budget.take(4, 4);
    expect(budget.store).toBe('redis');
    // For one window also this replica's share: b still runs, so one more, then none.
    expect(back.taken).toBe(true);
    expect((await budget.take(4, 4)).taken).toBe(false);
    // Redis knows b now, as running (its lease ahead), beside the new call; a ended before
    // the window and is not written.
    const members = await probe.zrange(KEY, '0', '-1', 'WITHSCORES');
    expect(members).toHaveLength(4);
    const now = await redisNow();
    for (const score of [members[1], members[3]]) expect(Number(score)).toBeGreaterThan(now + 10_000);
    // Both end: Redis lowers their scores to their ends.
    await budget.end(b.ticket);
    await budget.end(back.ticket!);
    const after = await probe.zrange(KEY, '0', '-1', 'WITHSCORES');
    expect(after).toHaveLength(4);
    for (const score of [after[1], after[3]])
      expect(Number(score)).toBeLessThanOrEqual((await redisNow()) + 5);
    // After the window, the shared budget alone decides: four at once.
    await sleep(WINDOW_MS + SAFETY_MS + 50);
    const four = await Promise.all(Array.from({ length: 4 }, () => budget.take(4, 4)));
    expect(four.map((r) => r.taken)).toEqual([true, true, true, true]);
  }, 30_000);

  it('Redis slow (paused past the command timeout): fallback, and on return no call counted that was not made, none left running', async () => {
    const key = 'rtc:test:slow';
    const budget = new RedisCallBudget({ redis: client, key, replicas: 2, leaseMs: 20_000 });
    const x = await budget.take(4, 4);
    expect(x.taken).toBe(true);
    // Every command waits 2.5 s in Redis: over the 1 s command timeout, then run late.
    await probe.client('PAUSE', '2500', 'ALL');
    const slow = await budget.take(4, 4);
    expect(slow.taken).toBe(false);
    expect(budget.store).toBe('fallback');
    await budget.end(x.ticket!); // times out too; runs late
    await sleep(2000);
    // Back: the late take is removed (no call was made for it); x ends.
    let back = false;
    for (let i = 0; i < 40 && !back; i++) {
      const r = await budget.take(4, 4);
      if (r.ticket) await budget.end(r.ticket);
      back = budget.store === 'redis';
      await sleep(100);
    }
    expect(back).toBe(true);
    const now = await redisNow();
    const scores = (await probe.zrange(key, '0', '-1', 'WITHSCORES'))
      .filter((_, i) => i % 2 === 1)
      .map(Number);
    // Nothing counted as running for its lease (20 s): every call there has ended.
    for (const score of scores) expect(score).toBeLessThanOrEqual(now + 5);
  }, 30_000);
});
