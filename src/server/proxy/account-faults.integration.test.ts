/**
 * Errors that tell the analyst how to fix the account, over real sockets: the official
 * client against the emulator's RAM denial, the proxy against the emulator, and the proxy
 * against a loopback upstream that answers Alibaba's credential-fault bodies (the
 * emulator does not issue STS tokens, so it cannot expire one).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { startEmulator, type RunningEmulator } from '../emulator/index';
import { callOfficial, officialClient } from '../../../test/helpers/emulator-client';
import { staticCredential } from './credential-chain';
import { captureLogs } from '../../../test/helpers/log-capture';

let emu: RunningEmulator;
let canned: Server;
let cannedEndpoint: string;
/** The body and status the canned upstream answers next. */
let cannedReply: { status: number; body: unknown } = { status: 500, body: {} };
const { logger, records: logs } = captureLogs();

async function proxyTo(endpoint: string, keys: { id: string; secret: string }) {
  return buildApp({
    config: { upstream: { timeoutMs: 2000, deadlineMs: 5000, retries: 2 }, rateLimitPerMinute: 100_000 },
    upstream: {
      mode: 'live',
      endpoint,
      protocol: 'http',
      credential: staticCredential(keys.id, keys.secret),
    },
    version: 'test',
    logger,
    staticRoot: false,
    backoff: { baseDelayMs: 1, maxDelayMs: 5 },
  });
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, tasks: 50, seed: 5, live: false, logger: false });
  canned = createServer((req, res) => {
    req.resume();
    res.statusCode = cannedReply.status;
    res.setHeader('content-type', 'application/json;charset=utf-8');
    res.end(JSON.stringify(cannedReply.body));
  });
  canned.listen(0, '127.0.0.1');
  await new Promise((r) => canned.once('listening', r));
  cannedEndpoint = `127.0.0.1:${(canned.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emu.close();
  canned.closeAllConnections();
  await new Promise((r) => canned.close(r));
});
beforeEach(() => {
  emu.setFaults({ ramDenyRate: 0 });
  logs.length = 0;
});

describe('the emulator’s RAM denial, as the official client sees it', () => {
  it.each(['DescribeProcessTasks', 'DescribeEnumItems'])(
    '%s: 403 NoPermission naming yundun-sas:%s',
    async (action) => {
      emu.setFaults({ ramDenyRate: 1 });
      const r = await callOfficial(
        officialClient(emu),
        action,
        action === 'DescribeEnumItems' ? { EnumType: 'process' } : {},
      );
      expect(r.ok).toBe(false);
      expect(r.statusCode).toBe(403);
      expect(r.code).toBe('NoPermission');
      expect(r.data).toMatchObject({
        HostId: 'sophonsoar.aliyuncs.com',
        Recommend: expect.stringMatching(/^https:\/\/api\.aliyun\.com\/troubleshoot\?q=NoPermission&/),
        AccessDeniedDetail: {
          AuthAction: `yundun-sas:${action}`,
          NoPermissionType: 'ImplicitDeny',
          PolicyType: 'AccountLevelIdentityBasedPolicy',
          AuthPrincipalType: 'SubUser',
          AuthPrincipalDisplayName: expect.any(String),
          AuthPrincipalOwnerId: expect.stringMatching(/^\d{16}$/),
          EncodedDiagnosticMessage: expect.stringMatching(/^[A-Za-z0-9+/=]+$/),
        },
      });
    },
  );

  it('the fault is off by default: the same call succeeds', async () => {
    const r = await callOfficial(officialClient(emu), 'DescribeProcessTasks', { PageSize: '1' });
    expect(r.ok).toBe(true);
  });
});

describe('the proxy passes the account hints on, to the browser and the log', () => {
  it('a RAM denial: 502 with NoPermission, the action to grant, Recommend and HostId; not retried', async () => {
    emu.setFaults({ ramDenyRate: 1 });
    const app = await proxyTo(emu.endpoint, { id: emu.accessKeyId, secret: emu.accessKeySecret });
    try {
      const r = await app.inject('/api/DescribeProcessTasks?PageSize=3');
      expect(r.statusCode).toBe(502);
      const body = r.json() as Record<string, unknown>;
      expect(body).toMatchObject({
        Code: 'NoPermission',
        Message: 'User not authorized to operate on the specified resource.',
        HostId: 'sophonsoar.aliyuncs.com',
        Recommend: expect.stringMatching(/^https:\/\/api\.aliyun\.com\//),
        AccessDeniedDetail: {
          AuthAction: 'yundun-sas:DescribeProcessTasks',
          NoPermissionType: 'ImplicitDeny',
        },
      });
      const line = logs.find((l) => l.msg === 'upstream call failed');
      expect(line).toMatchObject({
        status: 502,
        code: 'NoPermission',
        attempts: 1,
        hostId: 'sophonsoar.aliyuncs.com',
        recommend: body.Recommend,
        accessDeniedDetail: { AuthAction: 'yundun-sas:DescribeProcessTasks' },
      });
      expect(line?.upstreamRequestId).toBe(body.RequestId);
    } finally {
      await app.close();
    }
  });

  it.each<[string, { id: string; secret: string } | 'emu', string]>([
    [
      'an unknown AccessKey ID',
      { id: 'LTAIunknownToTheEmulator', secret: 'whatever-secret' },
      'InvalidAccessKeyId.NotFound',
    ],
    ['a wrong secret', 'emu', 'SignatureDoesNotMatch'],
  ])('%s against the emulator: 502 with the upstream Code', async (_name, keys, code) => {
    const k = keys === 'emu' ? { id: emu.accessKeyId, secret: 'not-the-emulator-secret' } : keys;
    const app = await proxyTo(emu.endpoint, k);
    try {
      const r = await app.inject('/api/DescribeProcessTasks?PageSize=3');
      expect(r.statusCode).toBe(502);
      expect(r.json()).toMatchObject({ Code: code, HostId: 'sophonsoar.aliyuncs.com' });
      expect(r.body).not.toContain(k.secret);
    } finally {
      await app.close();
    }
  });

  it.each<[number, string]>([
    [400, 'InvalidSecurityToken.Expired'],
    [400, 'InvalidSecurityToken.Malformed'],
    [400, 'InvalidSecurityToken.MismatchWithAccessKey'],
    [400, 'InvalidAccessKeyId.Inactive'],
    [404, 'InvalidAccessKeyId.NotFound'],
    [403, 'Forbidden.RAM'],
  ])('upstream %i %s: 502 with that Code', async (status, code) => {
    cannedReply = {
      status,
      body: {
        RequestId: 'CANNED-1',
        HostId: 'sophonsoar.aliyuncs.com',
        Code: code,
        Message: `${code} said upstream`,
      },
    };
    const app = await proxyTo(cannedEndpoint, { id: 'LTAIcanned', secret: 'canned-secret' });
    try {
      const r = await app.inject('/api/DescribeProcessTasks?PageSize=3');
      expect(r.statusCode).toBe(502);
      expect(r.json()).toEqual({
        RequestId: 'CANNED-1',
        HostId: 'sophonsoar.aliyuncs.com',
        Code: code,
        Message: `${code} said upstream`,
      });
    } finally {
      await app.close();
    }
  });

  it('keeps a hostile Recommend as the text it is (the page decides what is a link) and drops unknown detail', async () => {
    cannedReply = {
      status: 403,
      body: {
        RequestId: 'CANNED-2',
        Code: 'NoPermission',
        Message: 'denied',
        Recommend: 'javascript:alert(1)',
        AccessDeniedDetail: {
          AuthAction: 'yundun-sas:DescribeProcessTasks',
          Injected: '<script>',
          PolicyType: 7,
        },
      },
    };
    const app = await proxyTo(cannedEndpoint, { id: 'LTAIcanned', secret: 'canned-secret' });
    try {
      const r = await app.inject('/api/DescribeProcessTasks?PageSize=3');
      expect(r.json()).toMatchObject({
        Recommend: 'javascript:alert(1)',
        AccessDeniedDetail: { AuthAction: 'yundun-sas:DescribeProcessTasks' },
      });
      expect(Object.keys((r.json() as { AccessDeniedDetail: object }).AccessDeniedDetail)).toEqual([
        'AuthAction',
      ]);
    } finally {
      await app.close();
    }
  });
});
