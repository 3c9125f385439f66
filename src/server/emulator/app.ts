/**
 * The emulator's HTTP app, built without listening: raw bodies (the V3 signature covers
 * their SHA-256), errors in Alibaba's shape, the RPC route and the admin routes.
 */
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify';
import type { Logger } from 'pino';
import { ERRORS, fail } from './errors';
import { sendError } from './reply';
import { adminRoutes } from './routes/admin';
import { rpcRoutes } from './routes/rpc';
import type { EmulatorState } from './state';

export interface EmulatorAppOptions {
  logger?: Logger | false | undefined;
  adminToken?: string | undefined;
}

export async function buildEmulatorApp(
  state: EmulatorState,
  opts: EmulatorAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
    // An access-log line per call would double the embedding server's own logs.
    logController: new LogController({ disableRequestLogging: true }),
    // Errors Fastify raises before routing (a malformed URL...) in Alibaba's shape too.
    frameworkErrors: (error, _req, reply) => {
      void sendError(
        reply as unknown as FastifyReply,
        fail(400, 'InvalidParameter', `The request is not valid: ${error.message}`),
      );
    },
  });
  // Keep the raw bytes of every body: the V3 signature covers their SHA-256.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setNotFoundHandler((_req, reply) => sendError(reply, ERRORS.actionNotFound()));
  app.setErrorHandler((err: { statusCode?: number; message?: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const f =
      status === 500 ? ERRORS.internal() : fail(status, 'InvalidParameter', err.message ?? 'Bad request.');
    return sendError(reply, f);
  });

  await app.register(rpcRoutes, { state });
  await app.register(adminRoutes, { state, adminToken: opts.adminToken });
  return app;
}
