/**
 * Operations routes outside /api's per-client rate limit:
 * - GET /api/ready: readiness. 200 {status:'ready'} when the upstream endpoint accepts a
 *   TCP connection and Redis (when REDIS_URL is set) answers PING, else 503 with what
 *   failed. No upstream API call is made, so probes cost nothing of the account's budget.
 *   /api/health stays the liveness probe (api-routes.ts).
 * - GET /metrics: Prometheus text format (metrics.ts), for clients on this machine
 *   connecting directly (no forwarding headers) or signed-in users (access-control.ts).
 */
import type { FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import type { AppMetrics } from './metrics';

export interface OpsRoutesOptions {
  metrics: AppMetrics;
  /** The upstream endpoint, host[:port] (upstream-client.ts UpstreamTarget). */
  endpoint: string;
  protocol: 'http' | 'https';
  /** Redis PING when REDIS_URL is set; resolves true when it answered. */
  redisReady?: () => Promise<boolean>;
  /** Time each check may take, ms (default 2000). */
  timeoutMs?: number;
}

/** host and port of `host[:port]` or `[v6][:port]`, the port defaulting to the protocol's. */
export function endpointAddress(
  endpoint: string,
  protocol: 'http' | 'https',
): { host: string; port: number } {
  const fallback = protocol === 'https' ? 443 : 80;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(endpoint);
  if (v6) return { host: v6[1]!, port: v6[2] ? Number(v6[2]) : fallback };
  const [host, port] = endpoint.split(':');
  return { host: host!, port: port ? Number(port) : fallback };
}

/** True when a TCP connection to `endpoint` opens within `timeoutMs`. */
export function canConnect(address: { host: string; port: number }, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

export async function opsRoutes(app: FastifyInstance, opts: OpsRoutesOptions): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 2000;
  const address = endpointAddress(opts.endpoint, opts.protocol);

  app.get('/api/ready', async (_request, reply) => {
    const [upstream, redis] = await Promise.all([
      canConnect(address, timeoutMs),
      opts.redisReady ? opts.redisReady().catch(() => false) : Promise.resolve(undefined),
    ]);
    const ready = upstream && redis !== false;
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({
        status: ready ? 'ready' : 'not ready',
        upstream: upstream ? 'reachable' : 'unreachable',
        ...(redis !== undefined && { redis: redis ? 'reachable' : 'unreachable' }),
      });
  });

  app.get('/metrics', async (_request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type(opts.metrics.registry.contentType)
      .send(await opts.metrics.registry.metrics()),
  );
}
