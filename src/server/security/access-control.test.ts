/**
 * The access control plugin on a minimal Fastify app (SPA files, /api routes in an
 * encapsulated plugin, the open health check), over real loopback sockets. Clients
 * connect from 127.0.0.1 or 127.0.0.2 to play a proxy and a stranger.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessControlFromEnv, type AccessControlConfig } from './access-control-config';
import { SECRET_LOG_REDACT_PATHS, registerAccessControl } from './access-control';
import { hashPassword } from './password-hash';
import { basicHeader, httpGet } from '../../../test/helpers/http';

const PASSWORD = 'Tr0ub4dor&3-correct-horse';
const FAST = { N: 1024, r: 8, p: 1 };
let users = '';
let root = '';

beforeAll(async () => {
  users = `alice:${await hashPassword(PASSWORD, FAST)},bob:${await hashPassword('bob-secret-pw', FAST)}`;
  root = mkdtempSync(join(tmpdir(), 'rtc-static-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
});

interface Running {
  app: FastifyInstance;
  url: string;
  logs: string[];
}
let running: Running | undefined;

afterEach(async () => {
  await running?.app.close();
  running = undefined;
});

/** Logs as JSON lines into memory, with a serializer that does include headers (the risky case). */
async function start(config: AccessControlConfig): Promise<Running> {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = Fastify({
    logger: {
      level: 'info',
      stream,
      redact: SECRET_LOG_REDACT_PATHS,
      serializers: { req: (req) => ({ method: req.method, url: req.url, headers: req.headers }) },
    },
  });
  await app.register(registerAccessControl, config);
  await app.register(fastifyStatic, { root });
  app.get('/api/health', async () => ({ status: 'ok' }));
  await app.register(async (api) => {
    api.get('/api/whoami', async (request) => {
      request.log.info('handler ran');
      return { user: request.user ?? null };
    });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  running = { app, url, logs };
  return running;
}

const basic = (env: NodeJS.ProcessEnv = {}) =>
  accessControlFromEnv({ AUTH_MODE: 'basic', AUTH_USERS: users, ...env }, '0.0.0.0');

describe('no access control (loopback)', () => {
  it('serves everything and names no user', async () => {
    const { url } = await start(accessControlFromEnv({}, '127.0.0.1'));
    expect((await httpGet(`${url}/api/whoami`)).body).toBe('{"user":null}');
    expect((await httpGet(`${url}/index.html`)).status).toBe(200);
  });
});

describe('basic authentication', () => {
  const refused: [string, Record<string, string>][] = [
    ['no credentials', {}],
    ['a wrong password', { authorization: basicHeader('alice', 'wrong') }],
    ["another user's password", { authorization: basicHeader('alice', 'bob-secret-pw') }],
    ['an unknown user', { authorization: basicHeader('mallory', PASSWORD) }],
    ['the password with different case', { authorization: basicHeader('alice', PASSWORD.toUpperCase()) }],
    ['an empty password', { authorization: basicHeader('alice', '') }],
    ['no user name', { authorization: basicHeader('', PASSWORD) }],
    ['a Bearer token', { authorization: `Bearer ${PASSWORD}` }],
    ['garbage after Basic', { authorization: 'Basic !!!not-base64!!!' }],
    ['base64 without a colon', { authorization: `Basic ${Buffer.from('alice').toString('base64')}` }],
  ];
  it.each(refused)(
    'refuses %s with 401 and a challenge, on /api and on SPA files',
    async (_name, headers) => {
      const { url } = await start(basic());
      for (const path of ['/api/whoami', '/index.html', '/', '/no-such-file']) {
        const res = await httpGet(`${url}${path}`, { headers });
        expect([path, res.status]).toEqual([path, 401]);
        expect(res.headers['www-authenticate']).toBe('Basic realm="Response Task Console", charset="UTF-8"');
        expect(JSON.parse(res.body)).toMatchObject({ Code: 'Unauthorized' });
      }
    },
  );

  it('accepts the right credentials and names the user, also for files', async () => {
    const { url } = await start(basic());
    const alice = { authorization: basicHeader('alice', PASSWORD) };
    expect(JSON.parse((await httpGet(`${url}/api/whoami`, { headers: alice })).body)).toEqual({
      user: 'alice',
    });
    // Second call is served from the verified cache: same answer.
    expect(JSON.parse((await httpGet(`${url}/api/whoami`, { headers: alice })).body)).toEqual({
      user: 'alice',
    });
    const bob = { authorization: basicHeader('bob', 'bob-secret-pw') };
    expect(JSON.parse((await httpGet(`${url}/api/whoami`, { headers: bob })).body)).toEqual({ user: 'bob' });
    expect((await httpGet(`${url}/index.html`, { headers: alice })).body).toContain('<title>console</title>');
  });

  it('leaves the health check open', async () => {
    const { url } = await start(basic());
    const res = await httpGet(`${url}/api/health`);
    expect([res.status, res.body]).toEqual([200, '{"status":"ok"}']);
    // Only that route: a look-alike path is still closed.
    expect((await httpGet(`${url}/api/health/../whoami`)).status).toBe(401);
    expect((await httpGet(`${url}/api/healthz`)).status).toBe(401);
  });

  it('limits failed attempts per client and user name: 429 with Retry-After, even for the right password', async () => {
    const { url } = await start(basic({ AUTH_FAILED_LIMIT: '3' }));
    const wrong = { authorization: basicHeader('alice', 'guess') };
    const right = { authorization: basicHeader('alice', PASSWORD) };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await httpGet(`${url}/api/whoami`, { headers: wrong })).status);
    expect(statuses).toEqual([401, 401, 401]);
    for (const headers of [wrong, right]) {
      const res = await httpGet(`${url}/api/whoami`, { headers });
      expect(res.status).toBe(429);
      const retry = Number(res.headers['retry-after']);
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(JSON.parse(res.body)).toMatchObject({ Code: 'TooManyFailedLogins' });
    }
    // Without credentials there is no user to count against: the browser is asked to sign in.
    expect((await httpGet(`${url}/api/whoami`)).status).toBe(401);
    // Another user from the same address is not affected (issue 15: NAT, a shared proxy).
    const bob = await httpGet(`${url}/api/whoami`, {
      headers: { authorization: basicHeader('bob', 'bob-secret-pw') },
    });
    expect(JSON.parse(bob.body)).toEqual({ user: 'bob' });
    // Another client address is not affected.
    const other = await httpGet(`${url}/api/whoami`, { headers: right, localAddress: '127.0.0.2' });
    expect(JSON.parse(other.body)).toEqual({ user: 'alice' });
    // Missing credentials (a browser's first request) do not count as failures.
    for (let i = 0; i < 5; i++) {
      expect((await httpGet(`${url}/api/whoami`, { localAddress: '127.0.0.2' })).status).toBe(401);
    }
    expect((await httpGet(`${url}/api/whoami`, { headers: right, localAddress: '127.0.0.2' })).status).toBe(
      200,
    );
  });

  it('answers 503 with Retry-After while too many password checks run, then lets the right password in', async () => {
    // Full-cost hashes, so a check lasts long enough for the others to arrive meanwhile.
    const config = accessControlFromEnv(
      { AUTH_MODE: 'basic', AUTH_USERS: `alice:${await hashPassword(PASSWORD)}`, AUTH_FAILED_LIMIT: '1000' },
      '0.0.0.0',
    );
    if (config.mode !== 'basic') throw new Error('basic mode expected');
    const { url } = await start({ ...config, maxConcurrentChecks: 1 });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        httpGet(`${url}/api/whoami`, { headers: { authorization: basicHeader('alice', `wrong-${i}`) } }),
      ),
    );
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((a) => a.headers['retry-after'] === '1')).toBe(true);
    expect(answers.every((a) => a.status === 401 || a.status === 503)).toBe(true);
    const ok = await httpGet(`${url}/api/whoami`, {
      headers: { authorization: basicHeader('alice', PASSWORD) },
    });
    expect(JSON.parse(ok.body)).toEqual({ user: 'alice' });
  });

  it('logs every call with the user and never the password or the Authorization header', async () => {
    const { url, logs } = await start(basic());
    const alice = basicHeader('alice', PASSWORD);
    await httpGet(`${url}/api/whoami?x=1`, { headers: { authorization: alice } });
    await httpGet(`${url}/api/whoami`, {
      headers: { authorization: basicHeader('alice', `${PASSWORD}-typo`) },
    });
    await httpGet(`${url}/api/whoami`, { headers: { authorization: `Bearer ${PASSWORD}` } });
    await running!.app.close();
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const completed = lines.filter((l) => l.msg === 'request completed' && l.user === 'alice');
    expect(completed).toHaveLength(1);
    expect(lines.some((l) => l.msg === 'handler ran' && l.user === 'alice')).toBe(true);
    expect(lines.filter((l) => l.msg === 'access denied')).toHaveLength(2);
    const all = logs.join('\n');
    expect(all).toContain('"authorization":"[Redacted]"');
    for (const secret of [PASSWORD, alice, alice.slice(6), Buffer.from(PASSWORD).toString('base64')]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('trusted reverse proxy', () => {
  const proxy = (env: NodeJS.ProcessEnv = {}) =>
    accessControlFromEnv({ AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '127.0.0.2', ...env }, '0.0.0.0');

  it('accepts the user header from the proxy address', async () => {
    const { url, logs } = await start(proxy());
    const res = await httpGet(`${url}/api/whoami`, {
      headers: { 'x-forwarded-user': 'carol@example.com' },
      localAddress: '127.0.0.2',
    });
    expect(JSON.parse(res.body)).toEqual({ user: 'carol@example.com' });
    const file = await httpGet(`${url}/index.html`, {
      headers: { 'x-forwarded-user': 'carol' },
      localAddress: '127.0.0.2',
    });
    expect(file.status).toBe(200);
    await running!.app.close();
    expect(
      logs.some((l) => l.includes('"msg":"request completed"') && l.includes('"user":"carol@example.com"')),
    ).toBe(true);
  });

  const spoofs: [string, Record<string, string>][] = [
    ['the user header', { 'x-forwarded-user': 'admin' }],
    [
      'the header and a forged X-Forwarded-For naming the proxy',
      { 'x-forwarded-user': 'admin', 'x-forwarded-for': '127.0.0.2' },
    ],
    ['a forged Forwarded header', { 'x-forwarded-user': 'admin', forwarded: 'for=127.0.0.2' }],
    ['no header at all', {}],
  ];
  it.each(spoofs)('refuses %s from a non-proxy address with 403, files included', async (_name, headers) => {
    const { url } = await start(proxy());
    for (const path of ['/api/whoami', '/index.html', '/']) {
      const res = await httpGet(`${url}${path}`, { headers, localAddress: '127.0.0.1' });
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.body).not.toContain('admin');
    }
  });

  it.each([
    ['no user header', {}],
    ['an empty user header', { 'x-forwarded-user': '  ' }],
    ['a different header than configured', { 'x-auth-request-user': 'dave' }],
    ['a user name of 300 characters', { 'x-forwarded-user': 'u'.repeat(300) }],
  ])('answers 401 when the proxy sends %s', async (_name, headers) => {
    const { url } = await start(proxy());
    const res = await httpGet(`${url}/api/whoami`, { headers, localAddress: '127.0.0.2' });
    expect(res.status).toBe(401);
  });

  it('honours AUTH_PROXY_HEADER and leaves the health check open to anyone', async () => {
    const { url } = await start(proxy({ AUTH_PROXY_HEADER: 'X-Auth-Request-User' }));
    const res = await httpGet(`${url}/api/whoami`, {
      headers: { 'x-auth-request-user': 'dave' },
      localAddress: '127.0.0.2',
    });
    expect(JSON.parse(res.body)).toEqual({ user: 'dave' });
    expect((await httpGet(`${url}/api/health`, { localAddress: '127.0.0.1' })).status).toBe(200);
  });
});
