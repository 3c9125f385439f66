/**
 * The proxy (buildApp) in front of a real emulator on a loopback port, for fuzz, load
 * and benchmark runs. Nothing is mocked: requests are signed by the official client and
 * verified by the emulator.
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
  emulator?: EmulatorOptions;
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
}

export async function startProxyHarness(opts: HarnessOptions = {}): Promise<ProxyHarness> {
  disableEcsMetadataProbe();
  const emulator = await startEmulator({ port: 0, tasks: 500, live: false, logger: false, ...opts.emulator });
  const app = await buildApp({
    config: {
      upstream: {
        timeoutMs: opts.timeoutMs ?? 10_000,
        deadlineMs: opts.deadlineMs ?? 20_000,
        retries: opts.retries ?? 2,
      },
      rateLimitPerMinute: opts.rateLimitPerMinute ?? 1_000_000,
      budget: opts.budget ?? { qps: 100_000, burst: 100_000, cacheMs: 0, replicas: 1 },
    },
    upstream: {
      mode: 'demo',
      endpoint: emulator.endpoint,
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
      await emulator.close();
    },
  };
}
