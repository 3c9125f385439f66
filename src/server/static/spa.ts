/**
 * Serves the built SPA (dist/) with a fallback to index.html for client-side routes such
 * as /tasks/<TaskId>. Hashed files under /assets never change, so they are cached for a
 * year; index.html is revalidated so a new build is picked up at once. The build writes a
 * brotli (.br) and a gzip (.gz) copy beside each file over 1 KB (vite.config.ts): a browser
 * that accepts one gets it (Content-Encoding, Vary: Accept-Encoding), others the file.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** <repo>/dist, where `vite build` writes the SPA. */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../../dist', import.meta.url));

export async function registerSpa(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: false,
    dotfiles: 'deny',
    preCompressed: true,
    setHeaders: (reply, path) => {
      const immutable = /[\\/]assets[\\/]/.test(path);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (request: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html');
  app.get('/', sendIndex);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && isPageRoute(path);
    if (isPage && existsSync(`${root}/index.html`)) return sendIndex(request, reply);
    return reply
      .code(404)
      .header('cache-control', 'no-store')
      .send({ Code: 'NotFound', Message: 'Not found.', RequestId: request.id });
  });
}

/**
 * True for paths the SPA routes itself (answered with index.html): `/tasks/<TaskId>`,
 * whatever the TaskId holds (it may contain dots), and other paths whose last segment has
 * no file extension. A missing file (`/favicon.ico`, `/robots.txt`, anything under
 * /assets/) is a 404, so a stale chunk or a missing icon fails loudly instead of being
 * answered with HTML.
 */
export function isPageRoute(path: string): boolean {
  if (path.startsWith('/assets/')) return false;
  if (path.startsWith('/tasks/')) return true;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !/\.[A-Za-z0-9]{1,8}$/.test(last);
}
