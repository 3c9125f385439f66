/**
 * What the server answers before (or instead of) routing, over raw loopback sockets:
 * undecodable URLs (issue 14 item 2), malformed requests, security headers on every
 * answer (issue 15 item 7), header time and connections per client (issue 15 item 8).
 */
import type { FastifyInstance } from 'fastify';
import { rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuildAppOptions } from './app';
import { PERMISSIONS_POLICY } from './security/headers';
import { OFFLINE_CONFIG, offlineAppOptions, tempSpaBuild } from '../../test/helpers/offline-app';
import { parseAnswer, rawExchange, type RawAnswer } from '../../test/helpers/raw-http';

const dist = tempSpaBuild({ 'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' });

const get = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`;

function options(config: Partial<BuildAppOptions['config']> = {}): BuildAppOptions {
  return offlineAppOptions({ config: { ...OFFLINE_CONFIG, ...config }, staticRoot: dist });
}

async function listen(app: FastifyInstance): Promise<number> {
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return Number(new URL(url).port);
}

/** The security headers a routed answer carries (minus per-answer ones). */
const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
  'permissions-policy',
];

let app: FastifyInstance;
let port: number;
let reference: Record<string, string>;
beforeAll(async () => {
  app = await buildApp(options({ headersTimeoutMs: 1000, maxConnectionsPerClient: 4 }));
  port = await listen(app);
  reference = (await rawExchange(port, get('/api/health'))).headers;
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

function expectSecurityHeaders(answer: RawAnswer) {
  for (const name of SECURITY_HEADERS) expect([name, answer.headers[name]]).toEqual([name, reference[name]]);
  expect(answer.headers['strict-transport-security']).toBeUndefined();
  expect(answer.headers['x-request-id']).toMatch(/^[0-9A-F-]{36}$/);
}

describe('security headers on every answer (issue 15 item 7)', () => {
  it('a routed answer has the full set, Permissions-Policy included, and no HSTS over plain HTTP', () => {
    for (const name of SECURITY_HEADERS) expect(reference[name], name).toBeTruthy();
    expect(reference['permissions-policy']).toBe(PERMISSIONS_POLICY);
    expect(PERMISSIONS_POLICY).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    expect(reference['strict-transport-security']).toBeUndefined();
  });

  it.each([
    ['/', 200],
    ['/tasks/abc', 200],
    ['/api/config', 200],
    ['/api/Nope', 404],
    ['/assets/gone.js', 404],
    ['/favicon.ico', 404],
  ])('GET %s (%i) carries them', async (path, status) => {
    const answer = await rawExchange(port, get(path));
    expect(answer.status).toBe(status);
    expectSecurityHeaders(answer);
  });
});

describe('a URL that cannot be decoded (issue 14 item 2)', () => {
  it.each(['/tasks/100%', '/tasks/%E0%A4%A', '/tasks/%C3%28?TaskStatus=90', '/%zz', '/some/page%'])(
    'page %s opens the app, with the security headers',
    async (path) => {
      const answer = await rawExchange(port, get(path));
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.body).toContain('<div id="root">');
      expectSecurityHeaders(answer);
    },
  );

  it.each(['/api/DescribeProcessTasks%', '/api/%E0%A4%A?PageSize=5', '/api%zz'])(
    'API %s answers 400 in the console format with its request id',
    async (path) => {
      const answer = await rawExchange(port, get(path));
      // /api%zz is not under /api/: a page, so the app.
      if (path === '/api%zz') {
        expect(answer.status).toBe(200);
        return;
      }
      expect(answer.status).toBe(400);
      const body = JSON.parse(answer.body) as Record<string, unknown>;
      expect(body).toEqual({
        Code: 'InvalidRequest.BadUrl',
        Message: expect.stringContaining('percent-encoded UTF-8'),
        RequestId: answer.headers['x-request-id'],
      });
      expect(JSON.stringify(body)).not.toContain('FST_');
      expectSecurityHeaders(answer);
    },
  );

  it('a POST to an undecodable page URL is a 404 in the console format, not the app', async () => {
    const answer = await rawExchange(
      port,
      'POST /tasks/100% HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
    );
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({
      Code: 'NotFound',
      RequestId: answer.headers['x-request-id'],
    });
    expectSecurityHeaders(answer);
  });
});

describe('requests Node cannot parse', () => {
  it.each([
    ['a broken request line', 'GARBAGE\r\n\r\n', 400, 'InvalidRequest'],
    [
      'a header without colon',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nbroken header\r\n\r\n',
      400,
      'InvalidRequest',
    ],
    [
      'headers over the size limit',
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'RequestHeaderFieldsTooLarge',
    ],
  ])('%s: %s in the console format with the security headers', async (_name, text, status, code) => {
    const answer = await rawExchange(port, text);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toEqual({
      Code: code,
      Message: expect.any(String),
      RequestId: answer.headers['x-request-id'],
    });
    expectSecurityHeaders(answer);
  });
});

describe('slow clients (issue 15 item 8)', () => {
  it('a connection that never finishes its headers is answered 408 and closed after the header timeout', async () => {
    // A slowloris client: the request line and one header, then a header byte now and then.
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => socket.writable && socket.write('X-a: b\r\n'), 200);
    const closedAfter = await new Promise<number>((resolve) =>
      socket.on('close', () => resolve(Date.now() - started)),
    );
    clearInterval(drip);
    // headersTimeoutMs is 1000 here, checked every second: closed within about two.
    expect(closedAfter).toBeGreaterThanOrEqual(900);
    expect(closedAfter).toBeLessThan(5000);
    const answer = parseAnswer(Buffer.concat(chunks).toString('utf8'), closedAfter);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ Code: 'RequestTimeout' });
    expectSecurityHeaders(answer);
  });

  it('HSTS is sent when the operator says a TLS proxy is in front (TRUST_PROXY_TLS=1)', async () => {
    const behindTls = await buildApp(options({ trustProxyTls: true }));
    const behindPort = await listen(behindTls);
    try {
      for (const path of ['/', '/api/health', '/tasks/100%']) {
        const answer = await rawExchange(behindPort, get(path));
        expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      }
      const malformed = await rawExchange(behindPort, 'GARBAGE\r\n\r\n');
      expect(malformed.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await behindTls.close();
    }
  });

  it('the default header timeout is 10 s', async () => {
    const defaults = await buildApp(options());
    try {
      expect(defaults.server.headersTimeout).toBe(10_000);
      expect(defaults.server.requestTimeout).toBe(10_000);
    } finally {
      await defaults.close();
    }
  });

  it('caps open connections per client address; others and later ones are served', async () => {
    const open: Socket[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const s = connect(port, '127.0.0.1');
        s.on('error', () => {});
        await new Promise((r) => s.once('connect', r));
        open.push(s);
      }
      // Let the server register the four before the fifth arrives.
      await new Promise((r) => setTimeout(r, 100));
      const fifth = await rawExchange(port, get('/api/health'));
      expect(fifth.status).toBe(0); // closed without an answer
      // Another loopback address is another client.
      const other = await rawExchange(port, get('/api/health'), { localAddress: '127.0.0.2' });
      expect(other.status).toBe(200);
    } finally {
      for (const s of open) s.destroy();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect((await rawExchange(port, get('/api/health'))).status).toBe(200);
  });
});

describe('probes (issue 15 item 8)', () => {
  it('the health check is outside the per-client rate limit; the rest of /api is not', async () => {
    const limited = await buildApp(options({ rateLimitPerMinute: 3 }));
    const limitedPort = await listen(limited);
    try {
      for (let i = 0; i < 10; i++) {
        expect((await rawExchange(limitedPort, get('/api/health'))).status).toBe(200);
      }
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await rawExchange(limitedPort, get('/api/config'))).status);
      expect(codes).toEqual([200, 200, 200, 429]);
      expect((await rawExchange(limitedPort, get('/api/health'))).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('missing files and page routes (issue 14 item 11)', () => {
  it.each([
    ['/favicon.ico', 404],
    ['/robots.txt', 404],
    ['/apple-touch-icon.png', 404],
    ['/assets/index-gone.css', 404],
    ['/assets/no-extension', 404],
    ['/deep/path/logo.svg', 404],
    ['/favicon.svg', 200],
    ['/tasks/with.dots.in.id', 200],
    ['/tasks/edge0000-0000-4000-8000-000000000012', 200],
    ['/some/deep/link', 200],
    ['/?TaskStatus=90', 200],
  ])('GET %s → %i', async (path, status) => {
    const answer = await rawExchange(port, get(path));
    expect(answer.status).toBe(status);
    if (status === 404) {
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toEqual({
        Code: 'NotFound',
        Message: 'Not found.',
        RequestId: answer.headers['x-request-id'],
      });
    } else if (path === '/favicon.svg') {
      expect(answer.headers['content-type']).toMatch(/^image\/svg\+xml/);
    } else {
      expect(answer.body).toContain('<div id="root">');
    }
  });
});
