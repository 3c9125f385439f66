import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnumItemsResponseSchema, describeProcessTasksResponseSchema } from '../../shared/sophonsoar';
import { HOSTILE_TASK_IDS, startEmulator, type RunningEmulator } from './index';
import {
  callOfficial,
  officialClient,
  send,
  v1Request,
  v3Request,
} from '../../../test/helpers/emulator-client';

// The client gets static keys through Config, never the default chain; should anything
// build the chain anyway, it must not probe the ECS metadata address.
if (!process.env.ALIBABA_CLOUD_ECS_METADATA) process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 7, tasks: 2000 });
});
afterAll(() => emu.close());

describe('the official client (V3) against the emulator', () => {
  it('lists tasks with the right key, POST and GET', async () => {
    for (const method of ['POST', 'GET'] as const) {
      const r = await callOfficial(
        officialClient(emu),
        'DescribeProcessTasks',
        { PageSize: '5' },
        { method },
      );
      expect(r.ok, JSON.stringify(r.data)).toBe(true);
      const body = describeProcessTasksResponseSchema.parse(r.body);
      expect(body.ProcessTasks).toHaveLength(5);
      expect(body.Page).toEqual({ TotalCount: 2000, PageNumber: 1, PageSize: 5 });
    }
  });

  it('passes filters whose values need RFC 3986 re-encoding (*, !, quotes, spaces, Unicode)', async () => {
    const client = officialClient(emu);
    for (const [name, id] of Object.entries(HOSTILE_TASK_IDS)) {
      const task = emu.store.all().find((t) => t.TaskId === id)!;
      const r = await callOfficial(client, 'DescribeProcessTasks', { TaskId: id });
      expect(r.ok, name).toBe(true);
      expect((r.body!.ProcessTasks as unknown[])[0], name).toEqual(task);
    }
    const r = await callOfficial(client, 'DescribeProcessTasks', {
      ParamContent: `(x)*!' 恶意 "q"`,
      TaskStatus: '["90","91"]',
    });
    expect(r.ok).toBe(true);
  });

  it('sends form-body parameters (POST formData) and they are signed and honoured', async () => {
    const r = await callOfficial(
      officialClient(emu),
      'DescribeProcessTasks',
      {},
      { body: { TaskId: HOSTILE_TASK_IDS.chineseText } },
    );
    expect(r.ok, JSON.stringify(r.data)).toBe(true);
    expect((r.body!.Page as { TotalCount: number }).TotalCount).toBe(1);
  });

  it('answers DescribeEnumItems with the scene codes present in the data', async () => {
    // GET: the metadata declares DescribeEnumItems GET only (the emulator refuses POST).
    const r = await callOfficial(
      officialClient(emu),
      'DescribeEnumItems',
      { EnumType: 'process' },
      { method: 'GET' },
    );
    const body = describeEnumItemsResponseSchema.parse(r.body);
    const codes = new Set(emu.store.all().flatMap((t) => (t.SceneCode ? [t.SceneCode] : [])));
    expect(body.Data.map((d) => d.Key)).toEqual([...codes].sort());
    const zh = await callOfficial(
      officialClient(emu),
      'DescribeEnumItems',
      { EnumType: 'process', Lang: 'zh' },
      { method: 'GET' },
    );
    expect(JSON.stringify(zh.body)).toContain('云防火墙');
  });

  it.each([
    ['a wrong secret', { accessKeySecret: 'not-the-secret' }, 'SignatureDoesNotMatch', 400],
    ['an unknown key', { accessKeyId: 'LTAIunknownKey' }, 'InvalidAccessKeyId.NotFound', 404],
  ])('fails for %s', async (_case, keys, code, status) => {
    const r = await callOfficial(officialClient(emu, keys), 'DescribeProcessTasks', {});
    expect(r).toMatchObject({ ok: false, code, statusCode: status });
    expect(r.data).toMatchObject({ Code: code, RequestId: expect.any(String), HostId: expect.any(String) });
    expect(String(r.data!.Recommend)).toContain(code);
  });

  it.each([
    ['an unknown action', 'DescribeEverything', '2022-07-28', 'InvalidAction.NotFound', 404],
    ['a wrong version', 'DescribeProcessTasks', '2021-01-01', 'InvalidVersion', 400],
  ])('fails for %s', async (_case, action, version, code, status) => {
    const r = await callOfficial(officialClient(emu), action, {}, { version });
    expect(r).toMatchObject({ ok: false, code, statusCode: status });
  });

  it.each([
    [{ PageSize: '0' }, 'PageSize'],
    [{ TaskStatus: '90' }, 'TaskStatus'],
    [{ OrderField: 'entityName' }, 'OrderField'],
    [{ Direction: 'sideways' }, 'Direction'],
    [{ ProcessActionStart: '12345' }, 'ProcessActionStart'],
    [{ Bogus: '1' }, 'Bogus'],
  ])('names the bad parameter in InvalidParameter: %j', async (query, name) => {
    const r = await callOfficial(officialClient(emu), 'DescribeProcessTasks', query);
    expect(r).toMatchObject({ ok: false, code: 'InvalidParameter', statusCode: 400 });
    expect(String(r.data!.Message)).toContain(name);
  });

  it('reports a missing EnumType as MissingParameter', async () => {
    const r = await callOfficial(officialClient(emu), 'DescribeEnumItems', {}, { method: 'GET' });
    expect(r).toMatchObject({ ok: false, code: 'MissingParameter' });
    expect(String(r.data!.Message)).toContain('EnumType');
  });

  it('fails with InvalidTimeStamp.Expired when the clocks are 20 minutes apart', async () => {
    const skewed = await startEmulator({ port: 0, tasks: 10, now: () => Date.now() + 20 * 60_000 });
    try {
      const r = await callOfficial(officialClient(skewed), 'DescribeProcessTasks', {});
      expect(r).toMatchObject({ ok: false, code: 'InvalidTimeStamp.Expired', statusCode: 400 });
    } finally {
      await skewed.close();
    }
  });
});

describe('raw V3 requests signed with our signing module', () => {
  it('accepts a request once and refuses the replay with SignatureNonceUsed', async () => {
    const req = v3Request(emu, { query: [['PageSize', '1']] });
    expect((await req.send()).status).toBe(200);
    const replay = await req.send();
    expect(replay).toMatchObject({ status: 400, json: { Code: 'SignatureNonceUsed' } });
  });

  it.each([
    ['16 minutes old', -16 * 60_000, 'InvalidTimeStamp.Expired'],
    ['16 minutes ahead', 16 * 60_000, 'InvalidTimeStamp.Expired'],
  ])('refuses a date %s', async (_c, offset, code) => {
    const r = await v3Request(emu, { date: Date.now() + offset }).send();
    expect(r).toMatchObject({ status: 400, json: { Code: code } });
  });

  it('accepts a date 14 minutes old', async () => {
    expect((await v3Request(emu, { date: Date.now() - 14 * 60_000 }).send()).status).toBe(200);
  });

  it('accepts a signed form body (POST) and honours its parameters', async () => {
    const r = await v3Request(emu, { form: [['TaskId', HOSTILE_TASK_IDS.emojiText]] }).send();
    expect(r.status).toBe(200);
    expect((r.json.Page as { TotalCount: number }).TotalCount).toBe(1);
  });

  it('verifies against the SignedHeaders the request carries (extra signed x-acs headers)', async () => {
    const r = await v3Request(emu, { extraHeaders: { 'x-acs-credentials-provider': 'static_ak' } }).send();
    expect(r.status).toBe(200);
  });

  it('accepts an upper-case x-acs-content-sha256 (signed as sent)', async () => {
    const upper = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
    expect((await v3Request(emu, { extraHeaders: { 'x-acs-content-sha256': upper } }).send()).status).toBe(
      200,
    );
  });

  type Tamper = (h: Record<string, string>) => Record<string, string>;
  const swapAuth =
    (re: RegExp, to: string): Tamper =>
    (h) => ({ ...h, authorization: h.authorization!.replace(re, to) });
  it.each<[string, Tamper, string]>([
    [
      'an x-acs header left out of SignedHeaders',
      (h) => ({ ...h, 'x-acs-extra': 'x' }),
      'IncompleteSignature',
    ],
    [
      'host left out of SignedHeaders',
      swapAuth(/SignedHeaders=host;/, 'SignedHeaders='),
      'IncompleteSignature',
    ],
    ['no Authorization', ({ authorization: _a, ...h }) => h, 'IncompleteSignature'],
    ['another algorithm', swapAuth(/^ACS3-HMAC-SHA256/, 'ACS3-HMAC-SM3'), 'IncompleteSignature'],
    ['no nonce', ({ 'x-acs-signature-nonce': _n, ...h }) => h, 'IncompleteSignature'],
    ['a bad date format', (h) => ({ ...h, 'x-acs-date': 'yesterday' }), 'InvalidTimeStamp.Format'],
    ['a changed action', (h) => ({ ...h, 'x-acs-action': 'DescribeEnumItems' }), 'SignatureDoesNotMatch'],
    [
      'a wrong body hash',
      (h) => ({ ...h, 'x-acs-content-sha256': 'ab'.repeat(32) }),
      'SignatureDoesNotMatch',
    ],
  ])('refuses %s', async (_case, tamper, code) => {
    const req = v3Request(emu, { query: [['PageSize', '1']] });
    const r = await send(emu, 'POST', [['PageSize', '1']], tamper(req.headers));
    expect(r.json.Code).toBe(code);
    expect(r.status).toBe(400);
  });

  it('refuses a changed query value (the signature covers it)', async () => {
    const req = v3Request(emu, { query: [['PageSize', '1']] });
    const r = await send(emu, 'POST', [['PageSize', '2']], req.headers);
    expect(r).toMatchObject({ status: 400, json: { Code: 'SignatureDoesNotMatch' } });
  });
});

describe('V1 (HMAC-SHA1) requests, as the aliyun CLI sends them', () => {
  it.each([
    ['GET with query parameters', { method: 'GET' as const }],
    ['POST with query parameters', { method: 'POST' as const }],
    ['POST with a form body', { method: 'POST' as const, inForm: true }],
  ])('succeeds: %s', async (_c, o) => {
    const r = await v1Request(emu, { ...o, params: [['TaskId', HOSTILE_TASK_IDS.formulaHyperlink]] }).send();
    expect(r.status).toBe(200);
    expect((r.json.ProcessTasks as { TaskId: string }[])[0]!.TaskId).toBe(HOSTILE_TASK_IDS.formulaHyperlink);
  });

  it.each([
    ['a wrong secret', { accessKeySecret: 'nope' }, 'SignatureDoesNotMatch', 400],
    ['an unknown key', { accessKeyId: 'LTAInobody' }, 'InvalidAccessKeyId.NotFound', 404],
    ['an expired Timestamp', { date: Date.now() - 30 * 60_000 }, 'InvalidTimeStamp.Expired', 400],
    ['an unknown action', { action: 'DeleteEverything' }, 'InvalidAction.NotFound', 404],
    ['a bad parameter', { params: [['PageSize', '101']] as [string, string][] }, 'InvalidParameter', 400],
  ])('fails for %s', async (_c, o, code, status) => {
    const r = await v1Request(emu, o).send();
    expect(r).toMatchObject({ status, json: { Code: code } });
  });

  it('refuses a replayed SignatureNonce', async () => {
    const req = v1Request(emu);
    expect((await req.send()).status).toBe(200);
    expect(await req.send()).toMatchObject({ status: 400, json: { Code: 'SignatureNonceUsed' } });
  });

  it('refuses a tampered parameter and a missing Timestamp', async () => {
    const req = v1Request(emu, { params: [['PageSize', '1']] });
    const tampered = req.params.map(([k, v]) => [k, k === 'PageSize' ? '2' : v] as [string, string]);
    expect((await send(emu, 'GET', tampered, {})).json.Code).toBe('SignatureDoesNotMatch');
    const noTime = req.params.filter(([k]) => k !== 'Timestamp');
    expect(await send(emu, 'GET', noTime, {})).toMatchObject({
      status: 400,
      json: { Code: 'MissingParameter' },
    });
  });
});

describe('the credential chain', () => {
  it('never asks for ECS metadata: every connection goes to the emulator', async () => {
    const { subscribe, unsubscribe } = await import('node:diagnostics_channel');
    const hosts: string[] = [];
    const onRequest = (msg: unknown) => {
      const req = (msg as { request: { host: string } }).request;
      hosts.push(req.host);
    };
    subscribe('http.client.request.start', onRequest);
    try {
      const r = await callOfficial(officialClient(emu), 'DescribeProcessTasks', { PageSize: '1' });
      expect(r.ok).toBe(true);
    } finally {
      unsubscribe('http.client.request.start', onRequest);
    }
    expect(hosts.length).toBeGreaterThan(0);
    expect(hosts.every((h) => h === '127.0.0.1')).toBe(true);
  });
});
