/**
 * Fuzz of the credentials themselves: thousands of generated Authorization and proxy user
 * headers (garbage, huge, Latin-1 noise, near misses of the real password, many colons,
 * odd schemes and spacing). Only the exact credentials get in; nothing crashes or 5xxs.
 */
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessControlFromEnv } from './access-control-config';
import { registerAccessControl } from './access-control';
import { hashPassword } from './password-hash';

const USER = 'analyst';
const PASSWORD = 'pässword:with colon';

async function appWith(env: NodeJS.ProcessEnv): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(registerAccessControl, accessControlFromEnv(env, '0.0.0.0'));
  app.get('/api/whoami', async (request) => ({ user: request.user ?? null }));
  await app.ready();
  return app;
}

/** Header values as they can travel on a socket: Latin-1 without CR/LF/NUL. */
const latin1 = (max: number) =>
  fc
    .array(
      fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f),
      { maxLength: max },
    )
    .map((cs) => String.fromCharCode(...cs));
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const authorization = fc.oneof(
  latin1(80),
  latin1(80).map((s) => `Basic ${s}`),
  fc.uint8Array({ maxLength: 64 }).map((b) => `Basic ${Buffer.from(b).toString('base64')}`),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }))
    .map(([u, p]) => `Basic ${b64(`${u}:${p}`)}`),
  // Near misses of the real credentials.
  fc
    .constantFrom(
      `${USER}:${PASSWORD} `,
      ` ${USER}:${PASSWORD}`,
      `${USER.toUpperCase()}:${PASSWORD}`,
      `${USER}:${PASSWORD.normalize('NFD')}x`,
      `${USER}:${PASSWORD.slice(0, -1)}`,
      `${USER}::${PASSWORD}`,
      `${USER}:${PASSWORD}\u0000`,
      `${USER}`,
      `:${PASSWORD}`,
    )
    .chain((s) =>
      fc.constantFrom(`Basic ${b64(s)}`, `basic  ${b64(s)}`, `Basic ${b64(s).replace(/=+$/, '')}`),
    ),
  fc.constantFrom(
    `Bearer ${PASSWORD}`,
    'Basic',
    'Basic ',
    `Digest ${b64(`${USER}:${PASSWORD}`)}`,
    `Basic ${'A'.repeat(6000)}`,
  ),
);

describe('credential fuzz', () => {
  let basic: FastifyInstance;
  let proxy: FastifyInstance;
  let untrusted: FastifyInstance;
  beforeAll(async () => {
    const users = `${USER}:${await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 })}`;
    basic = await appWith({ AUTH_MODE: 'basic', AUTH_USERS: users, AUTH_FAILED_LIMIT: '100000' });
    // inject() connects from 127.0.0.1: trusted in one app, not in the other.
    proxy = await appWith({ AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '127.0.0.1' });
    untrusted = await appWith({ AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '10.9.9.9' });
  });
  afterAll(async () => {
    await Promise.all([basic?.close(), proxy?.close(), untrusted?.close()]);
  });

  it('lets 3,000 generated Authorization headers in only when exactly right', async () => {
    const exact = `Basic ${b64(`${USER}:${PASSWORD}`)}`;
    await fc.assert(
      fc.asyncProperty(authorization, async (header) => {
        const res = await basic.inject({ url: '/api/whoami', headers: { authorization: header } });
        const decoded = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
        const right =
          decoded !== null && Buffer.from(decoded[1]!, 'base64').toString('utf8') === `${USER}:${PASSWORD}`;
        if (right) expect(res.json()).toEqual({ user: USER });
        else expect([header.slice(0, 80), res.statusCode]).toEqual([header.slice(0, 80), 401]);
      }),
      { numRuns: 3000, seed: 4242 },
    );
    expect((await basic.inject({ url: '/api/whoami', headers: { authorization: exact } })).json()).toEqual({
      user: USER,
    });
  }, 120_000);

  it('takes 2,000 generated proxy user headers only from the trusted address, as sent', async () => {
    // Header values as bytes on the wire (Node reads them as Latin-1): either a name the proxy
    // sent as UTF-8, or arbitrary bytes, most of which are not valid UTF-8.
    const sentAsUtf8 = fc
      .string({ unit: 'grapheme', maxLength: 120 })
      .map((name) => ({ value: Buffer.from(name, 'utf8').toString('latin1'), name }));
    const rawBytes = latin1(300).map((value) => ({ value, name: undefined }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(sentAsUtf8, rawBytes), async ({ value, name }) => {
        const headers = { 'x-forwarded-user': value };
        const spoofed = await untrusted.inject({ url: '/api/whoami', headers });
        expect(spoofed.statusCode).toBe(403);
        const res = await proxy.inject({ url: '/api/whoami', headers });
        let decoded: string | undefined;
        try {
          decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1')).trim();
        } catch {
          decoded = undefined;
        }
        if (name !== undefined) expect(decoded).toBe(name.trim());
        const refused =
          decoded === undefined ||
          decoded === '' ||
          decoded.length > 256 ||
          decoded.includes(',') ||
          /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(decoded);
        if (refused) expect(res.statusCode).toBe(401);
        else expect(res.json()).toEqual({ user: decoded });
      }),
      { numRuns: 2000, seed: 4243 },
    );
  }, 120_000);
});
