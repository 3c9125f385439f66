/**
 * `npm start`: reads the environment, builds the SPA if there is no build, decides live or
 * demo mode, listens, and shuts down cleanly on SIGINT/SIGTERM. Logs are pino JSON on
 * stdout; one line has msg "listening" and the url (PORT=0 picks a free port).
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { loadConfig, packageVersion, type ServerConfig } from './config';
import { createLogger } from './logger';
import { resolveUpstream, type ResolvedUpstream } from './proxy/upstream-target';
import { checkTransport, trustedProxiesOf } from './security/access-control-config';
import { allowedHostsFor } from './security/host-check';
import { ensureSpaBuilt } from './static/build-spa';
import { DEFAULT_DIST_DIR } from './static/spa';

function fail(message: string): never {
  console.error(`Response Task Console: ${message}`);
  process.exit(1);
}

let config: ServerConfig;
try {
  config = loadConfig(process.env);
  checkTransport(config.accessControl, config);
} catch (e) {
  fail((e as Error).message);
}

const log = createLogger(config.logLevel);
let upstream: ResolvedUpstream | undefined;
let app: FastifyInstance | undefined;

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  // In-flight requests get a few seconds; then we leave regardless.
  setTimeout(() => process.exit(1), 10_000).unref();
  try {
    // app.close() also stops the embedded emulator (onClose); before the app exists
    // (a signal during start-up), stop the emulator directly.
    if (app) await app.close();
    else await upstream?.close();
    process.exit(0);
  } catch (e) {
    log.error({ err: e }, 'shutdown failed');
    process.exit(1);
  }
}
// Installed first, so a signal during the SPA build or start-up also ends cleanly.
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await ensureSpaBuilt(DEFAULT_DIST_DIR, log);
  upstream = await resolveUpstream(config, process.env, log);
  if (stopping) await upstream.close();
  app = await buildApp({
    config,
    upstream: upstream.target,
    version: packageVersion(),
    logger: log,
    staticRoot: DEFAULT_DIST_DIR,
    onClose: upstream.close,
    accessControl: config.accessControl,
    allowedHosts: allowedHostsFor(config.accessControl.mode !== 'none', config.allowedHosts),
    trustedProxies: trustedProxiesOf(config.accessControl),
  });
  // Fastify names the scheme by its https option; our server factory makes the TLS server.
  const listened = await app.listen({ host: config.host, port: config.port });
  const url = config.tls ? listened.replace(/^http:/, 'https:') : listened;
  log.info({ url, mode: upstream.target.mode, endpointHost: upstream.target.endpoint }, 'listening');
} catch (e) {
  if (!stopping) {
    log.error({ err: e }, 'start-up failed');
    await upstream?.close().catch(() => {});
    fail((e as Error).message);
  }
}
