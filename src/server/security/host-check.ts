/**
 * Host header check against DNS rebinding: a web page on `rebind.attacker.example` whose
 * name is re-pointed to 127.0.0.1 reaches the console from the analyst's own browser, but
 * its requests still carry `Host: rebind.attacker.example`. Without access control only
 * loopback names are answered; ALLOWED_HOSTS adds the names a deployment is reached by.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isLoopbackHost } from './access-control-config';
import { OPEN_ROUTES } from './access-control';
import { requestTargetHost } from './host-header';

/**
 * Which Host names are answered. `'any'`: every name (access control is on and no
 * ALLOWED_HOSTS was set). Otherwise `localhost`, 127.0.0.0/8 and [::1] plus the listed
 * names (lower case, without port).
 */
export type AllowedHosts = 'any' | readonly string[];

/**
 * The policy for a deployment: ALLOWED_HOSTS when set; otherwise loopback names only
 * without access control, any name with it (a login already stands between a rebinding
 * page and the data, as the page cannot know the password or pass the proxy).
 */
export function allowedHostsFor(accessControl: boolean, allowedHosts: readonly string[]): AllowedHosts {
  if (allowedHosts.length > 0) return allowedHosts;
  return accessControl ? 'any' : [];
}

/**
 * The host name of a Host header value (`name`, `name:port`, `[v6]`, `[v6]:port`), in
 * lower case without a trailing dot; undefined when the value is not that syntax
 * (RFC 9110 §7.2, RFC 3986 §3.2.2).
 */
export function hostName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$/.exec(value.trim());
  return m ? m[1]!.toLowerCase().replace(/\.$/, '') : undefined;
}

/** True when a request whose Host header is `value` may be answered under `allowed`. */
export function isAllowedHost(allowed: AllowedHosts, value: string | undefined): boolean {
  if (allowed === 'any') return true;
  const name = hostName(value);
  if (name === undefined || name === '') return false;
  return isLoopbackHost(name) || allowed.includes(name);
}

/**
 * The names a request is for, each of which must be allowed: the Host header (or
 * X-Forwarded-Host from a trusted proxy) and, for an absolute-form target
 * (`GET http://name/path`), the target's authority (RFC 9112 §3.2.2). An empty or
 * missing Host counts as the name "" (never allowed, as no name is no loopback name).
 */
function requestedHosts(request: FastifyRequest): string[] {
  // (Typed as string, but undefined for an HTTP/1.0 request without Host.)
  const host = (request.host as string | undefined) ?? '';
  const target = requestTargetHost(request.raw);
  return target.kind === 'absolute' ? [host, target.host] : [host];
}

async function hostCheck(app: FastifyInstance, opts: { allowed: AllowedHosts }): Promise<void> {
  const allowed = opts.allowed;
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // Liveness probes address the server by whatever name or IP they know; health tells nothing.
    if (OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
    const hosts = requestedHosts(request);
    // 'any' still needs a name: an empty Host names no host at all.
    const refused =
      allowed === 'any' ? hosts.find((h) => h.trim() === '') : hosts.find((h) => !isAllowedHost(allowed, h));
    if (refused === undefined) return;
    const host = refused;
    request.log.warn({ host: host.slice(0, 300) }, 'host not allowed');
    const shown = JSON.stringify(host.slice(0, 100));
    return reply
      .code(421)
      .header('cache-control', 'no-store')
      .send({
        Code: 'MisdirectedRequest',
        Message: `This server does not answer for the host ${shown}: open the console by its configured name (ALLOWED_HOSTS) or a loopback address.`,
        RequestId: request.id,
      });
  });
}

/**
 * Refuses (421 Misdirected Request, RFC 9110 §15.5.20) requests for a Host, or an
 * absolute-form target's authority, outside `allowed` (and, under 'any', an empty Host),
 * except the open health route. Register before access control.
 */
export const registerHostCheck = fp(hostCheck, { name: 'host-check', fastify: '5.x' });
