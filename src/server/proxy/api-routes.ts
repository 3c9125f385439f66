/**
 * The /api surface the SPA talks to: the catalogue's read-only operations (OPERATIONS),
 * config and health.
 * Every other path under /api is a JSON 404, every method but GET (and HEAD) a 405.
 */
import rateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ACTIONS,
  OPERATIONS,
  PAGE_SIZE_DEFAULT,
  checkParams,
  type Action,
  type AppConfig,
} from '../../shared/sophonsoar';
import { findEncodingProblem } from './query-encoding';
import { ClientGoneError, classifyUpstreamError, failureReply, isRetryable, proxyError } from './errors';
import { withRetries, type RetryPolicy } from './retry';
import type { UpstreamClient } from './upstream-client';

export interface ApiRoutesOptions {
  upstream: UpstreamClient;
  policy: RetryPolicy;
  appConfig: AppConfig;
  /** Requests per client per minute on /api. */
  rateLimitPerMinute: number;
  /** REDIS_URL's client: the per-user limit is then counted for all replicas together. */
  redis?: Redis;
}

const ALLOWED_METHODS = new Set(['GET', 'HEAD']);

function sendError(reply: FastifyReply, e: ReturnType<typeof proxyError>): FastifyReply {
  return reply
    .code(e.status)
    .headers({ 'cache-control': 'no-store', ...e.headers })
    .send(e.body);
}

/** Aborts when the browser closes the connection before the answer is written. */
function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new ClientGoneError('the client closed the request'));
  });
  return controller.signal;
}

/** application/x-www-form-urlencoded decoding; a malformed escape keeps the text as sent. */
function decodeComponent(s: string): string {
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/**
 * The query exactly as sent, decoded like Fastify's own parser (a malformed escape keeps
 * the text as sent), into an object without prototype so names such as __proto__ or
 * constructor are plain keys that validation sees and refuses, not prototype tricks.
 */
function rawQuery(url: string): Record<string, string | string[]> {
  const out = Object.create(null) as Record<string, string | string[]>;
  const q = url.indexOf('?');
  if (q < 0) return out;
  for (const part of url.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function actionHandler(action: Action, opts: ApiRoutesOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const started = performance.now();
    // Before decoding: a malformed escape would otherwise become U+FFFD or stray text.
    const badEncoding = findEncodingProblem(request.url);
    if (badEncoding) {
      request.log.info({ action, param: badEncoding.param, code: 'InvalidParameter' }, 'rejected parameters');
      return sendError(reply, proxyError(400, 'InvalidParameter', badEncoding.message, request.id));
    }
    const raw = rawQuery(request.url);
    const check = checkParams(action, raw);
    if (!check.ok) {
      request.log.info({ action, param: check.param, code: check.code }, 'rejected parameters');
      return sendError(reply, proxyError(400, check.code, check.message, request.id));
    }
    // checkParams refused repeated parameters, so every value is a single string.
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') query[k] = v;
    // Paged operations always state PageSize upstream: the docs disagree on its default.
    if ('pageSizeDefault' in OPERATIONS[action] && query.PageSize === undefined)
      query.PageSize = String(PAGE_SIZE_DEFAULT);
    const signal = clientGoneSignal(reply);
    const named = (request as { user?: unknown }).user;
    const user = typeof named === 'string' && named !== '' ? `user:${named}` : `ip:${request.ip}`;
    const priority = request.headers['x-rtc-priority'] === 'background' ? 'background' : 'interactive';
    const result = await withRetries(
      (attemptSignal) =>
        opts.upstream.call({
          action,
          query,
          signal: attemptSignal,
          timeoutMs: opts.policy.timeoutMs,
          user,
          priority,
        }),
      (err) => isRetryable(classifyUpstreamError(err)),
      opts.policy,
      signal,
    );
    const latencyMs = Math.round(performance.now() - started);
    if (result.ok && result.value) {
      const body = result.value.body;
      request.log.info(
        { action, upstreamRequestId: body.RequestId, status: 200, latencyMs, attempts: result.attempts },
        'upstream call',
      );
      return reply.code(200).header('cache-control', 'no-store').send(body);
    }
    const failure = classifyUpstreamError(result.error);
    const answer = failureReply(failure, request.id);
    const level = answer.status >= 500 ? 'warn' : 'info';
    request.log[level](
      {
        action,
        upstreamRequestId: failure.kind === 'response' ? failure.requestId : undefined,
        status: answer.status,
        code: answer.body.Code,
        failure: failure.kind,
        // Internal details are logged (message only), never sent to the browser.
        detail: 'detail' in failure ? failure.detail : undefined,
        // How to fix the account (RAM action to grant, troubleshooting link), as upstream said.
        ...(failure.kind === 'response' ? failure.hints : undefined),
        latencyMs,
        attempts: result.attempts,
      },
      'upstream call failed',
    );
    return sendError(reply, answer);
  };
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  const name = request.url.split('?')[0]!.replace(/^\/api\/?/, '');
  const looksLikeAction = /^[A-Z][A-Za-z0-9]{0,63}$/.test(name);
  return sendError(
    reply,
    looksLikeAction
      ? proxyError(
          404,
          'InvalidAction.NotFound',
          `The action ${name} is not available here; use one of ${ACTIONS.join(', ')}.`,
          request.id,
        )
      : proxyError(404, 'NotFound', 'There is no such API path.', request.id),
  );
}

/** Registers /api under its own context: rate limit and method check apply to /api only. */
export async function apiRoutes(api: FastifyInstance, opts: ApiRoutesOptions): Promise<void> {
  await api.register(rateLimit, {
    max: opts.rateLimitPerMinute,
    timeWindow: 60_000,
    // Shared by the replicas. While Redis is down the per-user limit is skipped (the
    // upstream budget still holds, in its fallback share).
    ...(opts.redis && { redis: opts.redis, skipOnError: true }),
    // Per user when access control names one (behind a reverse proxy every user shares
    // the proxy's address), otherwise per client address.
    keyGenerator: (request) => {
      const user = (request as { user?: unknown }).user;
      return typeof user === 'string' && user !== '' ? `user:${user}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (request, context) =>
      Object.assign(new Error('rate limited'), {
        statusCode: context.statusCode,
        apiCode: 'TooManyRequests',
        apiMessage: `Too many requests from this client; retry in ${context.after}.`,
      }),
  });

  api.addHook('onRequest', async (request, reply) => {
    if (!ALLOWED_METHODS.has(request.method)) {
      reply.header('allow', 'GET, HEAD');
      return sendError(
        reply,
        proxyError(
          405,
          'MethodNotAllowed',
          `The method ${request.method} is not allowed; use GET.`,
          request.id,
        ),
      );
    }
  });

  api.get('/config', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(opts.appConfig),
  );
  // Liveness probes must never get 429: the health check is outside the per-client limit.
  api.get('/health', { config: { rateLimit: false } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  for (const action of ACTIONS) api.get(`/${action}`, actionHandler(action, opts));
  api.all('/', notFound);
  api.all('/*', notFound);
}
