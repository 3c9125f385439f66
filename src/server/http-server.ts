/**
 * The Node server under Fastify and everything that answers before Fastify routes a
 * request: plain HTTP or native TLS, bounded header time, a cap of open connections per
 * client address, malformed requests and URLs that cannot be decoded. Each of those
 * answers carries the console's error format ({Code, Message, RequestId}) and the same
 * security headers as a routed answer.
 */
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { clientKey } from './security/failed-attempt-limiter';

/** Fastify's own default, kept: longer than common load balancers' idle timeout (60 s). */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

export interface HttpServerOptions {
  /** PEM certificate chain and private key for native TLS; absent: plain HTTP. */
  tls?: { cert: Buffer | string; key: Buffer | string };
  /**
   * Time a client has to send the request line and headers, in ms (Node's headersTimeout;
   * the whole request, body included, gets the same, as the API takes no body).
   */
  headersTimeoutMs: number;
  /** Open connections one client address (an IPv6 /64) may hold; more are closed at once. 0: no cap. */
  maxConnectionsPerClient: number;
  /** Peers never capped: the reverse proxies that carry every user's connections. */
  isUncappedPeer?: (address: string | undefined) => boolean;
  /** Security headers for answers written outside Fastify's hooks (staticSecurityHeaders). */
  securityHeaders: Readonly<Record<string, string>>;
  /** Called for each refused connection and pre-routing error (the app's logger). */
  log?: (fields: Record<string, unknown>, msg: string) => void;
}

/** Our request ids: upper-case UUIDs, never the client's header. */
export const newRequestId = (): string => randomUUID().toUpperCase();

/**
 * A Fastify `serverFactory`: http or https with the header timeout checked every second
 * (Node's default check interval of 30 s held a silent connection up to 90 s) and the
 * per-client connection cap.
 */
export function serverFactory(opts: HttpServerOptions): NonNullable<FastifyServerOptions['serverFactory']> {
  return (handler) => {
    const timeouts = {
      // A missing Host is answered by security/host-header.ts in the console's format, not
      // by Node's bare 400.
      requireHostHeader: false,
      headersTimeout: opts.headersTimeoutMs,
      requestTimeout: opts.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, opts.headersTimeoutMs),
    };
    const server: Server = opts.tls
      ? (createHttpsServer(
          { ...timeouts, cert: opts.tls.cert, key: opts.tls.key },
          handler,
        ) as unknown as Server)
      : createHttpServer(timeouts, handler);
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    if (opts.maxConnectionsPerClient > 0) capConnections(server, opts);
    return server;
  };
}

function capConnections(server: Server, opts: HttpServerOptions): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (opts.isUncappedPeer?.(address)) return;
    const key = clientKey(address);
    const count = (open.get(key) ?? 0) + 1;
    if (count > opts.maxConnectionsPerClient) {
      opts.log?.({ client: address, open: count - 1 }, 'connection refused: too many open connections');
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}

function errorBody(code: string, message: string, requestId: string): string {
  return JSON.stringify({ Code: code, Message: message, RequestId: requestId });
}

/**
 * Fastify's `clientErrorHandler`: a request Node could not parse (bad request line or
 * header, 431 header overflow, 408 header timeout) gets the console's error format and
 * security headers, then the connection is closed.
 */
export function clientErrorHandler(opts: HttpServerOptions) {
  return (err: NodeJS.ErrnoException, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, message] =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'RequestTimeout', `The request headers did not arrive within ${opts.headersTimeoutMs} ms.`]
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'RequestHeaderFieldsTooLarge', 'The request headers are too large.']
          : [400, 'InvalidRequest', 'The request is not valid HTTP.'];
    const requestId = newRequestId();
    opts.log?.({ requestId, status, err: err.code, client: socket.remoteAddress }, 'client error');
    if (socket.writable) {
      const body = errorBody(code, message, requestId);
      const headers: Record<string, string> = {
        ...opts.securityHeaders,
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'cache-control': 'no-store',
        'x-request-id': requestId,
        connection: 'close',
      };
      const head = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
    }
    socket.destroy();
  };
}

/**
 * Fastify's `frameworkErrors`: router errors that skip every hook (a parameter over the
 * length limit, a failed constraint). Undecodable URLs do not come here: `rewriteUrl`
 * routes them (see `rewriteUndecodableUrl`).
 */
export function frameworkErrorHandler(opts: HttpServerOptions) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
    request.log.info({ status, code: err.code }, 'request refused before routing');
    void reply
      .code(status)
      .headers({ ...opts.securityHeaders, 'cache-control': 'no-store', 'x-request-id': request.id })
      .type('application/json; charset=utf-8')
      .send(errorBody('InvalidRequest', 'The request URL cannot be routed.', request.id));
  };
}

const UNDECODABLE = Symbol('undecodable-url');

/** The URL as the client sent it when its path could not be percent-decoded; else undefined. */
export function undecodableUrl(raw: IncomingMessage): string | undefined {
  return (raw as IncomingMessage & { [UNDECODABLE]?: string })[UNDECODABLE];
}

/** True when `path` (no query) decodes as percent-encoded UTF-8, as the router needs. */
export function isDecodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fastify's `rewriteUrl`: a path that cannot be percent-decoded (`/tasks/100%`, broken
 * UTF-8) would make the router answer its own error outside every hook. Instead the request
 * is routed, with all hooks (security headers, request id, Host check, access control), to
 * `/` for a page (the SPA opens and tells the analyst the link was damaged) or to `/api/`
 * for an API call, which `refuseUndecodableApiUrl` answers 400. The original URL is kept
 * for the log (`undecodableUrl`).
 */
export function rewriteUndecodableUrl(raw: IncomingMessage): string {
  const url = raw.url ?? '/';
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  if (isDecodablePath(path)) return url;
  (raw as IncomingMessage & { [UNDECODABLE]?: string })[UNDECODABLE] = url;
  return path === '/api' || path.startsWith('/api/') ? '/api/' : '/';
}

/** onRequest hook: answers an undecodable /api URL 400 in the console's format; logs pages. */
export async function refuseUndecodableApiUrl(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const original = undecodableUrl(request.raw);
  if (original === undefined) return;
  request.log.info({ url: original }, 'undecodable URL');
  if (!request.url.startsWith('/api/')) return;
  return reply.code(400).header('cache-control', 'no-store').send({
    Code: 'InvalidRequest.BadUrl',
    Message: 'The URL path is not valid percent-encoded UTF-8 (a "%" must be followed by two hex digits).',
    RequestId: request.id,
  });
}
