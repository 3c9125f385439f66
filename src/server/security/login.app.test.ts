/**
 * Logins in the real app over loopback sockets: failed-login limits that one address
 * cannot use to lock others out (issue 15 item 2), and the trusted proxy's user header
 * sent twice, as a list or in UTF-8 (issue 15 item 5, raw sockets).
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { accessControlFromEnv, trustedProxiesOf, type AccessControlConfig } from './access-control-config';
import { hashPassword } from './password-hash';
import { rawExchange } from '../../../test/helpers/raw-http';
import { basicHeader, httpGet } from '../../../test/helpers/http';
import { captureLogs } from '../../../test/helpers/log-capture';
import { OFFLINE_CONFIG, offlineAppOptions } from '../../../test/helpers/offline-app';

const FAST = { N: 1024, r: 8, p: 1 };
let users = '';
beforeAll(async () => {
  const entries = await Promise.all(
    ['alice', 'bob', 'carol'].map(async (u) => `${u}:${await hashPassword(`${u}-Secret-pw-1`, FAST)}`),
  );
  users = entries.join(',');
});
const pw = (user: string) => `${user}-Secret-pw-1`;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(access: AccessControlConfig) {
  const { logger, lines } = captureLogs();
  app = await buildApp(
    offlineAppOptions({
      config: { ...OFFLINE_CONFIG, rateLimitPerMinute: 100_000 },
      logger,
      allowedHosts: 'any',
      trustedProxies: trustedProxiesOf(access),
      accessControl: access,
    }),
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, port: Number(new URL(url).port), lines };
}

const basic = (env: NodeJS.ProcessEnv = {}) =>
  accessControlFromEnv({ AUTH_MODE: 'basic', AUTH_USERS: users, ...env }, '0.0.0.0');

const status = async (url: string, user: string, password: string, headers: Record<string, string> = {}) =>
  (
    await httpGet(`${url}/api/config`, {
      headers: { authorization: basicHeader(user, password), ...headers },
    })
  ).status;

describe('failed-login limit (issue 15 item 2)', () => {
  it('three wrong passwords from one address do not refuse the valid logins of others', async () => {
    const { url } = await start(basic({ AUTH_FAILED_LIMIT: '3' }));
    // Alice is signed in (her header was checked and is cached).
    expect(await status(url, 'alice', pw('alice'))).toBe(200);
    // Someone at the same address fails three times for alice, three for root, three for bob.
    for (const user of ['alice', 'root', 'bob']) {
      for (let i = 0; i < 3; i++) expect(await status(url, user, `guess-${i}`)).toBe(401);
      expect(await status(url, user, 'guess-4')).toBe(429);
    }
    // Alice's valid login goes on working; carol, from the same address, can sign in.
    expect(await status(url, 'alice', pw('alice'))).toBe(200);
    expect(await status(url, 'carol', pw('carol'))).toBe(200);
    // Bob's pair is blocked: the right password waits too, so guessing cannot go on.
    expect(await status(url, 'bob', pw('bob'))).toBe(429);
    // From another address bob is not refused.
    const other = await httpGet(`${url}/api/config`, {
      headers: { authorization: basicHeader('bob', pw('bob')) },
      localAddress: '127.0.0.2',
    });
    expect(other.status).toBe(200);
  });

  it('a global ceiling stops guessing spread over addresses; users who signed in from there before pass it', async () => {
    const config = basic({ AUTH_FAILED_LIMIT: '3' });
    if (config.mode !== 'basic') throw new Error('basic expected');
    const { url } = await start({ ...config, failedGlobalLimit: 4 });
    expect(await status(url, 'alice', pw('alice'))).toBe(200);
    // Four failures, each a different address and user: no pair is at its limit.
    for (let i = 0; i < 4; i++) {
      const res = await httpGet(`${url}/api/config`, {
        headers: { authorization: basicHeader(`user${i}`, 'guess') },
        localAddress: `127.0.0.${10 + i}`,
      });
      expect(res.status).toBe(401);
    }
    const refused = await httpGet(`${url}/api/config`, {
      headers: { authorization: basicHeader('carol', pw('carol')) },
      localAddress: '127.0.0.20',
    });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({
      Code: 'TooManyFailedLogins',
      Message: expect.stringContaining('on this server'),
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Alice signed in from 127.0.0.1 before: she passes the ceiling, even with a fresh check
    // (a header spelt differently, two spaces, is not in the cache of checked headers).
    const fresh = await httpGet(`${url}/api/config`, {
      headers: { authorization: `Basic  ${Buffer.from(`alice:${pw('alice')}`).toString('base64')}` },
    });
    expect(fresh.status).toBe(200);
  });

  it('behind a trusted proxy the real client address (X-Forwarded-For) is counted', async () => {
    const { url } = await start(basic({ AUTH_FAILED_LIMIT: '3', AUTH_TRUSTED_PROXIES: '127.0.0.1' }));
    const from = (ip: string) => ({ 'x-forwarded-for': `${ip}` });
    for (let i = 0; i < 3; i++) expect(await status(url, 'bob', 'guess', from('198.51.100.7'))).toBe(401);
    expect(await status(url, 'bob', pw('bob'), from('198.51.100.7'))).toBe(429);
    // Another client behind the same proxy is not refused.
    expect(await status(url, 'bob', pw('bob'), from('198.51.100.8'))).toBe(200);
  });

  it('without a trusted proxy X-Forwarded-For is ignored, so it cannot dodge the limit', async () => {
    const { url } = await start(basic({ AUTH_FAILED_LIMIT: '3' }));
    for (let i = 0; i < 3; i++) {
      expect(await status(url, 'bob', 'guess', { 'x-forwarded-for': `198.51.100.${i}` })).toBe(401);
    }
    expect(await status(url, 'bob', pw('bob'), { 'x-forwarded-for': '198.51.100.99' })).toBe(429);
  });
});

describe('user header from the trusted proxy (issue 15 item 5)', () => {
  const proxy = accessControlFromEnv({ AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '127.0.0.1' }, '0.0.0.0');
  const request = (headerLines: string) =>
    `GET /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headerLines}\r\n`;

  it.each([
    ['twice', 'X-Forwarded-User: admin\r\nX-Forwarded-User: alice\r\n'],
    ['twice, spelt differently', 'x-forwarded-user: alice\r\nX-FORWARDED-USER: alice\r\n'],
    ['twice, one empty', 'X-Forwarded-User: alice\r\nX-Forwarded-User: \r\n'],
    ['as a list', 'X-Forwarded-User: admin, alice\r\n'],
    ['as a list without space', 'X-Forwarded-User: admin,alice\r\n'],
    ['not valid UTF-8', 'X-Forwarded-User: j\xfcrgen\r\n'],
    ['a C1 control in UTF-8', 'X-Forwarded-User: ali\xc2\x85ce\r\n'],
    ['absent', ''],
  ])('%s: 401 in the console format, nothing logged as a user', async (_name, lines) => {
    const { port, lines: log } = await start(proxy);
    const answer = await rawExchange(port, request(lines));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({
      Code: 'Unauthorized',
      Message: 'The reverse proxy did not name exactly one user in the x-forwarded-user header.',
      RequestId: answer.headers['x-request-id'],
    });
    expect(log.some((l) => (JSON.parse(l) as { user?: unknown }).user !== undefined)).toBe(false);
  });

  it.each([
    ['jürgen', 'j\xc3\xbcrgen'],
    ['张伟', '\xe5\xbc\xa0\xe4\xbc\x9f'],
    ['o’brien', 'o\xe2\x80\x99brien'],
    ['alice', '  alice  '],
  ])('UTF-8 bytes of %s are the user, logged as such', async (user, bytes) => {
    const { port, lines: log } = await start(proxy);
    const answer = await rawExchange(port, request(`X-Forwarded-User: ${bytes}\r\n`));
    expect(answer.status).toBe(200);
    const users = log.map((l) => (JSON.parse(l) as { user?: string }).user).filter(Boolean);
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users)).toEqual(new Set([user]));
  });
});
