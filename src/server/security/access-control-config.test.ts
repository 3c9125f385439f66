import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accessControlFromEnv,
  checkTransport,
  isLoopbackHost,
  trustedProxiesOf,
} from './access-control-config';
import { hashPassword } from './password-hash';

const FAST = { N: 1024, r: 8, p: 1 };
let aliceHash = '';
let bobHash = '';
let dir = '';

beforeAll(async () => {
  aliceHash = await hashPassword('alice pw', FAST);
  bobHash = await hashPassword('bob pw', FAST);
  dir = mkdtempSync(join(tmpdir(), 'rtc-auth-'));
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['example.com', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('accessControlFromEnv', () => {
  it('needs nothing on loopback', () => {
    expect(accessControlFromEnv({}, '127.0.0.1')).toEqual({ mode: 'none' });
    expect(accessControlFromEnv({ AUTH_MODE: '' }, 'localhost')).toEqual({ mode: 'none' });
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', 'dashboard.example.com'])(
    'refuses %s without access control and says how to configure it',
    (host) => {
      let message = '';
      try {
        accessControlFromEnv({}, host);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toContain(`HOST=${host} is not a loopback address`);
      for (const needle of [
        'AUTH_MODE=basic',
        'AUTH_USERS_FILE=',
        'AUTH_USERS=',
        'npm run -s hash-password',
        'AUTH_MODE=proxy',
        'AUTH_TRUSTED_PROXIES=',
        'AUTH_PROXY_HEADER=',
        'HOST=127.0.0.1',
      ]) {
        expect(message).toContain(needle);
      }
      expect(() => accessControlFromEnv({ AUTH_MODE: 'none' }, host)).toThrow(/not a loopback address/);
    },
  );

  it('reads users from AUTH_USERS on any host', () => {
    const c = accessControlFromEnv(
      { AUTH_MODE: 'basic', AUTH_USERS: `alice:${aliceHash}, bob:${bobHash}` },
      '0.0.0.0',
    );
    expect(c.mode).toBe('basic');
    if (c.mode !== 'basic') return;
    expect([...c.users.keys()]).toEqual(['alice', 'bob']);
    expect(c.failedLimit).toBe(10);
  });

  it('reads users from AUTH_USERS_FILE, skipping comments and blank lines', () => {
    const file = join(dir, 'users');
    writeFileSync(file, `# team\n\nalice:${aliceHash}\r\nbob:${bobHash}\n`);
    const c = accessControlFromEnv(
      { AUTH_MODE: 'basic', AUTH_USERS_FILE: file, AUTH_FAILED_LIMIT: '3' },
      '::',
    );
    expect(c.mode === 'basic' && [...c.users.keys()]).toEqual(['alice', 'bob']);
    expect(c.mode === 'basic' && c.failedLimit).toBe(3);
  });

  it('builds a proxy config whose trust covers exactly the listed addresses', () => {
    const c = accessControlFromEnv(
      { AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '10.0.0.5, 192.168.0.0/16,::ffff:172.16.0.0/108,fd00::/8' },
      '0.0.0.0',
    );
    if (c.mode !== 'proxy') throw new Error('proxy mode expected');
    expect(c.userHeader).toBe('x-forwarded-user');
    const cases: [string | undefined, boolean][] = [
      ['10.0.0.5', true],
      ['::ffff:10.0.0.5', true],
      ['10.0.0.6', false],
      ['192.168.44.1', true],
      ['192.169.0.1', false],
      ['172.16.3.4', true],
      ['172.32.0.1', false],
      ['fd12::1', true],
      ['fe80::1', false],
      ['127.0.0.1', false],
      ['not an ip', false],
      [undefined, false],
    ];
    for (const [addr, trusted] of cases) expect([addr, c.isTrustedProxy(addr)]).toEqual([addr, trusted]);
    const h = accessControlFromEnv(
      { AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '10.0.0.5', AUTH_PROXY_HEADER: 'X-Auth-Request-User' },
      '0.0.0.0',
    );
    expect(h.mode === 'proxy' && h.userHeader).toBe('x-auth-request-user');
  });

  const bad: [string, NodeJS.ProcessEnv, RegExp][] = [
    ['unknown mode', { AUTH_MODE: 'ldap' }, /^AUTH_MODE must be none, basic or proxy/],
    [
      'basic without users',
      { AUTH_MODE: 'basic' },
      /AUTH_MODE=basic needs users: set AUTH_USERS_FILE or AUTH_USERS/,
    ],
    ['both user sources', { AUTH_MODE: 'basic', AUTH_USERS: 'x', AUTH_USERS_FILE: '/x' }, /both set/],
    [
      'missing file',
      { AUTH_MODE: 'basic', AUTH_USERS_FILE: '/nonexistent/users' },
      /AUTH_USERS_FILE=\/nonexistent\/users cannot be read: ENOENT/,
    ],
    [
      'entry without colon',
      { AUTH_MODE: 'basic', AUTH_USERS: 'alice' },
      /AUTH_USERS entry 1 is not a user:hash entry/,
    ],
    [
      'plain-text password',
      { AUTH_MODE: 'basic', AUTH_USERS: 'alice:hunter2' },
      /AUTH_USERS entry 1 \(user "alice"\): the hash is not a scrypt hash/,
    ],
    [
      'weak scrypt N',
      {
        AUTH_MODE: 'basic',
        AUTH_USERS: 'alice:scrypt$16$8$1$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      },
      /invalid scrypt N/,
    ],
    [
      'huge scrypt N',
      {
        AUTH_MODE: 'basic',
        AUTH_USERS: 'alice:scrypt$4194304$8$1$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      },
      /invalid scrypt N/,
    ],
    [
      'user name with a space',
      {
        AUTH_MODE: 'basic',
        AUTH_USERS: 'al ice:scrypt$1024$8$1$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      },
      /invalid user name/,
    ],
    ['proxy without addresses', { AUTH_MODE: 'proxy' }, /AUTH_MODE=proxy needs AUTH_TRUSTED_PROXIES/],
    [
      'proxy with a bad address',
      { AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '10.0.0.300' },
      /AUTH_TRUSTED_PROXIES has an invalid entry "10.0.0.300"/,
    ],
    [
      'proxy with a bad CIDR',
      { AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '10.0.0.0/33' },
      /AUTH_TRUSTED_PROXIES has an invalid entry "10.0.0.0\/33"/,
    ],
    [
      'proxy header that carries secrets',
      { AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '10.0.0.5', AUTH_PROXY_HEADER: 'Authorization' },
      /^AUTH_PROXY_HEADER must be a header/,
    ],
    [
      'proxy header with bad characters',
      { AUTH_MODE: 'proxy', AUTH_TRUSTED_PROXIES: '10.0.0.5', AUTH_PROXY_HEADER: 'x user' },
      /^AUTH_PROXY_HEADER must be an HTTP header name/,
    ],
    [
      'failed limit not a number',
      { AUTH_MODE: 'basic', AUTH_FAILED_LIMIT: 'ten' },
      /^AUTH_FAILED_LIMIT must be a whole number/,
    ],
    [
      'failed limit zero',
      { AUTH_MODE: 'basic', AUTH_FAILED_LIMIT: '0' },
      /^AUTH_FAILED_LIMIT must be between 1 and 100000/,
    ],
    [
      'users without basic mode',
      { AUTH_USERS: 'alice:x' },
      /AUTH_USERS is set but AUTH_MODE is none: set AUTH_MODE=basic/,
    ],
    [
      // Basic mode takes them too since issue 15 (a TLS proxy's address, for the real client).
      'proxies without access control',
      { AUTH_TRUSTED_PROXIES: '10.0.0.5' },
      /AUTH_TRUSTED_PROXIES is set but AUTH_MODE is none: set AUTH_MODE=proxy or basic/,
    ],
  ];
  it.each(bad)('rejects %s with a message naming the variable', (_name, env, message) => {
    expect(() => accessControlFromEnv(env, '0.0.0.0')).toThrow(message);
  });

  it('names the file and line of a bad entry without echoing the hash', () => {
    const file = join(dir, 'bad-users');
    writeFileSync(file, `alice:${aliceHash}\n# comment\nbob:not-a-hash-SECRETISH\n`);
    let message = '';
    try {
      accessControlFromEnv({ AUTH_MODE: 'basic', AUTH_USERS_FILE: file }, '0.0.0.0');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(`AUTH_USERS_FILE=${file} line 3 (user "bob")`);
    expect(message).not.toContain('SECRETISH');
  });

  it('refuses a repeated user', () => {
    expect(() =>
      accessControlFromEnv(
        { AUTH_MODE: 'basic', AUTH_USERS: `alice:${aliceHash},alice:${bobHash}` },
        '0.0.0.0',
      ),
    ).toThrow(/AUTH_USERS entry 2 repeats the user "alice"/);
  });
});

describe('checkTransport (issue 15 item 3)', () => {
  const basicConfig = () =>
    accessControlFromEnv({ AUTH_MODE: 'basic', AUTH_USERS: `alice:${aliceHash}` }, '0.0.0.0');
  it.each([
    ['basic, 0.0.0.0, plain HTTP', 'basic', { host: '0.0.0.0', trustProxyTls: false }, true],
    ['basic, a LAN address, plain HTTP', 'basic', { host: '10.1.2.3', trustProxyTls: false }, true],
    ['basic, 0.0.0.0, native TLS', 'basic', { host: '0.0.0.0', tls: {}, trustProxyTls: false }, false],
    ['basic, 0.0.0.0, behind a TLS proxy', 'basic', { host: '0.0.0.0', trustProxyTls: true }, false],
    ['basic, loopback, plain HTTP', 'basic', { host: '127.0.0.1', trustProxyTls: false }, false],
    ['none, loopback', 'none', { host: '127.0.0.1', trustProxyTls: false }, false],
  ] as const)('%s → refused: %s', (_name, mode, server, refused) => {
    const config = mode === 'basic' ? basicConfig() : ({ mode: 'none' } as const);
    if (refused) {
      expect(() => checkTransport(config, server)).toThrow(
        /clear text[\s\S]*TLS_CERT_FILE[\s\S]*TRUST_PROXY_TLS=1/,
      );
    } else expect(() => checkTransport(config, server)).not.toThrow();
  });

  it('basic mode takes AUTH_TRUSTED_PROXIES (a TLS proxy whose X-Forwarded-For names the client)', () => {
    const config = accessControlFromEnv(
      { AUTH_MODE: 'basic', AUTH_USERS: `alice:${aliceHash}`, AUTH_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16' },
      '0.0.0.0',
    );
    expect(trustedProxiesOf(config)).toEqual(['10.0.0.5', '10.1.0.0/16']);
  });
});
