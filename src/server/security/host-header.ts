/**
 * The Host header as HTTP/1.1 requires it (RFC 9112 §3.2): a server MUST answer 400 to a
 * request with more than one Host line, and to an HTTP/1.1 request without one. Node keeps
 * the first of two Host lines (so `Host: 127.0.0.1` then `Host: rebind.attacker.example`
 * would pass the rebinding guard under one name and reach a proxy or log under the other),
 * and answers a missing Host with a bare 400 of its own (`requireHostHeader`), outside the
 * console's format. The server turns Node's check off (http-server.ts) and this hook
 * answers both in the console's format, with the security headers, on every route.
 *
 * The request target may name a host too: in absolute form (`GET http://host/path`,
 * RFC 9112 §3.2.2) its authority is what the request is for, so `requestTargetHost` gives
 * it to the rebinding guard (host-check.ts) beside the Host header.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { undecodableUrl } from '../http-server';

/** How many Host lines the request carried (rawHeaders keeps each line). */
export function hostLineCount(raw: IncomingMessage): number {
  let n = 0;
  for (let i = 0; i < raw.rawHeaders.length; i += 2) if (raw.rawHeaders[i]!.toLowerCase() === 'host') n++;
  return n;
}

/**
 * The authority of the request target: `{ kind: 'origin' }` for the usual `/path` (and
 * `*`), `{ kind: 'absolute', host }` for `http(s)://host[:port]/path` (host as URL gives it:
 * lower case, without user info, `[v6]` bracketed), `{ kind: 'invalid' }` for anything else.
 * The URL as sent is used even when its path was rewritten for the router.
 */
export function requestTargetHost(
  raw: IncomingMessage,
): { kind: 'origin' } | { kind: 'absolute'; host: string } | { kind: 'invalid' } {
  const url = undecodableUrl(raw) ?? raw.url ?? '/';
  if (url.startsWith('/') || url === '*') return { kind: 'origin' };
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { kind: 'invalid' };
    return { kind: 'absolute', host: parsed.host };
  } catch {
    return { kind: 'invalid' };
  }
}

/** The problem with a request's Host lines or target form, if any; see the module comment. */
export function hostHeaderProblem(raw: IncomingMessage): string | undefined {
  const lines = hostLineCount(raw);
  if (lines > 1) return `The request has ${lines} Host headers; HTTP allows exactly one.`;
  const http11 = raw.httpVersionMajor > 1 || (raw.httpVersionMajor === 1 && raw.httpVersionMinor >= 1);
  if (lines === 0 && http11) return 'The request has no Host header; HTTP/1.1 requires one.';
  if (requestTargetHost(raw).kind === 'invalid') {
    return 'The request target is neither a path nor an http(s) URL.';
  }
  return undefined;
}

/** onRequest hook (after the security headers): 400 in the console's format for `hostHeaderProblem`. */
export async function refuseMalformedHost(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const problem = hostHeaderProblem(request.raw);
  if (problem === undefined) return;
  request.log.info({ problem }, 'malformed Host');
  return reply.code(400).header('cache-control', 'no-store').send({
    Code: 'InvalidRequest.Host',
    Message: problem,
    RequestId: request.id,
  });
}
