/**
 * The HTTP app: security headers, /api (the signing proxy) and the SPA. Built without
 * listening, so tests can `inject` or listen on port 0; main.ts owns the process.
 */
import helmet from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AppConfig } from '../shared/sophonsoar';
import type { ServerConfig } from './config';
import { apiRoutes } from './proxy/api-routes';
import type { RetryPolicy } from './proxy/retry';
import { createUpstreamClient, type UpstreamTarget } from './proxy/upstream-client';
import { registerSpa } from './static/spa';

export interface BuildAppOptions {
  /** Parsed environment (loadConfig). Timeouts, retries and the rate limit come from here. */
  config: Pick<ServerConfig, 'upstream' | 'rateLimitPerMinute'> &
    Partial<Pick<ServerConfig, 'exportMaxRequestsPerSecond'>>;
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
   * ACCESS CONTROL HOOK: registers the security engineer's plugin
   * (`registerAccessControl(app, accessControlFromEnv(env, host))`) before any route, so it
   * guards /api and the SPA alike.
   */
  registerAccessControl?: (app: FastifyInstance) => Promise<void>;
  /** Back-off base, cap and jitter source for retries (defaults 100 ms, 2 s, Math.random; tests change them). */
  backoff?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>;
}

/**
 * Content-Security-Policy for the SPA. Scripts only from our origin, no inline script.
 * style-src needs 'unsafe-inline' because antd 6 renders its styles at runtime (CSS-in-JS,
 * @ant-design/cssinjs inserts <style> elements and sets style attributes); a nonce would
 * need server-side templating of index.html for every request, and inline styles cannot
 * run code. worker-src allows blob: for workers the export may create from a Blob.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

interface ErrorWithApiCode extends FastifyError {
  apiCode?: string;
  apiMessage?: string;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    // Our own ids, never the client's header: they double as RequestId in error bodies.
    genReqId: () => randomUUID().toUpperCase(),
    requestIdHeader: false,
    // The API is GET-only; nothing legitimate sends a body.
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
  });

  // The id in error bodies is also a header, so a browser report can be matched to the logs.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
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

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Same-origin only: no CORS headers anywhere, and other sites may not embed our resources.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    // Matches frame-ancestors 'none' for browsers that only know the old header.
    frameguard: { action: 'deny' },
  });

  // ---- ACCESS CONTROL: registered here, before every route (see registerAccessControl). ----
  if (options.registerAccessControl) await options.registerAccessControl(app);

  const appConfig: AppConfig = {
    mode: options.upstream.mode,
    endpointHost: options.upstream.endpoint,
    ...(options.upstream.credentialProvider !== undefined && {
      credentialProvider: options.upstream.credentialProvider,
    }),
    version: options.version,
    ...(options.config.exportMaxRequestsPerSecond !== undefined && {
      exportMaxRequestsPerSecond: options.config.exportMaxRequestsPerSecond,
    }),
  };
  await app.register(apiRoutes, {
    prefix: '/api',
    upstream: createUpstreamClient(options.upstream),
    appConfig,
    rateLimitPerMinute: options.config.rateLimitPerMinute,
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
