/**
 * Access control in the real app (buildApp + the proxy + a real emulator) over loopback
 * sockets, and main.ts refusing a non-loopback HOST before it binds anything.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProxyHarness, type ProxyHarness } from '../../../test/helpers/proxy-harness';
import { accessControlFromEnv, type AccessControlConfig } from './access-control-config';
import { hashPassword } from './password-hash';
import { basicHeader, httpGet } from '../../../test/helpers/http';
import { captureLogs } from '../../../test/helpers/log-capture';
import { tempSpaBuild } from '../../../test/helpers/offline-app';

const PASSWORD = 'Sup3r-secret-analyst-pw';
let users = '';
const dist = tempSpaBuild({ 'assets/index-abc.js': 'console.log(1)' });

beforeAll(async () => {
  users = `analyst:${await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 })}`;
});

let h: ProxyHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(config: AccessControlConfig) {
  const { logger, lines } = captureLogs();
  h = await startProxyHarness({
    listen: true,
    staticRoot: dist,
    logger,
    accessControl: config,
  });
  return { url: h.url!, lines };
}

const LIST = '/api/DescribeProcessTasks?PageSize=5&YunCode=%5B%22WAF%22%5D';
const PATHS = [
  LIST,
  '/api/DescribeEnumItems?EnumType=process',
  '/api/config',
  '/',
  '/index.html',
  '/assets/index-abc.js',
  '/tasks/abc',
  '/api/Nope',
];

describe('basic authentication in the app', () => {
  it('guards every page, asset and API call but the health check', async () => {
    const { url } = await start(
      accessControlFromEnv({ AUTH_MODE: 'basic', AUTH_USERS: users, AUTH_FAILED_LIMIT: '1000' }, '0.0.0.0'),
    );
    for (const path of PATHS) {
      for (const authorization of [
        undefined,
        basicHeader('analyst', 'nope'),
        basicHeader('root', PASSWORD),
      ]) {
        const res = await httpGet(`${url}${path}`, authorization ? { headers: { authorization } } : {});
        expect([path, res.status]).toEqual([path, 401]);
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
        // Helmet's headers are on refusals too.
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(res.body).not.toContain('ProcessTasks');
      }
    }
    expect((await httpGet(`${url}/api/health`)).status).toBe(200);
  });

  it('serves the right user and logs every API call with the user, never the secret', async () => {
    const { url, lines } = await start(
      accessControlFromEnv({ AUTH_MODE: 'basic', AUTH_USERS: users }, '0.0.0.0'),
    );
    const authorization = basicHeader('analyst', PASSWORD);
    const list = await httpGet(`${url}${LIST}`, { headers: { authorization } });
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body).ProcessTasks).toHaveLength(5);
    expect((await httpGet(`${url}/tasks/abc`, { headers: { authorization } })).body).toContain(
      '<title>RTC</title>',
    );
    await httpGet(`${url}${LIST}`, { headers: { authorization: basicHeader('analyst', `${PASSWORD}x`) } });
    const upstreamSecret = h!.emulator.accessKeySecret;
    await h!.close();
    h = undefined;
    const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const upstream = logs.filter((l) => l.msg === 'upstream call');
    expect(upstream).toHaveLength(1);
    expect(upstream[0]).toMatchObject({ user: 'analyst', action: 'DescribeProcessTasks' });
    const completed = logs.filter((l) => l.msg === 'request completed');
    expect(completed.filter((l) => l.user === 'analyst').length).toBe(2);
    const all = lines.join('\n');
    for (const secret of [PASSWORD, authorization, authorization.slice(6), upstreamSecret]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('trusted reverse proxy in the app', () => {
  it('accepts the user header from the proxy address only', async () => {
    const { url, lines } = await start(
      accessControlFromEnv({ AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '127.0.0.2' }, '0.0.0.0'),
    );
    const headers = { 'x-forwarded-user': 'erin@example.com' };
    const ok = await httpGet(`${url}${LIST}`, { headers, localAddress: '127.0.0.2' });
    expect(ok.status).toBe(200);
    for (const path of PATHS) {
      const spoofed = await httpGet(`${url}${path}`, {
        headers: { ...headers, 'x-forwarded-for': '127.0.0.2' },
        localAddress: '127.0.0.1',
      });
      expect([path, spoofed.status]).toEqual([path, 403]);
    }
    await h!.close();
    h = undefined;
    const upstream = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'upstream call');
    expect(upstream.map((l) => l.user)).toEqual(['erin@example.com']);
  });
});

describe('main.ts on a non-loopback HOST', () => {
  // 192.0.2.1 (TEST-NET-1) is on no interface: even if the refusal broke, nothing could
  // listen there, so this test never exposes a port.
  const run = (env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const home = mkdtempSync(join(tmpdir(), 'rtc-home-'));
      const clean = Object.fromEntries(
        Object.entries(process.env).filter(
          ([k]) => !k.startsWith('ALIBABA_CLOUD_') && !k.startsWith('AUTH_'),
        ),
      );
      const child = spawn('node_modules/.bin/tsx', ['src/server/main.ts'], {
        env: {
          ...clean,
          HOME: home,
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
          SOPHONSOAR_MODE: 'demo',
          PORT: '0',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c) => (out += String(c)));
      child.stderr.on('data', (c) => (out += String(c)));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });

  it('refuses to start without access control, saying how to configure it, before listening', async () => {
    const { code, out } = await run({ HOST: '192.0.2.1' });
    expect(code).toBe(1);
    expect(out).toContain('HOST=192.0.2.1 is not a loopback address');
    for (const needle of [
      'AUTH_MODE=basic',
      'AUTH_USERS_FILE',
      'npm run -s hash-password',
      'AUTH_MODE=proxy',
      'AUTH_TRUSTED_PROXIES',
    ]) {
      expect(out).toContain(needle);
    }
    expect(out).not.toContain('"msg":"listening"');
    expect(out).not.toContain('emulator started');
  });

  it('refuses a broken access control setting with the variable named', async () => {
    const { code, out } = await run({
      HOST: '192.0.2.1',
      AUTH_MODE: 'basic',
      AUTH_USERS: 'analyst:plaintext',
    });
    expect(code).toBe(1);
    expect(out).toMatch(/AUTH_USERS entry 1 \(user "analyst"\): the hash is not a scrypt hash/);
    expect(out).not.toContain('"msg":"listening"');
  });
});
