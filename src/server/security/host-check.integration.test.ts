/**
 * DNS rebinding (issue 15 item 1): which Host values the app answers, over raw loopback
 * sockets (a browser cannot be made to send most of these, a rebinding page sends its own).
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { ConfigError, loadConfig } from '../config';
import { accessControlFromEnv, type AccessControlConfig } from './access-control-config';
import { allowedHostsFor, hostName, isAllowedHost, type AllowedHosts } from './host-check';
import { offlineAppOptions, tempSpaBuild } from '../../../test/helpers/offline-app';
import { rawExchange, type RawAnswer } from '../../../test/helpers/raw-http';

const dist = tempSpaBuild();

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(allowedHosts: AllowedHosts | undefined, access?: AccessControlConfig): Promise<number> {
  app = await buildApp(
    offlineAppOptions({
      staticRoot: dist,
      ...(allowedHosts !== undefined && { allowedHosts }),
      ...(access && { accessControl: access }),
    }),
  );
  return Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
}

const proxyAccess = accessControlFromEnv(
  { AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '127.0.0.1' },
  '0.0.0.0',
);

const request = (path: string, host: string | undefined, extra = '') =>
  `GET ${path} HTTP/1.1\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Connection: close\r\n${extra}\r\n`;

const LOOPBACK_HOSTS = [
  'localhost',
  'localhost:8080',
  'LocalHost:1',
  'localhost.:8080',
  '127.0.0.1',
  '127.0.0.1:8080',
  '127.1.2.3:80',
  '[::1]',
  '[::1]:8080',
];
const FOREIGN_HOSTS = [
  'rebind.attacker.example:8080',
  'rebind.attacker.example',
  'localhost.attacker.example',
  '127.0.0.1.nip.io:8080',
  '192.168.1.10:8080',
  '10.0.0.1',
  '[::2]:8080',
  '[fe80::1]',
  'localhost:8080@attacker.example',
  '',
];

describe('without access control: loopback Host values only', () => {
  it.each(LOOPBACK_HOSTS)('Host: %s is answered', async (host) => {
    const port = await start(undefined);
    for (const path of ['/api/config', '/', '/tasks/abc']) {
      expect([path, (await rawExchange(port, request(path, host))).status]).toEqual([path, 200]);
    }
  });

  it.each(FOREIGN_HOSTS)(
    'Host: %j gets 421 in the console format with the security headers',
    async (host) => {
      const port = await start(undefined);
      for (const path of ['/api/DescribeProcessTasks?PageSize=5', '/api/config', '/', '/tasks/abc']) {
        const answer = await rawExchange(port, request(path, host));
        expect([path, answer.status]).toEqual([path, 421]);
        expect(JSON.parse(answer.body)).toEqual({
          Code: 'MisdirectedRequest',
          Message: expect.stringContaining('ALLOWED_HOSTS'),
          RequestId: answer.headers['x-request-id'],
        });
        expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
        expect(answer.headers['permissions-policy']).toContain('camera=()');
      }
    },
  );

  it('an HTTP/1.0 request without Host gets 421 too', async () => {
    const port = await start(undefined);
    const answer = await rawExchange(port, 'GET /api/config HTTP/1.0\r\n\r\n');
    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.body)).toMatchObject({ Code: 'MisdirectedRequest' });
  });

  it('the health check answers whatever the Host (liveness probes)', async () => {
    const port = await start(undefined);
    expect((await rawExchange(port, request('/api/health', 'rebind.attacker.example'))).status).toBe(200);
  });

  it('ALLOWED_HOSTS adds names; loopback stays answered, others still get 421', async () => {
    const port = await start(allowedHostsFor(false, ['console.example.com', '[fd00::8]']));
    for (const host of ['console.example.com', 'CONSOLE.example.com:8443', '[fd00::8]:80', 'localhost:1']) {
      expect([host, (await rawExchange(port, request('/api/config', host))).status]).toEqual([host, 200]);
    }
    for (const host of ['rebind.attacker.example', 'example.com', 'x.console.example.com']) {
      expect([host, (await rawExchange(port, request('/api/config', host))).status]).toEqual([host, 421]);
    }
  });
});

/** The console's error format with the security headers and the request id. */
function expectConsoleError(answer: RawAnswer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(JSON.parse(answer.body)).toEqual({
    Code: code,
    Message: expect.any(String),
    RequestId: answer.headers['x-request-id'],
  });
  expect(answer.headers['x-request-id']).toMatch(/^[0-9A-F-]{36}$/);
  expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
  expect(answer.headers['permissions-policy']).toContain('camera=()');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
}

describe('Host header edge cases (RFC 9112 §3.2)', () => {
  const lines = (target: string, headers: string[]) =>
    `GET ${target} HTTP/1.1\r\n${headers.map((h) => `${h}\r\n`).join('')}Connection: close\r\n\r\n`;

  it.each([
    ['loopback first, foreign second', ['Host: 127.0.0.1:PORT', 'Host: rebind.attacker.example']],
    ['foreign first, loopback second', ['Host: rebind.attacker.example', 'Host: 127.0.0.1:PORT']],
    ['the same loopback name twice', ['Host: 127.0.0.1:PORT', 'host: 127.0.0.1:PORT']],
    ['one empty, one loopback', ['Host:', 'HOST: localhost']],
  ])('two Host headers (%s) get 400 on every route', async (_name, headers) => {
    for (const access of [undefined, proxyAccess]) {
      const port = await start(access ? allowedHostsFor(true, []) : undefined, access);
      const hs = [...headers.map((h) => h.replace('PORT', String(port))), 'X-Forwarded-User: alice'];
      for (const path of ['/api/config', '/api/DescribeProcessTasks?PageSize=5', '/', '/api/health']) {
        const answer = await rawExchange(port, lines(path, hs));
        expectConsoleError(answer, 400, 'InvalidRequest.Host');
        expect(answer.body).toContain('2 Host headers');
      }
      await app?.close();
      app = undefined;
    }
  });

  it("an HTTP/1.1 request without Host gets 400 in the console format, not Node's bare 400", async () => {
    const port = await start(undefined);
    for (const path of ['/api/config', '/', '/api/health']) {
      const answer = await rawExchange(port, lines(path, []));
      expectConsoleError(answer, 400, 'InvalidRequest.Host');
      expect(answer.body).toContain('no Host header');
    }
  });

  it.each(['Host:', 'Host: ', 'Host: \t '])(
    'an empty Host (%j) is refused like a foreign host',
    async (h) => {
      let port = await start(undefined);
      expectConsoleError(await rawExchange(port, lines('/api/config', [h])), 421, 'MisdirectedRequest');
      await app?.close();
      // With access control any name is answered, but an empty one names no host.
      port = await start(allowedHostsFor(true, []), proxyAccess);
      const answer = await rawExchange(port, lines('/api/config', [h, 'X-Forwarded-User: alice']));
      expectConsoleError(answer, 421, 'MisdirectedRequest');
    },
  );

  it.each([
    'http://rebind.attacker.example/api/config',
    'http://rebind.attacker.example:PORT/api/config',
    'HTTP://REBIND.attacker.example/',
    'https://rebind.attacker.example/tasks/abc',
    'http://127.0.0.1@rebind.attacker.example/api/config',
    'http://rebind.attacker.example/tasks/100%',
    'http://rebind.attacker.example/api/DescribeProcessTasks?PageSize=5',
  ])('an absolute-form target naming a foreign host (%s) gets 421 under a loopback Host', async (target) => {
    const port = await start(undefined);
    const answer = await rawExchange(port, lines(target.replace('PORT', String(port)), ['Host: 127.0.0.1']));
    expectConsoleError(answer, 421, 'MisdirectedRequest');
  });

  it.each(['http://127.0.0.1:PORT/api/config', 'http://localhost/api/config', 'http://[::1]:PORT/'])(
    'an absolute-form target naming a loopback host (%s) is answered',
    async (target) => {
      const port = await start(undefined);
      const answer = await rawExchange(
        port,
        lines(target.replace('PORT', String(port)), ['Host: 127.0.0.1']),
      );
      expect(answer.status).toBe(200);
    },
  );

  it('an absolute-form target outside ALLOWED_HOSTS is refused even when the Host is allowed', async () => {
    const port = await start(allowedHostsFor(false, ['console.example.com']));
    const ok = await rawExchange(port, lines('http://console.example.com/api/config', ['Host: localhost']));
    expect(ok.status).toBe(200);
    const answer = await rawExchange(
      port,
      lines('http://rebind.attacker.example/api/config', ['Host: console.example.com']),
    );
    expectConsoleError(answer, 421, 'MisdirectedRequest');
  });

  it.each(['ftp://127.0.0.1/api/config', 'mailto:a@127.0.0.1'])(
    'a target that is neither a path nor an http(s) URL (%s) gets 400',
    async (target) => {
      const port = await start(undefined);
      const answer = await rawExchange(port, lines(target, ['Host: 127.0.0.1']));
      // Node's parser may refuse some forms itself; either way the console's format.
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ RequestId: answer.headers['x-request-id'] });
      expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    },
  );
});

describe('with access control', () => {
  const proxy = accessControlFromEnv({ AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '127.0.0.1' }, '0.0.0.0');

  it('any Host is accepted when ALLOWED_HOSTS is not set (the login guards the data)', async () => {
    const port = await start(allowedHostsFor(true, []), proxy);
    const answer = await rawExchange(
      port,
      request('/api/config', 'console.internal.example:8080', 'X-Forwarded-User: alice\r\n'),
    );
    expect(answer.status).toBe(200);
    // And without the proxy's user header the login still refuses it.
    expect((await rawExchange(port, request('/api/config', 'console.internal.example'))).status).toBe(401);
  });

  it('ALLOWED_HOSTS applies too, before the login', async () => {
    const port = await start(allowedHostsFor(true, ['console.example.com']), proxy);
    const user = 'X-Forwarded-User: alice\r\n';
    expect((await rawExchange(port, request('/api/config', 'console.example.com', user))).status).toBe(200);
    expect((await rawExchange(port, request('/api/config', 'rebind.attacker.example', user))).status).toBe(
      421,
    );
  });
});

describe('host names', () => {
  it.each([
    ['localhost:8080', 'localhost'],
    ['[::1]:80', '[::1]'],
    ['Console.Example.COM.', 'console.example.com'],
    ['a b', undefined],
    ['user@host', undefined],
    ['host:port', undefined],
    [undefined, undefined],
  ])('%j → %j', (value, name) => {
    expect(hostName(value)).toBe(name);
  });

  it('an empty list means loopback only; "any" means any', () => {
    expect(isAllowedHost([], '127.0.0.5:9')).toBe(true);
    expect(isAllowedHost([], 'example.com')).toBe(false);
    expect(isAllowedHost('any', 'example.com')).toBe(true);
    expect(allowedHostsFor(false, [])).toEqual([]);
    expect(allowedHostsFor(true, [])).toBe('any');
    expect(allowedHostsFor(true, ['a.example'])).toEqual(['a.example']);
  });

  it('ALLOWED_HOSTS is parsed by loadConfig, and a bad entry is named', () => {
    expect(loadConfig({ ALLOWED_HOSTS: ' Console.Example.com., 10.0.0.8 ,[fd00::1]' }).allowedHosts).toEqual([
      'console.example.com',
      '10.0.0.8',
      '[fd00::1]',
    ]);
    expect(loadConfig({}).allowedHosts).toEqual([]);
    for (const bad of ['https://console.example.com', 'console.example.com:8443', 'a b', '*.example.com']) {
      expect(() => loadConfig({ ALLOWED_HOSTS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ ALLOWED_HOSTS: bad })).toThrow(/ALLOWED_HOSTS/);
    }
  });
});
