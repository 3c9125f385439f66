/**
 * The Redis connection (ioredis) of REDIS_URL, set up for fail-fast use: commands fail at
 * once while disconnected (no offline queue) and after COMMAND_TIMEOUT_MS when Redis is
 * slow, so a caller falls back instead of waiting; the client reconnects by itself. Its
 * errors are logged (at most one line per 10 s), never thrown: an unhandled 'error' event
 * would end the process.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { UpstreamTarget } from '../proxy/upstream-client';
import type { AnswerCache } from './answer-cache';
import { COMMAND_TIMEOUT_MS } from './redis-budget';

export function connectRedis(url: string, logger?: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let lastLogged = 0;
  redis.on('error', (err: Error) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    // The message only: the URL may carry a password.
    logger?.error({ detail: err.message }, 'Redis connection error');
  });
  return redis;
}

/**
 * The key prefix for one endpoint and AccessKey: a hash, so neither the key id nor the
 * endpoint is written to Redis. The AccessKey comes from the credential (@alicloud/credentials
 * getCredential); an STS credential's temporary key id changes with each refresh, so the
 * endpoint and provider type are used when it cannot be read.
 */
export async function budgetKey(
  target: Pick<UpstreamTarget, 'endpoint' | 'credential' | 'credentialProvider'>,
): Promise<string> {
  let id = target.credentialProvider ?? 'unknown';
  try {
    const c = await target.credential.getCredential();
    if (!c.securityToken && c.accessKeyId) id = c.accessKeyId;
  } catch {
    /* keep the provider type */
  }
  return 'rtc:' + createHash('sha256').update(`${target.endpoint}\n${id}`).digest('hex').slice(0, 24);
}

/** Answers shared by every replica, kept UPSTREAM_CACHE_MS; a Redis failure is a miss. */
export class RedisAnswerCache implements AnswerCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async get(key: string): Promise<Record<string, unknown> | undefined> {
    try {
      const text = await this.redis.get(`${this.prefix}:answer:${key}`);
      return text === null ? undefined : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      return undefined;
    }
  }

  async set(key: string, body: Record<string, unknown>): Promise<void> {
    try {
      await this.redis.set(`${this.prefix}:answer:${key}`, JSON.stringify(body), 'PX', this.ttlMs);
    } catch {
      /* a miss next time */
    }
  }
}

/** Resolves when the client is connected (true) or after `timeoutMs` (false), never rejects. */
export function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
