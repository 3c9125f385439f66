/**
 * Fixtures for the end-to-end tests: the REAL server (src/server/main.ts) with its
 * embedded emulator in demo mode, seeded and with live mode off, one per worker on an
 * ephemeral port, and a guard that fails a test on any console error, uncaught page
 * error or Content-Security-Policy violation.
 *
 *   import { test, expect } from './fixtures';
 *   test('…', async ({ page, server, api, emulator }) => { await page.goto('/'); … });
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect } from '@playwright/test';
import { NO_FAULTS } from '../src/server/emulator/faults';

export { expect };

/** Dataset used by every e2e run: fixed seed, 3000 tasks, no live arrivals. */
export const E2E_SEED = 20261127;
export const E2E_TASKS = 3000;
/** The server's UPSTREAM_QPS in e2e runs: the budget that paces exports. */
export const E2E_UPSTREAM_QPS = 12;

export interface RunningServer {
  /** The server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The embedded emulator (admin routes /__admin/faults, /__admin/live). */
  emulatorUrl: string;
  /** Everything the server logged (pino JSON lines), for diagnosis. */
  logs: string[];
}

export interface ApiClient {
  /** GET /api/<action>?params on the server, as the SPA calls it. */
  get<T = unknown>(action: string, params?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export interface EmulatorAdmin {
  setFaults(patch: Record<string, number>): Promise<void>;
  setLive(live: boolean): Promise<void>;
}

interface WorkerFixtures {
  server: RunningServer;
}
interface TestFixtures {
  api: ApiClient;
  emulator: EmulatorAdmin;
  /** Console errors matching one of these are expected by the test (e.g. injected 503s). */
  allowedConsoleErrors: RegExp[];
  browserProblems: string[];
}

const ROOT = path.resolve(import.meta.dirname, '..');

function cleanEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // No real credentials may leak into the demo server.
    if (k.startsWith('ALIBABA_CLOUD_') || k.startsWith('EMULATOR_') || k.startsWith('SOPHONSOAR_')) continue;
    env[k] = v;
  }
  return {
    ...env,
    HOME: home,
    PORT: '0',
    HOST: '127.0.0.1',
    SOPHONSOAR_MODE: 'demo',
    EMULATOR_SEED: String(E2E_SEED),
    EMULATOR_TASKS: String(E2E_TASKS),
    EMULATOR_LIVE: '0',
    // A budget low enough for the export spec to see the export keep to it (the budget
    // itself is tested in test/integration/upstream-budget and team-budget), and no answer
    // cache, so faults injected by a spec show at once.
    UPSTREAM_QPS: String(E2E_UPSTREAM_QPS),
    UPSTREAM_CACHE_MS: '0',
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    LOG_LEVEL: 'info',
  };
}

async function startServer(): Promise<{ server: RunningServer; stop: () => Promise<void> }> {
  const home = mkdtempSync(path.join(tmpdir(), 'rtc-e2e-home-'));
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: ROOT,
    env: cleanEnv(home),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let url: string | undefined;
  let emulatorUrl: string | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not log "listening" within 90 s.\n${logs.join('\n')}`)),
      90_000,
    );
    const onLine = (line: string) => {
      logs.push(line);
      let rec: { msg?: unknown; url?: unknown };
      try {
        rec = JSON.parse(line) as typeof rec;
      } catch {
        return;
      }
      if (rec.msg === 'emulator started' && typeof rec.url === 'string') emulatorUrl = rec.url;
      if (rec.msg === 'listening' && typeof rec.url === 'string') url = rec.url;
      if (url && emulatorUrl) {
        clearTimeout(timer);
        resolve();
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', (l) => logs.push(l));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The server exited early (code ${code}, signal ${signal}).\n${logs.join('\n')}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (e) {
    await stop();
    throw e;
  }
  return { server: { url: url!, emulatorUrl: emulatorUrl!, logs }, stop };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { server, stop } = await startServer();
      try {
        await use(server);
      } finally {
        await stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],

  baseURL: async ({ server }, use) => {
    await use(server.url);
  },

  api: async ({ server }, use) => {
    await use({
      async get<T>(action: string, params: Record<string, string> = {}) {
        const qs = new URLSearchParams(params).toString();
        const res = await fetch(`${server.url}/api/${action}${qs ? `?${qs}` : ''}`);
        return { status: res.status, body: (await res.json()) as T };
      },
    });
  },

  emulator: async ({ server }, use) => {
    const put = async (route: string, body: unknown) => {
      const res = await fetch(`${server.emulatorUrl}/__admin/${route}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`PUT /__admin/${route} answered ${res.status}: ${await res.text()}`);
    };
    const admin: EmulatorAdmin = {
      setFaults: (patch) => put('faults', patch),
      setLive: (live) => put('live', { live }),
    };
    await use(admin);
    // Leave the shared per-worker emulator as the next test expects it.
    await admin.setFaults(NO_FAULTS);
    await admin.setLive(false);
  },

  allowedConsoleErrors: [[], { option: true }],

  browserProblems: [
    async ({ page, allowedConsoleErrors }, use) => {
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = msg.text();
        if (allowedConsoleErrors.some((re) => re.test(text))) return;
        problems.push(`console error: ${text}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      await page.exposeFunction('__rtcReportCsp', (report: string) =>
        problems.push(`CSP violation: ${report}`),
      );
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`;
          (window as unknown as { __rtcReportCsp: (r: string) => void }).__rtcReportCsp(report);
        });
      });
      await use(problems);
      expect(problems, 'console errors, page errors and CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});
