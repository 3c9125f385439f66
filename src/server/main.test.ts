/**
 * `npm start` as a real process: log lines, demo mode on an ephemeral port, clean shutdown,
 * refusal of bad configuration. If there is no SPA build yet, the first start builds it
 * (the fresh-clone path), hence the long timeout.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY_SECRET } from './emulator/index';
import { ROOT, runLogged, waitForLine } from '../../test/helpers/logged-process';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const home = mkdtempSync(join(tmpdir(), 'rtc-main-'));
const SECRET = 'MainTestEmulatorSecret-41c0-never-printed';

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** A clean environment: no credentials of the machine, an empty HOME. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      !/^(ALIBABA_CLOUD_|EMULATOR_|SOPHONSOAR_|AUTH_|UPSTREAM_|RATE_LIMIT|HOST$|PORT$|LOG_LEVEL$)/.test(k)
    ) {
      base[k] = v;
    }
  }
  return { ...base, HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...extra };
}

const run = (extra: Record<string, string>) => runLogged(TSX, ['src/server/main.ts'], env(extra));

describe('npm start (src/server/main.ts)', () => {
  it('starts in demo mode on PORT=0, serves API and SPA, and stops cleanly on SIGTERM', async () => {
    const freshClone = !existsSync(join(ROOT, 'dist', 'index.html'));
    const r = run({
      PORT: '0',
      EMULATOR_TASKS: '300',
      EMULATOR_LIVE: '0',
      EMULATOR_ACCESS_KEY_SECRET: SECRET,
    });
    try {
      const listening = await waitForLine(r, 'listening', freshClone ? 170_000 : 20_000);
      const emulator = r.lines.find((l) => l.msg === 'emulator started');
      expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const base = String(listening.url);

      expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${base}/api/config`)).json()).toMatchObject({ mode: 'demo' });
      const tasks = await fetch(`${base}/api/DescribeProcessTasks?PageSize=3`);
      expect(tasks.status).toBe(200);
      expect(((await tasks.json()) as { Page: { TotalCount: number } }).Page.TotalCount).toBe(300);
      const page = await fetch(`${base}/tasks/some-task-id`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect((await fetch(`${String(emulator!.url)}/__admin/health`)).status).toBe(200);

      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
      // The embedded emulator went with it.
      await expect(fetch(`${String(emulator!.url)}/__admin/health`)).rejects.toThrow();
      expect(r.output()).not.toContain(SECRET);
      // Nor in the built SPA (it never receives a key; this keeps it that way).
      for (const file of readdirSync(join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' })) {
        const path = join(ROOT, 'dist', file);
        if (!statSync(path).isFile()) continue;
        const text = readFileSync(path, 'latin1');
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(DEMO_ACCESS_KEY_SECRET);
      }
    } finally {
      r.child.kill('SIGKILL');
    }
  }, 180_000);

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ SOPHONSOAR_MODE: 'prod' }, /SOPHONSOAR_MODE/],
    [{ UPSTREAM_RETRIES: '-1' }, /UPSTREAM_RETRIES/],
    [{ EMULATOR_TASKS: 'many', SOPHONSOAR_MODE: 'demo' }, /EMULATOR_TASKS/],
    [{ SOPHONSOAR_MODE: 'live' }, /SOPHONSOAR_MODE=live.*no credentials/],
    [{ HOST: '0.0.0.0' }, /HOST=0\.0\.0\.0.*access control/],
  ])(
    'refuses %j: exit 1 with a message naming it',
    async (extra, message) => {
      const r = run({ PORT: '0', ...extra });
      try {
        expect(await r.exited).toBe(1);
        expect(r.output()).toMatch(message);
      } finally {
        r.child.kill('SIGKILL');
      }
    },
    60_000,
  );
});

describe('npm start with credentials that were meant but cannot be used (auto mode)', () => {
  const CLI_SECRET = 'SecretInsideABrokenCliConfig-7f1e';
  const broken = mkdtempSync(join(tmpdir(), 'rtc-main-broken-'));
  afterAll(() => rmSync(broken, { recursive: true, force: true }));

  it.each<[string, () => Record<string, string>, RegExp]>([
    [
      'an aliyun CLI config that is not JSON',
      () => {
        mkdirSync(join(broken, '.aliyun'), { recursive: true });
        writeFileSync(
          join(broken, '.aliyun', 'config.json'),
          `{"profiles":[{"access_key_secret":"${CLI_SECRET}"`,
        );
        return { HOME: broken };
      },
      /credentials are configured \(.*\.aliyun\/config\.json\) but cannot be used: .*not valid JSON/,
    ],
    [
      'ALIBABA_CLOUD_CREDENTIALS_FILE naming a missing file',
      () => ({ ALIBABA_CLOUD_CREDENTIALS_FILE: join(home, 'missing-credentials') }),
      /credentials are configured \(ALIBABA_CLOUD_CREDENTIALS_FILE=.*missing-credentials\) but cannot be used/,
    ],
  ])(
    '%s: exit 1 naming the source, no demo data',
    async (_name, setUp, message) => {
      const r = run({ PORT: '0', ...setUp() });
      try {
        expect(await r.exited).toBe(1);
        expect(r.output()).toMatch(message);
        expect(r.output()).toMatch(/SOPHONSOAR_MODE=demo/);
        expect(r.output()).not.toContain(CLI_SECRET);
        expect(r.lines.some((l) => l.msg === 'emulator started' || l.msg === 'listening')).toBe(false);
      } finally {
        r.child.kill('SIGKILL');
      }
    },
    180_000,
  );
});
