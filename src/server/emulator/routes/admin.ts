/**
 * Admin routes (`/__admin/health`, `/__admin/faults`, `/__admin/live`), never faulted.
 * Answered only with the admin token (`Authorization: Bearer <EMULATOR_ADMIN_TOKEN>`), or
 * to a loopback client that also names a loopback Host: a loopback peer alone is not
 * enough, because a web page can reach 127.0.0.1 through a rebinding domain, and with
 * EMULATOR_HOST=0.0.0.0 a relay on this machine can forward requests from anywhere.
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

export async function adminRoutes(admin: FastifyInstance, opts: AdminRoutesOptions): Promise<void> {
  const { state } = opts;
  admin.addHook('onRequest', async (request, reply) => {
    if (!isAdminAllowed(request, opts.adminToken)) {
      return reply.code(403).send({
        Code: 'Forbidden',
        Message:
          'The admin routes answer loopback clients addressing a loopback host, or requests with the admin token.',
      });
    }
  });
  admin.get('/__admin/health', async () => ({
    status: 'ok',
    tasks: state.index.all().length,
    live: state.isLive(),
  }));
  admin.get('/__admin/faults', async () => state.faults());
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
