/**
 * The emulator's admin routes over real loopback sockets. Requests are written byte by
 * byte so the Host header can be forged (a DNS-rebinding page reaches 127.0.0.1 under its
 * own name): only a loopback Host from a loopback client, or the admin token, is answered.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_FAULTS, startEmulator, type RunningEmulator } from '../../src/server/emulator';
import { v3Request } from '../helpers/emulator-client';
import { captureLogs } from '../helpers/log-capture';

const TOKEN = 'admin-token-for-this-test-0123456789';

let emu: RunningEmulator;
let guarded: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, tasks: 50, logger: false });
  guarded = await startEmulator({ port: 0, tasks: 50, logger: false, adminToken: TOKEN });
});
afterAll(async () => {
  await emu?.close();
  await guarded?.close();
});
beforeEach(() => {
  emu.setFaults(NO_FAULTS);
  guarded.setFaults(NO_FAULTS);
});

/** One raw HTTP/1.1 request; `host: null` sends no Host header at all. */
function raw(
  target: RunningEmulator,
  method: string,
  path: string,
  host: string | null,
  opts: { body?: string; headers?: string[]; version?: string; contentType?: string | null } = {},
): Promise<{ status: number; body: string; headers: Record<string, string> }> {
  const body = opts.body ?? '';
  const lines = [
    `${method} ${path} ${opts.version ?? 'HTTP/1.1'}`,
    ...(host === null ? [] : [`Host: ${host}`]),
    ...(opts.headers ?? []),
    ...(body && opts.contentType !== null ? [`Content-Type: ${opts.contentType ?? 'application/json'}`] : []),
    ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []),
    'Connection: close',
  ];
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: target.port });
    let text = '';
    socket.setEncoding('utf8');
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (c: string) => (text += c));
    socket.on('error', reject);
    socket.on('close', () => {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (!m) return reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      const head = text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n').slice(1);
      const headers = Object.fromEntries(
        head.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(m[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4), headers });
    });
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}

const port = () => emu.port;

describe('admin routes without a token', () => {
  it.each([
    ['127.0.0.1:PORT'],
    ['127.0.0.1'],
    ['localhost:PORT'],
    ['LOCALHOST'],
    ['[::1]:PORT'],
    ['127.8.9.10:PORT'],
  ])('Host %s from a loopback client is answered', async (host) => {
    const r = await raw(emu, 'GET', '/__admin/faults', host.replace('PORT', String(port())));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ...NO_FAULTS });
  });

  it.each([
    ['rebind.attacker.example:PORT'],
    ['rebind.attacker.example'],
    ['127.0.0.1.attacker.example:PORT'],
    ['localhost.attacker.example'],
    ['attacker.example@127.0.0.1'],
    ['127.0.0.1:PORT/x'],
    ['10.0.0.1:PORT'],
    ['0.0.0.0:PORT'],
    ['[::ffff:a00:1]:PORT'],
    [''],
  ])('Host %j is refused with 403, even from a loopback client', async (host) => {
    const h = host.replace('PORT', String(port()));
    for (const [method, path, body] of [
      ['GET', '/__admin/faults', undefined],
      ['GET', '/__admin/health', undefined],
      ['PUT', '/__admin/faults', '{"throttleRate": 1}'],
      ['PUT', '/__admin/live', '{"live": true}'],
    ] as const) {
      const r = await raw(emu, method, path, h, body ? { body } : {});
      expect([method, path, r.status]).toEqual([method, path, 403]);
    }
    expect(emu.faults()).toEqual(NO_FAULTS);
    const health = await raw(emu, 'GET', '/__admin/health', `127.0.0.1:${port()}`);
    expect(JSON.parse(health.body)).toMatchObject({ live: false });
  });

  it('a request without any Host header (HTTP/1.0) is refused', async () => {
    const r = await raw(emu, 'GET', '/__admin/faults', null, { version: 'HTTP/1.0' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ Code: 'Forbidden' });
  });

  it('a bearer token is no use when none is configured', async () => {
    const r = await raw(emu, 'GET', '/__admin/faults', 'rebind.attacker.example', {
      headers: ['Authorization: Bearer undefined'],
    });
    expect(r.status).toBe(403);
  });

  it('the RPC endpoint does not depend on the admin guard (its signature covers the Host)', async () => {
    expect((await v3Request(emu, { query: [['PageSize', '1']] }).send()).status).toBe(200);
  });
});

describe('no change of faults by a CORS-simple request (a web page)', () => {
  const own = () => `127.0.0.1:${port()}`;

  it.each([
    ['text/plain from another origin', 'text/plain', ['Origin: http://evil.example']],
    ['text/plain, no Origin', 'text/plain', []],
    ['a form from another origin', 'application/x-www-form-urlencoded', ['Origin: http://evil.example']],
    ['multipart, no Origin', 'multipart/form-data; boundary=x', []],
    ['no Content-Type', null, []],
    ['JSON from another origin', 'application/json', ['Origin: http://evil.example']],
    ['JSON from Origin: null', 'application/json', ['Origin: null']],
    ['JSON from the same host on another port', 'application/json', ['Origin: http://127.0.0.1:1']],
    ['JSON from https on the same host', 'application/json', ['Origin: https://127.0.0.1:PORT']],
  ] as const)('%s is refused and changes nothing', async (_name, contentType, headers) => {
    for (const path of ['/__admin/faults', '/__admin/live']) {
      const body = path.endsWith('faults') ? '{"throttleRate": 1}' : '{"live": true}';
      const r = await raw(emu, 'PUT', path, own(), {
        body,
        contentType,
        headers: headers.map((h) => h.replace('PORT', String(port()))),
      });
      // Another origin is refused first (403), then a body that is not declared JSON (415).
      expect([path, r.status]).toEqual([path, headers.length > 0 ? 403 : 415]);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cache-control']).toBe('no-store');
    }
    expect(emu.faults()).toEqual(NO_FAULTS);
    const health = await raw(emu, 'GET', '/__admin/health', own());
    expect(JSON.parse(health.body)).toMatchObject({ live: false });
  });

  it('a GET from another origin is refused too (a page may not read the faults)', async () => {
    const r = await raw(emu, 'GET', '/__admin/faults', own(), { headers: ['Origin: http://evil.example'] });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ Code: 'Forbidden.Origin' });
  });

  it.each([
    ['no Origin', []],
    ['its own origin', ['Origin: http://127.0.0.1:PORT']],
    ['its own origin in upper case', ['Origin: HTTP://127.0.0.1:PORT']],
  ] as const)('JSON with %s is accepted, with nosniff and no-store', async (_name, headers) => {
    const r = await raw(emu, 'PUT', '/__admin/faults', own(), {
      body: '{"latencyMs": 3}',
      contentType: 'application/json; charset=utf-8',
      headers: headers.map((h) => h.replace('PORT', String(port()))),
    });
    expect(r.status).toBe(200);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(emu.faults().latencyMs).toBe(3);
  });

  it('refusals for a foreign Host carry nosniff and no-store too', async () => {
    const r = await raw(emu, 'GET', '/__admin/health', 'rebind.attacker.example');
    expect(r.status).toBe(403);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
  });
});

describe('admin routes with EMULATOR_ADMIN_TOKEN', () => {
  it('the token opens them under any Host', async () => {
    const r = await raw(guarded, 'PUT', '/__admin/faults', 'emulator.example:8787', {
      body: '{"latencyMs": 5}',
      headers: [`Authorization: Bearer ${TOKEN}`],
    });
    expect(r.status).toBe(200);
    expect(guarded.faults().latencyMs).toBe(5);
  });

  it.each([
    ['a wrong token', `Bearer ${TOKEN}x`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 10)}`],
    ['another scheme', `Basic ${TOKEN}`],
    ['no scheme', TOKEN],
  ])('%s under a foreign Host is refused', async (_name, authorization) => {
    const r = await raw(guarded, 'PUT', '/__admin/faults', 'emulator.example:8787', {
      body: '{"latencyMs": 7}',
      headers: [`Authorization: ${authorization}`],
    });
    expect(r.status).toBe(403);
    expect(guarded.faults().latencyMs).toBe(0);
  });

  it('a loopback Host from a loopback client still needs no token', async () => {
    const r = await raw(guarded, 'GET', '/__admin/health', `localhost:${guarded.port}`);
    expect(r.status).toBe(200);
  });
});

describe('EMULATOR_HOST off loopback', () => {
  it('warns at start, naming the host and whether an admin token is set', async () => {
    const { logger, records: lines } = captureLogs('warn');
    // 192.0.2.1 (TEST-NET-1) is on no interface here: listen fails, so nothing is exposed,
    // and the warning must already have been given by then.
    await expect(startEmulator({ host: '192.0.2.1', port: 0, tasks: 10, logger })).rejects.toThrow(
      /EADDRNOTAVAIL/,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, host: '192.0.2.1', adminToken: 'not set' });
    expect(String(lines[0]!.msg)).toMatch(/EMULATOR_HOST=192\.0\.2\.1 is not a loopback address/);

    lines.length = 0;
    const loopback = await startEmulator({ host: '127.0.0.1', port: 0, tasks: 10, logger });
    await loopback.close();
    expect(lines).toEqual([]);
  });
});
