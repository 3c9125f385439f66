/** apiFetch over a real socket: what each kind of answer becomes. */
// eslint-disable-next-line no-restricted-imports -- Node-only test: starts a local HTTP server
import { createServer, type Server } from 'node:http';
// eslint-disable-next-line no-restricted-imports -- Node-only test
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiFetch, apiGet, ApiRequestError } from './api-client';
import { serverClock } from './server-clock';

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const answers: Record<string, Answer> = {
  ok: { status: 200, body: '{"RequestId":"R1","Data":[]}' },
  empty: { status: 200, body: '' },
  throttled: {
    status: 429,
    body: '{"RequestId":"R2","Code":"Throttling.User","Message":"Request was denied due to user flow control."}',
    headers: { 'retry-after': '2' },
  },
  invalid: {
    status: 400,
    body: '{"RequestId":"R3","Code":"InvalidParameter","Message":"The parameter X is bad."}',
  },
  html502: { status: 502, body: '<html>Bad gateway</html>' },
  notJson: { status: 200, body: '{"RequestId":"R4",' },
  // An answer from a server whose clock is 10 minutes ahead (an error: every answer counts).
  ahead: { status: 503, body: '', headers: { date: new Date(Date.now() + 600_000).toUTCString() } },
};

let server: Server;
let baseUrl: string;
let lastUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    lastUrl = req.url ?? '';
    const name = new URL(lastUrl, 'http://x').pathname.replace('/api/', '');
    const a = answers[name] ?? { status: 404, body: '' };
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('apiFetch', () => {
  it('returns the JSON body of a 2xx answer and sends only the defined parameters', async () => {
    await expect(apiFetch('ok', { A: '1', B: undefined, C: '["x"]' }, { baseUrl })).resolves.toEqual({
      RequestId: 'R1',
      Data: [],
    });
    expect(lastUrl).toBe('/api/ok?A=1&C=%5B%22x%22%5D');
    await expect(apiFetch('empty', {}, { baseUrl })).resolves.toBeUndefined();
  });

  it.each([
    ['throttled', { code: 'Throttling.User', status: 429, requestId: 'R2', retryAfter: '2' }],
    [
      'invalid',
      { code: 'InvalidParameter', status: 400, requestId: 'R3', message: 'The parameter X is bad.' },
    ],
    [
      'html502',
      { code: 'HTTP502', status: 502, requestId: undefined, message: 'The server answered HTTP 502.' },
    ],
    ['notJson', { code: 'MalformedResponse', status: 200 }],
  ])('%s → ApiRequestError %j', async (name, expected) => {
    const e = await apiFetch(name, {}, { baseUrl }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiRequestError);
    expect(e).toMatchObject(expected);
  });

  it('names an unreachable server NetworkError (status 0) and rethrows an abort as is', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(apiFetch('ok', {}, { baseUrl: `http://127.0.0.1:${port}` })).rejects.toMatchObject({
      code: 'NetworkError',
      status: 0,
    });
    await expect(apiFetch('ok', {}, { baseUrl, signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('apiGet', () => {
  it('validates the body, naming a wrong shape MalformedResponse with its RequestId', async () => {
    const schema = z.object({ RequestId: z.string(), Data: z.array(z.string()) });
    await expect(apiGet('ok', {}, schema, { baseUrl })).resolves.toEqual({ RequestId: 'R1', Data: [] });
    await expect(
      apiGet('ok', {}, z.object({ Data: z.array(z.string()).min(1) }), { baseUrl }),
    ).rejects.toMatchObject({ code: 'MalformedResponse', requestId: 'R1' });
  });
});

describe('the server clock', () => {
  it("records every answer's Date header: the server's clock, skewed or not, within its 1 s resolution", async () => {
    // Node's HTTP server sends the Date header of its own clock, as the proxy does.
    await apiFetch('ok', {}, { baseUrl });
    expect(Math.abs(serverClock.offsetMs()!)).toBeLessThanOrEqual(1_000);
    await apiFetch('ahead', {}, { baseUrl }).catch(() => undefined);
    expect(Math.abs(serverClock.offsetMs()! - 600_000)).toBeLessThanOrEqual(1_500);
    expect(Math.abs(serverClock.now() - (Date.now() + 600_000))).toBeLessThanOrEqual(1_500);
  });
});
