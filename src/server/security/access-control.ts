/**
 * Access control for the whole app (SPA files and /api alike; only the health check is
 * open): HTTP basic authentication against scrypt hashes, or a user header set by a
 * trusted reverse proxy. The user found is put on `request.user` and on the request's
 * logger, so every logged line of a request names who made it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessControlConfig } from './access-control-config';
import { FailedLoginLimiter, clientKey, type SharedLoginStore } from './failed-attempt-limiter';
import {
  hashPassword,
  isAcceptablePassword,
  parsePasswordHash,
  verifyPassword,
  type ParsedHash,
} from './password-hash';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user; undefined when access control is off (loopback) or for open routes. */
    user: string | undefined;
  }
}

/** Routes answered without authentication (liveness and readiness probes). */
export const OPEN_ROUTES: ReadonlySet<string> = new Set(['/api/health', '/api/ready']);

/** Routes answered without authentication to clients on this machine (a Prometheus agent). */
export const LOOPBACK_ROUTES: ReadonlySet<string> = new Set(['/metrics']);

/**
 * True for a LOOPBACK_ROUTES request straight from this machine: the socket peer is a
 * loopback address and no forwarding header is present (a reverse proxy on this machine
 * forwards other people's requests; they must sign in).
 */
export function isDirectLoopbackRequest(request: FastifyRequest): boolean {
  if (!LOOPBACK_ROUTES.has(request.routeOptions.url ?? '')) return false;
  const peer = request.socket.remoteAddress ?? '';
  const loopback = /^(127\.|::1$|::ffff:127\.)/.test(peer);
  const h = request.headers;
  return loopback && !h['x-forwarded-for'] && !h.forwarded && !h['x-real-ip'];
}

/** Pino redact paths for headers that carry secrets; the app's logger should use them. */
export const SECRET_LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
];

const VERIFIED_TTL_MS = 5 * 60_000;
const VERIFIED_MAX = 1000;
/** Password checks running at once (libuv runs 4; the rest wait in its queue). */
const MAX_CONCURRENT_CHECKS = 16;

function deny(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): FastifyReply {
  // Never log the credentials: only why and from where.
  request.log.warn({ status, code, client: request.ip }, 'access denied');
  return reply
    .code(status)
    .headers({ 'cache-control': 'no-store', ...headers })
    .send({ Code: code, Message: message, RequestId: request.id });
}

function setUser(request: FastifyRequest, reply: FastifyReply, user: string): void {
  request.user = user;
  // Fastify's own "request completed" line is written through reply.log.
  request.log = request.log.child({ user });
  reply.log = request.log;
}

function parseBasic(
  header: string | undefined,
): { user: string; password: string } | 'missing' | 'malformed' {
  if (header === undefined || header === '') return 'missing';
  const m = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!m) return 'malformed';
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return 'malformed';
  const password = decoded.slice(colon + 1);
  // scrypt's HMAC pads keys with zero bytes, so "pw" and "pw\0" would both match: passwords
  // with control characters are refused outright (hashPassword refuses them too).
  if (!isAcceptablePassword(password)) return 'malformed';
  return { user: decoded.slice(0, colon), password };
}

async function basicAuth(
  app: FastifyInstance,
  config: Extract<AccessControlConfig, { mode: 'basic' }>,
  store: SharedLoginStore | undefined,
) {
  const limiter = new FailedLoginLimiter({
    perClientUser: config.failedLimit,
    global: config.failedGlobalLimit ?? Math.max(100, 10 * config.failedLimit),
    ...(store && { store }),
  });
  // Unknown users are checked against a throwaway hash of the same cost, so the response
  // time does not reveal which user names exist.
  const first = config.users.values().next().value as ParsedHash;
  const dummy = parsePasswordHash(await hashPassword(randomBytes(16).toString('hex'), first));
  // Successful checks are remembered for a few minutes under a keyed hash of the header,
  // so a page load does not pay one scrypt per request; the header itself is not kept.
  const cacheKey = randomBytes(32);
  const verified = new Map<string, { user: Promise<string | null>; expires: number }>();
  const challenge = { 'www-authenticate': `Basic realm="${config.realm}", charset="UTF-8"` };

  // Each scrypt check costs ~32 MiB and tens of ms: a flood of wrong passwords from many
  // addresses (each under its own failed-login limit) must not queue without bound.
  const maxChecks = config.maxConcurrentChecks ?? MAX_CONCURRENT_CHECKS;
  let checking = 0;

  const keyOf = (header: string) => createHmac('sha256', cacheKey).update(header).digest('base64');

  /** The user of a header that passed a check within VERIFIED_TTL_MS (or is being checked). */
  const cached = (key: string): Promise<string | null> | undefined => {
    const hit = verified.get(key);
    return hit && hit.expires > Date.now() ? hit.user : undefined;
  };

  const check = (key: string, user: string, password: string): Promise<string | null> | 'busy' => {
    if (checking >= maxChecks) return 'busy';
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    const hash = config.users.get(user);
    checking++;
    const result = verifyPassword(password, hash ?? dummy)
      .then((ok) => (ok && hash ? user : null))
      .finally(() => checking--);
    verified.set(key, { user: result, expires: Date.now() + VERIFIED_TTL_MS });
    // Only successes stay cached; a failure must cost a full check every time.
    void result.then(
      (u) => u ?? verified.delete(key),
      () => verified.delete(key),
    );
    return result;
  };

  app.addHook('onRequest', async (request, reply) => {
    if (OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (isDirectLoopbackRequest(request) && request.headers.authorization === undefined) return;
    const header = request.headers.authorization;
    const creds = parseBasic(header);
    if (creds === 'missing') {
      // A browser's first request never carries credentials: not a failed attempt.
      return deny(
        request,
        reply,
        401,
        'Unauthorized',
        'Sign in with your user name and password.',
        challenge,
      );
    }
    // A login that already passed is let in before any limit: other people's failures,
    // from this address or any other, never refuse it.
    const key = keyOf(header!);
    const known = cached(key);
    const knownUser = known === undefined ? undefined : await known;
    if (knownUser) return setUser(request, reply, knownUser);

    // request.ip is the real client behind a trusted proxy (AUTH_TRUSTED_PROXIES).
    const client = clientKey(request.ip);
    const user = creds === 'malformed' ? '' : creds.user;
    const blocked = await limiter.blocked(client, user);
    if (blocked) {
      return deny(
        request,
        reply,
        429,
        'TooManyFailedLogins',
        blocked.scope === 'global'
          ? `Too many failed logins on this server. Retry in ${blocked.retryAfterSeconds} s.`
          : `Too many failed logins for this user from this address. Retry in ${blocked.retryAfterSeconds} s.`,
        { 'retry-after': String(blocked.retryAfterSeconds) },
      );
    }
    const pending = creds === 'malformed' ? null : check(key, creds.user, creds.password);
    if (pending === 'busy') {
      return deny(
        request,
        reply,
        503,
        'LoginBusy',
        'Too many sign-ins are being checked; retry in a second.',
        {
          'retry-after': '1',
        },
      );
    }
    const found = await pending;
    if (found === null) {
      await limiter.recordFailure(client, user);
      return deny(request, reply, 401, 'Unauthorized', 'The user name or password is wrong.', challenge);
    }
    await limiter.recordSuccess(client, found);
    setUser(request, reply, found);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The user name in the proxy's header, from the raw header lines: exactly one occurrence
 * holding one name (no comma list), 1-256 characters after trimming, no control
 * characters. Node reads header bytes as Latin-1; the name is decoded as the UTF-8 bytes
 * the proxy sent (oauth2-proxy and nginx pass UTF-8 through), so "jürgen" stays "jürgen".
 * Undefined when absent, repeated, a list, or not valid UTF-8.
 */
export function proxyUser(rawHeaders: readonly string[], headerName: string): string | undefined {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === headerName) values.push(rawHeaders[i + 1]!);
  }
  if (values.length !== 1) return undefined;
  let name: string;
  try {
    name = utf8.decode(Buffer.from(values[0]!, 'latin1')).trim();
  } catch {
    return undefined;
  }
  if (name === '' || name.length > 256 || name.includes(',')) return undefined;
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) return undefined;
  return name;
}

function proxyAuth(app: FastifyInstance, config: Extract<AccessControlConfig, { mode: 'proxy' }>) {
  app.addHook('onRequest', async (request, reply) => {
    if (OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (isDirectLoopbackRequest(request)) return;
    // The socket peer, never X-Forwarded-For: only the proxy itself may vouch for a user.
    if (!config.isTrustedProxy(request.socket.remoteAddress)) {
      return deny(request, reply, 403, 'Forbidden', 'Requests must come through the trusted reverse proxy.');
    }
    const user = proxyUser(request.raw.rawHeaders, config.userHeader);
    if (user === undefined) {
      return deny(
        request,
        reply,
        401,
        'Unauthorized',
        `The reverse proxy did not name exactly one user in the ${config.userHeader} header.`,
      );
    }
    setUser(request, reply, user);
  });
}

/** The access control settings and, with REDIS_URL, where replicas share the failed-login counts. */
export type AccessControlOptions = AccessControlConfig & { failedLoginStore?: SharedLoginStore };

async function accessControl(app: FastifyInstance, options: AccessControlOptions): Promise<void> {
  const { failedLoginStore, ...config } = options;
  if (!app.hasRequestDecorator('user')) app.decorateRequest('user', undefined);
  if (config.mode === 'basic') await basicAuth(app, config, failedLoginStore);
  else if (config.mode === 'proxy') proxyAuth(app, config);
  app.log.info(
    { mode: config.mode, ...(config.mode === 'basic' ? { users: config.users.size } : {}) },
    'access control',
  );
}

/**
 * Adds access control to the whole app. Register it before the routes:
 * `await app.register(registerAccessControl, config)` (or call it with the root instance).
 */
export const registerAccessControl = fp(accessControl, { name: 'access-control', fastify: '5.x' });
