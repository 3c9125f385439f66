/**
 * Fuzz below the framework: 1,500 raw HTTP/1.1 requests written byte by byte to a real
 * socket (raw non-ASCII and control bytes in the target, broken percent-escapes, absurd
 * lengths, odd methods and versions, duplicated and malformed headers). Node's parser and
 * the app must answer each with a status below 500 or close the connection; the server
 * stays up and healthy.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxyHarness, type ProxyHarness } from '../helpers/proxy-harness';

let h: ProxyHarness;
let port = 0;
beforeAll(async () => {
  h = await startProxyHarness({ listen: true, emulator: { tasks: 200 } });
  port = Number(new URL(h.url!).port);
});
afterAll(async () => h?.close());

/** Sends raw bytes; resolves with the status code, or 0 if the server closed without one. */
function rawRequest(bytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let head = '';
    socket.setTimeout(15_000, () => {
      socket.destroy();
      reject(new Error(`no answer within 15 s to ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`));
    });
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (m) {
        socket.destroy();
        resolve(Number(m[1]));
      }
    });
    socket.on('error', () => resolve(0)); // a reset is an acceptable refusal
    socket.on('close', () => resolve(0));
    socket.end(bytes);
  });
}

const byteString = (max: number) =>
  fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b).toString('latin1'));
const target = fc.oneof(
  fc.constantFrom(
    '/api/DescribeProcessTasks?PageSize=20',
    '/api/DescribeProcessTasks?TaskStatus=%5B%2290%22%5D',
    '/api/health',
    '/',
    '/tasks/abc',
    '*',
    'http://127.0.0.1/api/config',
    '/api/DescribeProcessTasks?%',
    '/api/DescribeProcessTasks?a=%E0%A4%A',
    '/api/%2e%2e/%2e%2e/etc/passwd',
    '//api//DescribeProcessTasks',
  ),
  byteString(60).map((s) => `/api/DescribeProcessTasks?ParamContent=${s}`),
  byteString(40).map((s) => `/${s}`),
  fc.integer({ min: 1, max: 70_000 }).map((n) => `/api/DescribeProcessTasks?EntityName=${'a'.repeat(n)}`),
);
const method = fc.constantFrom(
  'GET',
  'GET',
  'GET',
  'HEAD',
  'POST',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'get',
  'G\u00e9T',
  '',
);
const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', '');
const oddHeader = fc.oneof(
  fc.constantFrom(
    'Content-Length: 5',
    'Content-Length: -1',
    'Content-Length: 1, 2',
    'Transfer-Encoding: chunked',
    'Transfer-Encoding: gzip, chunked',
    'Header-Without-Colon',
    ': empty-name',
    'X-Big: ' + 'b'.repeat(20_000),
    'Host: evil.example',
  ),
  fc.tuple(byteString(20), byteString(40)).map(([k, v]) => `${k}: ${v}`),
);
const plainHeader = fc.constantFrom(
  'Accept: application/json',
  'Accept-Encoding: gzip, br',
  'X-Forwarded-For: 10.0.0.1',
  'X-Forwarded-User: admin',
  'Authorization: Basic Og==',
  'Origin: https://evil.example',
  'Cookie: a=b',
  'X-Request-Id: ../../../etc',
);

/** Half the requests are well framed (they reach the app); half break the framing too. */
const request = fc.oneof(
  fc.record({
    m: fc.constantFrom('GET', 'GET', 'HEAD', 'POST', 'OPTIONS'),
    t: target,
    v: fc.constant('HTTP/1.1'),
    headers: fc.array(plainHeader, { maxLength: 4 }),
    eol: fc.constant('\r\n'),
    body: fc.constant(''),
  }),
  fc.record({
    m: method,
    t: target,
    v: version,
    headers: fc.array(fc.oneof(plainHeader, oddHeader), { maxLength: 6 }),
    eol: fc.constantFrom('\r\n', '\n', '\r'),
    body: byteString(20),
  }),
);

describe('raw HTTP fuzz', () => {
  it('answers 1,500 raw requests below 500 or closes, and stays healthy', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ m, t, v, headers, eol, body }) => {
        const lines = [`${m} ${t} ${v}`.trimEnd(), 'Host: 127.0.0.1', ...headers, 'Connection: close'];
        const raw = Buffer.from(`${lines.join(eol)}${eol}${eol}${body}`, 'latin1');
        const status = await rawRequest(raw);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect([status < 500, t.slice(0, 80)]).toEqual([true, t.slice(0, 80)]);
      }),
      { numRuns: 1500, seed: 777, endOnFailure: true },
    );
    console.log(`raw fuzz statuses (0 = closed without an answer): ${JSON.stringify([...statuses].sort())}`);
    // Both halves were exercised: answers from the app, and refusals by the parser.
    expect((statuses.get(200) ?? 0) + (statuses.get(404) ?? 0)).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    const health = await fetch(`${h.url}/api/health`);
    expect(health.status).toBe(200);
  }, 180_000);
});
