/**
 * Admin routes (`/__admin/health`, `/__admin/faults`, `/__admin/calls`, `/__admin/live`), never faulted.
 * Answered only with the admin token (`Authorization: Bearer <EMULATOR_ADMIN_TOKEN>`), or
 * to a loopback client that also names a loopback Host: a loopback peer alone is not
 * enough, because a web page can reach 127.0.0.1 through a rebinding domain, and with
 * EMULATOR_HOST=0.0.0.0 a relay on this machine can forward requests from anywhere.
 * Whatever the caller, a request that carries an Origin other than the emulator's own is
 * refused, and a PUT must say `Content-Type: application/json`: so no page can change
 * faults with a CORS-simple request (text/plain, form) that the browser sends without asking.
 * Every admin answer says `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { newRequestId } from '../errors';
import { faultsPatchSchema } from '../faults';
import { isLoopback, isLoopbackHostHeader } from '../loopback';
import type { EmulatorState } from '../state';

export interface AdminRoutesOptions {
  state: EmulatorState;
  /** When set, a request bearing it is allowed from anywhere. */
  adminToken?: string | undefined;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** True when the Authorization header holds the token (compared in constant time). */
function hasToken(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
}

export function isAdminAllowed(request: FastifyRequest, token: string | undefined): boolean {
  if (hasToken(request, token)) return true;
  return isLoopback(request.socket.remoteAddress) && isLoopbackHostHeader(request.headers.host);
}

/**
 * True when the request has no Origin header (not sent by a page: curl, scripts, the
 * tests) or names the emulator's own origin, `http://` + the Host it was addressed by
 * (compared as URL origins, so case and a default port do not matter). `Origin: null`
 * (sandboxed frames, file: pages) is another origin.
 */
export function isOwnOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host;
  if (host === undefined) return false;
  try {
    return new URL(origin).origin === new URL(`http://${host}`).origin;
  } catch {
    return false;
  }
}

/** True for `application/json`, with or without parameters such as charset (RFC 9110 §8.3). */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export async function adminRoutes(admin: FastifyInstance, opts: AdminRoutesOptions): Promise<void> {
  const { state } = opts;
  admin.addHook('onRequest', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
    if (!isOwnOrigin(request)) {
      return reply.code(403).send({
        Code: 'Forbidden.Origin',
        Message: 'The admin routes do not answer requests sent from another origin (a web page).',
      });
    }
    if (!isAdminAllowed(request, opts.adminToken)) {
      return reply.code(403).send({
        Code: 'Forbidden',
        Message:
          'The admin routes answer loopback clients addressing a loopback host, or requests with the admin token.',
      });
    }
    if (request.method === 'PUT' && !isJson(request.headers['content-type'])) {
      return reply.code(415).send({
        RequestId: newRequestId(),
        Code: 'UnsupportedMediaType',
        Message: 'The body must be sent with Content-Type: application/json.',
      });
    }
  });
  admin.get('/__admin/health', async () => ({
    status: 'ok',
    tasks: state.index.all().length,
    live: state.isLive(),
  }));
  admin.get('/__admin/faults', async () => state.faults());
  // Every signed call's arrival (performance.now() ms) and whether the QPS cap let it pass:
  // how tests and the benchmark count upstream calls per second where the upstream counts them.
  admin.get('/__admin/calls', async () => ({ calls: state.qps.calls() }));
  admin.put('/__admin/faults', async (request, reply) => {
    const body = readJson(request);
    if (typeof body === 'symbol') return invalid(reply, 'The body must be a JSON object of faults.');
    const r = faultsPatchSchema.safeParse(body);
    if (!r.success) return invalid(reply, describeIssue(r.error));
    return state.setFaults(r.data);
  });
  admin.put('/__admin/live', async (request, reply) => {
    const r = z.strictObject({ live: z.boolean() }).safeParse(readJson(request));
    if (!r.success) return invalid(reply, 'The body must be {"live": true} or {"live": false}.');
    state.setLive(r.data.live);
    return { live: r.data.live };
  });
}

function readJson(request: FastifyRequest): unknown {
  const b = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  try {
    return JSON.parse(b);
  } catch {
    return Symbol.for('invalid');
  }
}

const invalid = (reply: FastifyReply, message: string) =>
  reply.code(400).send({ RequestId: newRequestId(), Code: 'InvalidParameter', Message: message });

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return `Unknown fault ${issue.keys.join(', ')}.`;
  const path = issue.path.join('.');
  return path ? `The fault ${path} ${issue.message}.` : `The body ${issue.message}.`;
}
