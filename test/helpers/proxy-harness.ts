/**
 * The proxy (buildApp) in front of a real emulator on a loopback port, for fuzz, load,
 * budget and benchmark runs. Nothing is mocked: requests are signed by the official client
 * and verified by the emulator. Several proxies can share one emulator (and reach it
 * through a counting forwarder) to stand for replicas of one deployment.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../../src/server/app';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/server/emulator';
import { disableEcsMetadataProbe, staticCredential } from '../../src/server/proxy/credential-chain';
import type { AccessControlConfig } from '../../src/server/security/access-control-config';

export interface ProxyHarness {
  app: FastifyInstance;
  emulator: RunningEmulator;
  /** Set when `listen` was asked for: 'http://127.0.0.1:PORT'. */
  url?: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Options of the emulator the harness starts, or one already running (kept open by `close`). */
  emulator?: EmulatorOptions | RunningEmulator;
  /** Where the proxy sends its calls (e.g. a counting forwarder in front of the emulator); default the emulator's endpoint. */
  upstreamEndpoint?: string;
  rateLimitPerMinute?: number;
  /** Proxy retries of transient upstream failures (default 2). */
  retries?: number;
  /** One upstream call's timeout and the deadline for all its tries, in ms (default 10 s, 20 s). */
  timeoutMs?: number;
  deadlineMs?: number;
  /** The proxy's back-off between retries, in ms (default 5 to 20). */
  backoff?: { baseDelayMs: number; maxDelayMs: number };
  /** What /api/config reports as the version (default 'test'). */
  version?: string;
  logger?: Logger;
  accessControl?: AccessControlConfig;
  listen?: boolean;
  /** Directory of a built SPA to serve; default none (/api only). */
  staticRoot?: string;
  /**
   * The upstream budget (UPSTREAM_QPS and friends). Default: 100,000 calls/s and no answer
   * cache, so load and fuzz runs measure the proxy, not the account's budget.
   */
  budget?: { qps: number; burst: number; cacheMs: number; replicas: number };
  /** REDIS_URL: the budget, answers and limits shared with the other proxies on the same Redis. */
  redisUrl?: string;
}

const isRunning = (e: HarnessOptions['emulator']): e is RunningEmulator =>
  e !== undefined && 'endpoint' in e && 'close' in e;

export async function startProxyHarness(opts: HarnessOptions = {}): Promise<ProxyHarness> {
  disableEcsMetadataProbe();
  const shared = isRunning(opts.emulator) ? opts.emulator : undefined;
  const emulator =
    shared ??
    (await startEmulator({
      port: 0,
      tasks: 500,
      live: false,
      logger: false,
      ...(opts.emulator as EmulatorOptions | undefined),
    }));
  const app = await buildApp({
    config: {
      upstream: {
        timeoutMs: opts.timeoutMs ?? 10_000,
        deadlineMs: opts.deadlineMs ?? 20_000,
        retries: opts.retries ?? 2,
      },
      rateLimitPerMinute: opts.rateLimitPerMinute ?? 1_000_000,
      budget: opts.budget ?? { qps: 100_000, burst: 100_000, cacheMs: 0, replicas: 1 },
      ...(opts.redisUrl ? { redisUrl: opts.redisUrl } : {}),
    },
    upstream: {
      mode: 'demo',
      endpoint: opts.upstreamEndpoint ?? emulator.endpoint,
      protocol: 'http',
      credential: staticCredential(emulator.accessKeyId, emulator.accessKeySecret),
    },
    version: opts.version ?? 'test',
    staticRoot: opts.staticRoot ?? false,
    backoff: opts.backoff ?? { baseDelayMs: 5, maxDelayMs: 20 },
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.accessControl ? { accessControl: opts.accessControl } : {}),
  });
  const url = opts.listen ? await app.listen({ host: '127.0.0.1', port: 0 }) : undefined;
  return {
    app,
    emulator,
    ...(url ? { url } : {}),
    async close() {
      await app.close();
      if (!shared) await emulator.close();
    },
  };
}
