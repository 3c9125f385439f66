/**
 * The app without an upstream: routing, validation, headers, SPA fallback, rate limit.
 * The upstream endpoint is a port nothing listens on, so a request that wrongly got
 * through validation would answer 502, not 400.
 */
import type { FastifyInstance } from 'fastify';
import { rmSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appConfigSchema } from '../shared/sophonsoar';
import { buildApp, type BuildAppOptions } from './app';
import { offlineAppOptions, tempSpaBuild } from '../../test/helpers/offline-app';

// A built file with the brotli and gzip copies the build writes beside it (vite.config.ts).
const BIG_JS = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ i, text: 'row' })))};`;
const dist = tempSpaBuild({
  'assets/index-abc123.js': 'console.log(1)',
  'assets/app-def456.js': BIG_JS,
  'assets/app-def456.js.br': brotliCompressSync(BIG_JS),
  'assets/app-def456.js.gz': gzipSync(BIG_JS),
});

function offlineOptions(overrides: Partial<BuildAppOptions> = {}): BuildAppOptions {
  return offlineAppOptions({ version: '9.8.7', staticRoot: dist, ...overrides });
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp(offlineOptions());
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('/api basics', () => {
  it('GET /api/health', async () => {
    const r = await app.inject('/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/config sets no export rate: the server paces exports with the account budget', async () => {
    const r = await app.inject('/api/config');
    expect(r.json()).not.toHaveProperty('exportMaxRequestsPerSecond');
  });

  it('GET /api/config', async () => {
    const r = await app.inject('/api/config');
    expect(r.statusCode).toBe(200);
    expect(appConfigSchema.parse(r.json())).toEqual({
      mode: 'demo',
      endpointHost: 'emulator',
      version: '9.8.7',
    });
    expect(r.body).not.toContain('offline-secret');
    // The embedded emulator's address (and so its admin routes) is not revealed.
    expect(r.body).not.toContain('127.0.0.1');
  });

  it.each([
    ['/api/DescribeSoarTaskAndActions', 'InvalidAction.NotFound'],
    ['/api/DeleteEverything?x=1', 'InvalidAction.NotFound'],
    ['/api/describeProcessTasks', 'NotFound'],
    ['/api/tasks/123', 'NotFound'],
    ['/api', 'NotFound'],
    ['/api/', 'NotFound'],
  ])('GET %s → 404 %s', async (url, code) => {
    const r = await app.inject(url);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({
      Code: code,
      RequestId: expect.any(String),
      Message: expect.any(String),
    });
  });

  it.each([
    ['POST', '/api/DescribeProcessTasks'],
    ['PUT', '/api/DescribeProcessTasks'],
    ['DELETE', '/api/DescribeEnumItems'],
    ['PATCH', '/api/health'],
    ['OPTIONS', '/api/DescribeProcessTasks'],
    ['POST', '/api/Unknown'],
  ] as const)('%s %s → 405', async (method, url) => {
    const r = await app.inject({ method, url, headers: { origin: 'https://evil.example' } });
    expect(r.statusCode).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
    expect(r.json()).toMatchObject({ Code: 'MethodNotAllowed' });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('parameter validation (never reaches the upstream)', () => {
  it.each([
    ['TaskStatus=not-json', 'TaskStatus'],
    ['TaskStatus=%5B%22abc%22%5D', 'TaskStatus'],
    ['Source=system', 'Source'],
    ['YunCode=%7B%7D', 'YunCode'],
    ['PageSize=0', 'PageSize'],
    ['PageSize=101', 'PageSize'],
    ['PageSize=abc', 'PageSize'],
    ['PageNumber=-1', 'PageNumber'],
    ['PageNumber=1.5', 'PageNumber'],
    ['ProcessActionStart=123', 'ProcessActionStart'],
    ['ProcessRemoveEnd=yesterday', 'ProcessRemoveEnd'],
    ['OrderField=bogus', 'OrderField'],
    ['Direction=up', 'Direction'],
    ['Bogus=1', 'Bogus'],
    ['AccessKeyId=x', 'AccessKeyId'],
    ['PageSize=10&PageSize=20', 'PageSize'],
    ['EntityName=%07bell', 'EntityName'],
    [`ParamContent=${'x'.repeat(1025)}`, 'ParamContent'],
    ['__proto__=x', '__proto__'],
    ['__proto__%5BPageSize%5D=1', '__proto__[PageSize]'],
    ['constructor=1', 'constructor'],
    ['=1', 'without a name'],
  ])('DescribeProcessTasks?%s → 400 naming %s', async (qs, param) => {
    const r = await app.inject(`/api/DescribeProcessTasks?${qs}`);
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.Code).toMatch(/^(InvalidParameter|MissingParameter)$/);
    expect(body.Message).toContain(param);
    expect(body.RequestId).toBe(r.headers['x-request-id']);
  });

  it.each([
    ['', 'EnumType', 'MissingParameter'],
    ['EnumType=other', 'EnumType', 'InvalidParameter'],
    ['EnumType=process&Lang=fr', 'Lang', 'InvalidParameter'],
    ['EnumType=process&Extra=1', 'Extra', 'InvalidParameter'],
  ])('DescribeEnumItems?%s → 400 naming %s', async (qs, param, code) => {
    const r = await app.inject(`/api/DescribeEnumItems?${qs}`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ Code: code, Message: expect.stringContaining(param) });
  });

  it('a valid request does go upstream (here: unreachable → 502)', async () => {
    const r = await app.inject('/api/DescribeProcessTasks?PageSize=10');
    expect(r.statusCode).toBe(502);
    expect(r.json()).toMatchObject({ Code: 'UpstreamUnavailable' });
  });
});

describe('errors', () => {
  it('a crash answers 500 InternalError without internals', async () => {
    const crashing = await buildApp(offlineOptions());
    crashing.get('/api-crash', async () => {
      throw new Error('internal detail: database password is hunter2');
    });
    try {
      const r = await crashing.inject('/api-crash');
      expect(r.statusCode).toBe(500);
      expect(r.json()).toMatchObject({ Code: 'InternalError', RequestId: r.headers['x-request-id'] });
      expect(r.body).not.toContain('hunter2');
    } finally {
      await crashing.close();
    }
  });

  it('a body over the limit is refused', async () => {
    const r = await app.inject({ method: 'POST', url: '/', payload: 'x'.repeat(64 * 1024) });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
  });
});

describe('security headers', () => {
  it('sends a strict CSP and no CORS headers', async () => {
    const r = await app.inject({ url: '/', headers: { origin: 'https://evil.example' } });
    const csp = String(r.headers['content-security-policy']);
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'worker-src': "'self' blob:",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
    });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    for (const h of Object.keys(r.headers)) expect(h).not.toMatch(/^access-control-/);
  });
});

describe('SPA', () => {
  it.each(['/', '/tasks/abc-123', '/tasks/with.dots.in.id', '/some/deep/link?TaskStatus=90'])(
    'GET %s → index.html',
    async (url) => {
      const r = await app.inject(url);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.body).toContain('<div id="root">');
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    },
  );

  it('serves hashed assets as immutable', async () => {
    const r = await app.inject('/assets/index-abc123.js');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toContain('immutable');
  });

  it.each(['/assets/../../package.json', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json'])(
    'does not serve files outside dist: %s',
    async (url) => {
      const r = await app.inject(url);
      expect(r.body).not.toContain('"dependencies"');
    },
  );

  it.each([
    { accept: 'br, gzip, deflate', encoding: 'br', decode: brotliDecompressSync },
    { accept: 'gzip, deflate', encoding: 'gzip', decode: gunzipSync },
    { accept: 'identity', encoding: undefined, decode: (b: Buffer) => b },
    { accept: undefined, encoding: undefined, decode: (b: Buffer) => b },
  ])(
    'serves the precompressed copy the browser accepts: Accept-Encoding $accept',
    async ({ accept, encoding, decode }) => {
      const r = await app.inject({
        url: '/assets/app-def456.js',
        headers: accept === undefined ? {} : { 'accept-encoding': accept },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-encoding']).toBe(encoding);
      expect(r.headers['content-type']).toMatch(/javascript/);
      expect(r.headers['cache-control']).toContain('immutable');
      if (encoding) expect(String(r.headers['vary'])).toMatch(/accept-encoding/i);
      expect(decode(r.rawPayload).toString()).toBe(BIG_JS);
    },
  );

  it('a missing asset is a 404, not the page', async () => {
    const r = await app.inject('/assets/gone-123.js');
    expect(r.statusCode).toBe(404);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After in the API error shape once a client exceeds it', async () => {
    const limited = await buildApp(
      offlineOptions({ config: { ...offlineOptions().config, rateLimitPerMinute: 3 } }),
    );
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.inject('/api/config')).statusCode);
      expect(codes).toEqual([200, 200, 200]);
      const r = await limited.inject('/api/config');
      expect(r.statusCode).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(r.json()).toMatchObject({ Code: 'TooManyRequests', RequestId: expect.any(String) });
      // The SPA's files are not limited.
      expect((await limited.inject('/')).statusCode).toBe(200);
      // Nor the health check (issue 15 item 8: a liveness probe never gets 429).
      for (let i = 0; i < 10; i++) expect((await limited.inject('/api/health')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
