/**
 * The app (buildApp) with an upstream nothing listens on (127.0.0.1:1), for tests of what
 * the server answers itself: a request that wrongly got through would answer 502. And a
 * stand-in SPA build in a temporary folder to serve.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BuildAppOptions } from '../../src/server/app';
import { staticCredential } from '../../src/server/proxy/credential-chain';

/** Short upstream limits (ms) and a rate limit no test reaches by accident. */
export const OFFLINE_CONFIG: BuildAppOptions['config'] = {
  upstream: { timeoutMs: 200, deadlineMs: 400, retries: 0 },
  rateLimitPerMinute: 10_000,
};

/** Options for buildApp with the offline upstream, version 'test', no SPA; `overrides` replace whole keys. */
export function offlineAppOptions(overrides: Partial<BuildAppOptions> = {}): BuildAppOptions {
  return {
    config: OFFLINE_CONFIG,
    upstream: {
      mode: 'demo',
      endpoint: '127.0.0.1:1',
      protocol: 'http',
      credential: staticCredential('LTAIoffline', 'offline-secret'),
    },
    version: 'test',
    staticRoot: false,
    ...overrides,
  };
}

/**
 * A temporary folder laid out like a Vite build: `index.html` (a `#root` div), an
 * `assets/` folder, and `files` (path relative to the folder → content). Returns its path;
 * the caller removes it if it wants to.
 */
export function tempSpaBuild(files: Record<string, string | Buffer> = {}): string {
  const dist = mkdtempSync(join(tmpdir(), 'rtc-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>RTC</title><div id="root"></div>');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), content);
  }
  return dist;
}
