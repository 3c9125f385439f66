import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index';
import { NO_FAULTS } from './faults';
import { v3Request } from '../../../test/helpers/emulator-client';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 3, tasks: 300 });
});
afterAll(() => emu.close());
beforeEach(() => emu.setFaults(NO_FAULTS));

const admin = async (method: string, path: string, body?: string) => {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

/** A raw signed request whose outcome is reported even when the socket dies. */
function rawCall(): Promise<{ status?: number; text?: string; error?: string; ms: number }> {
  const req = v3Request(emu, { query: [['PageSize', '3']] });
  const { host: _h, ...headers } = req.headers;
  const started = Date.now();
  return new Promise((resolve) => {
    const r = httpRequest(`${emu.url}/?PageSize=3`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text, ms: Date.now() - started }));
      res.on('error', (e) => resolve({ error: e.message, ms: Date.now() - started }));
    });
    r.on('error', (e) =>
      resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message, ms: Date.now() - started }),
    );
    r.end();
  });
}

describe('admin routes', () => {
  it('reports health and the current faults', async () => {
    expect(await admin('GET', '/__admin/health')).toMatchObject({
      status: 200,
      json: { status: 'ok', tasks: 300 },
    });
    expect(await admin('GET', '/__admin/faults')).toEqual({ status: 200, json: { ...NO_FAULTS } });
  });

  it('merges a valid partial update', async () => {
    const r = await admin('PUT', '/__admin/faults', JSON.stringify({ latencyMs: 5, throttleRate: 0.25 }));
    expect(r).toEqual({ status: 200, json: { ...NO_FAULTS, latencyMs: 5, throttleRate: 0.25 } });
    expect(emu.faults()).toMatchObject({ latencyMs: 5, throttleRate: 0.25 });
  });

  it.each([
    ['not JSON', '{oops', 'JSON object'],
    ['a rate above 1', '{"errorRate": 1.5}', 'errorRate'],
    ['a negative latency', '{"latencyMs": -1}', 'latencyMs'],
    ['a string', '{"qpsPerKey": "5"}', 'qpsPerKey'],
    ['an unknown fault', '{"explode": true}', 'explode'],
    ['an array', '[1]', 'body'],
  ])('refuses %s with 400 naming it', async (_c, body, word) => {
    const r = await admin('PUT', '/__admin/faults', body);
    expect(r.status).toBe(400);
    expect(r.json.Code).toBe('InvalidParameter');
    expect(String(r.json.Message)).toContain(word);
    expect(emu.faults()).toEqual(NO_FAULTS);
  });

  it('toggles live mode and refuses a bad body', async () => {
    expect(await admin('PUT', '/__admin/live', '{"live": true}')).toEqual({
      status: 200,
      json: { live: true },
    });
    expect((await admin('GET', '/__admin/health')).json.live).toBe(true);
    expect(await admin('PUT', '/__admin/live', '{"live": false}')).toEqual({
      status: 200,
      json: { live: false },
    });
    expect((await admin('PUT', '/__admin/live', '{"live": "yes"}')).status).toBe(400);
  });
});

describe('faults', () => {
  it('throttleRate 1 → Throttling.User on every call', async () => {
    emu.setFaults({ throttleRate: 1 });
    const r = await v3Request(emu).send();
    expect(r).toMatchObject({ status: 400, json: { Code: 'Throttling.User' } });
  });

  it('errorRate 1 → a 5xx in Alibaba shape', async () => {
    emu.setFaults({ errorRate: 1 });
    for (let i = 0; i < 4; i++) {
      const r = await v3Request(emu).send();
      expect([500, 503]).toContain(r.status);
      expect(['ServiceUnavailable', 'InternalError']).toContain(r.json.Code);
    }
  });

  it('qpsPerKey caps calls per access key within a sliding second', async () => {
    emu.setFaults({ qpsPerKey: 3 });
    const results = await Promise.all(Array.from({ length: 6 }, () => v3Request(emu).send()));
    const codes = results.map((r) => (r.status === 200 ? 'ok' : r.json.Code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(codes.filter((c) => c === 'Throttling.User')).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await v3Request(emu).send()).status).toBe(200);
  });

  it('/__admin/calls lists each signed call once, when it arrived and whether the cap let it pass', async () => {
    const before = ((await admin('GET', '/__admin/calls')).json.calls as unknown[]).length;
    emu.setFaults({ qpsPerKey: 2 });
    const t0 = performance.now();
    const answers = await Promise.all(Array.from({ length: 3 }, () => v3Request(emu).send()));
    const calls = (
      (await admin('GET', '/__admin/calls')).json.calls as { at: number; allowed: boolean }[]
    ).slice(before);
    expect(calls).toHaveLength(3);
    expect(calls.filter((c) => c.allowed)).toHaveLength(answers.filter((a) => a.status === 200).length);
    expect(calls.filter((c) => !c.allowed).length).toBeGreaterThanOrEqual(1);
    for (const c of calls) expect(c.at).toBeGreaterThanOrEqual(t0);
  });

  it('latencyMs delays the answer', async () => {
    emu.setFaults({ latencyMs: 150 });
    const r = await rawCall();
    expect(r.status).toBe(200);
    expect(r.ms).toBeGreaterThanOrEqual(140);
  });

  it('resetRate 1 destroys the connection without an answer', async () => {
    emu.setFaults({ resetRate: 1 });
    const r = await rawCall();
    expect(r.status).toBeUndefined();
    expect(r.error).toMatch(/ECONNRESET|socket hang up/);
  });

  it('malformedRate 1 answers 200 with a body that is not JSON', async () => {
    emu.setFaults({ malformedRate: 1 });
    const r = await rawCall();
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text!)).toThrow();
  });

  it('trickleMs spreads a complete, valid body over that time', async () => {
    emu.setFaults({ trickleMs: 300 });
    const r = await rawCall();
    expect(r.status).toBe(200);
    expect(r.ms).toBeGreaterThanOrEqual(250);
    expect((JSON.parse(r.text!) as { ProcessTasks: unknown[] }).ProcessTasks).toHaveLength(3);
  });

  it('faults from options apply from the start, and admin routes are never faulted', async () => {
    const faulty = await startEmulator({ port: 0, tasks: 30, faults: { throttleRate: 1 } });
    try {
      expect(faulty.faults().throttleRate).toBe(1);
      const res = await fetch(`${faulty.url}/__admin/health`);
      expect(res.status).toBe(200);
      expect((await v3Request(faulty).send()).json.Code).toBe('Throttling.User');
    } finally {
      await faulty.close();
    }
  });

  it('setFaults refuses invalid values', () => {
    expect(() => emu.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
  });
});

describe('malformed requests', () => {
  it.each([
    ['GET', '/%', 400, 'InvalidParameter'],
    ['GET', '/?a=%', 400, 'IncompleteSignature'],
    ['PUT', '/', 404, 'InvalidAction.NotFound'],
    ['GET', '/elsewhere', 404, 'InvalidAction.NotFound'],
  ])('%s %s → %i %s in Alibaba shape', async (method, path, status, code) => {
    const res = await fetch(`${emu.url}${path}`, { method });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({
      Code: code,
      RequestId: expect.any(String),
      HostId: expect.any(String),
    });
  });

  it('refuses a body over 1 MB with a 413 in Alibaba shape', async () => {
    const r = await v3Request(emu, { form: [['ParamContent', 'x'.repeat(1_100_000)]] }).send();
    expect(r.status).toBe(413);
    expect(r.json.Code).toBe('InvalidParameter');
  });

  it('refuses a repeated parameter, naming it', async () => {
    const r = await v3Request(emu, {
      query: [
        ['PageSize', '1'],
        ['PageSize', '2'],
      ],
    }).send();
    expect(r).toMatchObject({ status: 400, json: { Code: 'InvalidParameter' } });
    expect(String(r.json.Message)).toContain('PageSize');
  });
});
