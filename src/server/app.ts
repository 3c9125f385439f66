/**
 * The HTTP app: security headers, /api (the signing proxy) and the SPA. Built without
 * listening, so tests can `inject` or listen on port 0; main.ts owns the process.
 */
import helmet from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '../shared/sophonsoar';
import type { ServerConfig } from './config';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  newRequestId,
  refuseUndecodableApiUrl,
  rewriteUndecodableUrl,
  serverFactory,
  type HttpServerOptions,
} from './http-server';
import { createBudget } from './budget/index';
import { budgetKey, connectRedis, redisReady } from './budget/redis';
import { createMetrics } from './ops/metrics';
import { opsRoutes } from './ops/ops-routes';
import { apiRoutes } from './proxy/api-routes';
import type { RetryPolicy } from './proxy/retry';
import { createUpstreamClient, type UpstreamTarget } from './proxy/upstream-client';
import type { AccessControlConfig } from './security/access-control-config';
import { OPEN_ROUTES, registerAccessControl } from './security/access-control';
import { addressMatcher } from './security/access-control-config';
import { helmetOptions, PERMISSIONS_POLICY, staticSecurityHeaders } from './security/headers';
import { registerHostCheck, type AllowedHosts } from './security/host-check';
import { refuseMalformedHost } from './security/host-header';
import { registerSpa } from './static/spa';

export { CSP_DIRECTIVES } from './security/headers';

export interface BuildAppOptions {
  /** Parsed environment (loadConfig). Timeouts, retries and the rate limit come from here. */
  config: Pick<ServerConfig, 'upstream' | 'rateLimitPerMinute'> &
    Partial<
      Pick<
        ServerConfig,
        'tls' | 'trustProxyTls' | 'headersTimeoutMs' | 'maxConnectionsPerClient' | 'budget' | 'redisUrl'
      >
    >;
  /**
   * Host names answered (DNS rebinding guard, see allowedHostsFor). Default: loopback
   * names only.
   */
  allowedHosts?: AllowedHosts;
  /**
   * Reverse proxies (IPs or CIDRs) whose X-Forwarded-For / -Host / -Proto are believed, so
   * request.ip is the real client; they are also exempt from the per-client connection cap.
   */
  trustedProxies?: readonly string[];
  /** Where signed calls go and with which credential (live chain or the emulator's demo key). */
  upstream: UpstreamTarget;
  /** App version for GET /api/config. */
  version: string;
  /** A pino logger (main passes stdout JSON; tests capture lines); default: no logging. */
  logger?: Logger;
  /** Directory of the built SPA; false serves /api only. */
  staticRoot?: string | false;
  /** Called on app.close(), e.g. to stop the embedded emulator. */
  onClose?: () => Promise<void>;
  /**
   * Who may use the app (config.ts `accessControl`), registered before every route.
   * Default: none, as for a loopback address; main.ts always passes the parsed settings.
   */
  accessControl?: AccessControlConfig;
  /** Back-off base, cap and jitter source for retries (defaults 100 ms, 2 s, Math.random; tests change them). */
  backoff?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>;
}

/**
 * The budget when the caller passes none (tests that build the app directly): the
 * documented defaults of UPSTREAM_QPS and UPSTREAM_BURST, no answer cache (those tests
 * count upstream calls).
 */
export const DEFAULT_BUDGET = { qps: 10, burst: 10, cacheMs: 0, replicas: 1 } as const;

/** What GET /api/config names as the endpoint in demo mode, instead of the emulator's address. */
export const DEMO_ENDPOINT_HOST = 'emulator';

interface ErrorWithApiCode extends FastifyError {
  apiCode?: string;
  apiMessage?: string;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const tls = options.config.tls;
  // HSTS only when browsers come over HTTPS: native TLS, or a TLS proxy the operator vouches for.
  const hsts = tls !== undefined || options.config.trustProxyTls === true;
  const trusted = options.trustedProxies ?? [];
  const server: HttpServerOptions = {
    ...(tls && { tls: { cert: tls.cert, key: tls.key } }),
    headersTimeoutMs: options.config.headersTimeoutMs ?? 10_000,
    maxConnectionsPerClient: options.config.maxConnectionsPerClient ?? 256,
    securityHeaders: staticSecurityHeaders({ hsts }),
    log: (fields, msg) => options.logger?.info(fields, msg),
  };
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    // Our own ids, never the client's header: they double as RequestId in error bodies.
    genReqId: newRequestId,
    requestIdHeader: false,
    // The API is GET-only; nothing legitimate sends a body.
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
    ...(trusted.length > 0 && { trustProxy: [...trusted] }),
    // Every user's connections arrive from the proxy's address: the proxy is not capped.
    serverFactory: serverFactory({ ...server, isUncappedPeer: addressMatcher(trusted) }),
    clientErrorHandler: clientErrorHandler(server),
    frameworkErrors: frameworkErrorHandler(server),
    rewriteUrl: rewriteUndecodableUrl,
  });

  // The id in error bodies is also a header, so a browser report can be matched to the logs.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });

  app.setErrorHandler((err: ErrorWithApiCode, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ status, code: err.code }, 'request refused');
    const body =
      status >= 500
        ? // 5xx internals stay in the log.
          { Code: 'InternalError', Message: 'The server failed to process the request.' }
        : {
            Code: err.apiCode ?? (status === 429 ? 'TooManyRequests' : 'InvalidRequest'),
            Message: err.apiMessage ?? err.message,
          };
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .send({ ...body, RequestId: request.id });
  });

  await app.register(helmet, helmetOptions({ hsts }));
  // After helmet's hooks, so these early answers carry its headers too.
  app.addHook('onRequest', refuseMalformedHost);
  app.addHook('onRequest', refuseUndecodableApiUrl);
  await app.register(registerHostCheck, { allowed: options.allowedHosts ?? [] });

  // REDIS_URL: what the replicas share (the budget, answers, rate limits, failed logins).
  const redis = options.config.redisUrl ? connectRedis(options.config.redisUrl, options.logger) : undefined;
  if (redis) {
    app.addHook('onClose', async () => void redis.disconnect());
    // Every replica starts on the shared budget, not some on their fallback share.
    if (!(await redisReady(redis, 3000)))
      options.logger?.error(
        "Redis did not answer within 3 s: starting on this replica's share of the budget",
      );
  }
  const redisPrefix = redis ? await budgetKey(options.upstream) : undefined;
  const accessControl = options.accessControl ?? { mode: 'none' };
  // Before every route, so it guards /api and the SPA alike.
  await app.register(registerAccessControl, {
    ...accessControl,
    ...(redis && {
      failedLoginStore: {
        redis,
        prefix: redisPrefix!,
        replicas: (options.config.budget ?? DEFAULT_BUDGET).replicas,
      },
    }),
  });

  const appConfig: AppConfig = {
    mode: options.upstream.mode,
    // The embedded emulator's port is nobody's business but ours: its admin routes are there.
    endpointHost: options.upstream.mode === 'demo' ? DEMO_ENDPOINT_HOST : options.upstream.endpoint,
    ...(options.upstream.credentialProvider !== undefined && {
      credentialProvider: options.upstream.credentialProvider,
    }),
    version: options.version,
  };
  const metrics = createMetrics();
  const budgetConfig = options.config.budget ?? DEFAULT_BUDGET;
  const budget = createBudget({
    config: budgetConfig,
    attemptTimeoutMs: options.config.upstream.timeoutMs,
    ...(redis && { redis: { client: redis, key: await budgetKey(options.upstream) } }),
    target: options.upstream,
    ...(options.logger && { logger: options.logger }),
    events: metrics.events,
    onGranted: metrics.onGranted,
  });
  metrics.watch(budget.scheduler, budgetConfig.qps);
  app.addHook('onResponse', async (request) => {
    if (!request.url.startsWith('/api/') || OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
    const user = request.user;
    metrics.apiRequest(typeof user === 'string' && user !== '' ? user : `ip:${request.ip}`);
  });
  await app.register(opsRoutes, {
    metrics,
    endpoint: options.upstream.endpoint,
    protocol: options.upstream.protocol,
    ...(redis && { redisReady: async () => (await redis.ping()) === 'PONG' }),
  });
  app.addHook('onClose', async () => budget.close());
  await app.register(apiRoutes, {
    prefix: '/api',
    upstream: budget.wrap(createUpstreamClient(options.upstream)),
    appConfig,
    rateLimitPerMinute: options.config.rateLimitPerMinute,
    ...(redis && { redis }),
    policy: { ...options.config.upstream, ...options.backoff },
  });

  if (options.staticRoot !== false && options.staticRoot !== undefined) {
    await registerSpa(app, options.staticRoot);
  }

  if (options.onClose) {
    const onClose = options.onClose;
    app.addHook('onClose', async () => onClose());
  }
  return app;
}
