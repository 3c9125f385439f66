/**
 * `npm start` on a fresh clone: when dist/index.html is missing, build the SPA first with
 * Vite's JavaScript API (same config as `npm run build`), so `npm ci && npm start` works.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export async function ensureSpaBuilt(distDir: string, log: Logger): Promise<void> {
  if (existsSync(join(distDir, 'index.html'))) return;
  log.info({ distDir }, 'building the SPA (no build found)');
  const started = Date.now();
  // Imported lazily: only a fresh clone pays for loading Vite.
  const { build } = await import('vite');
  await build({ root: REPO_ROOT, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
  log.info({ distDir, ms: Date.now() - started }, 'SPA built');
}
