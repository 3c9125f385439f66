/**
 * Test harness (never imported by the product): answers the two Alibaba Cloud services the
 * credential chain reaches by itself, inside the test process, so no test sends traffic to
 * 100.100.100.200 or to sts.aliyuncs.com.
 *
 * - The ECS instance metadata service (IMDSv2 token, role name, role credentials). The
 *   library hard-codes `http://100.100.100.200` (providers/ecs_ram_role.js, version 2.4),
 *   so the redirection is at the socket level: http.Agent's createConnection sends
 *   connections for that address to a loopback responder.
 * - STS AssumeRole over https (providers/ram_role_arn.js: `https://<stsEndpoint>/`, default
 *   sts.aliyuncs.com): https.Agent's createConnection sends it to a loopback TLS responder
 *   whose certificate (made with openssl for the run) only this process trusts. The
 *   responder checks the V1 (HMAC-SHA1) signature with the source credentials.
 *
 * The guard: every socket connect is checked; one to 100.100.100.200 that was not
 * redirected is blocked and recorded in `violations`, and so is every name lookup.
 */
import { execFileSync } from 'node:child_process';
import dns from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import net, { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { v1Signature, v1StringToSign, type ParamPair } from '../../src/server/emulator/signing';

export const METADATA_ADDRESS = '100.100.100.200';
export const STS_HOST = 'sts.aliyuncs.com';

export interface Keys {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface FakeCloudOptions {
  /** The role the instance carries; its credentials are `ecsRole`. */
  roleName: string;
  ecsRole: Required<Keys>;
  /** What AssumeRole hands out; it must be signed with one of the `from` keys. */
  assumed?: { keys: Required<Keys>; from: Keys[] };
}

export interface FakeCloud {
  /** "<METHOD> <path>" of each metadata request, in order. */
  metadataRequests: string[];
  /** RoleArn of each AssumeRole call whose signature checked out. */
  assumeRoleCalls: { roleArn: string; accessKeyId: string; securityToken?: string }[];
  /** Blocked connections to 100.100.100.200 and refused name lookups. */
  violations: string[];
  close(): Promise<void>;
}

const IMDS_TOKEN = 'fake-imds-token-for-tests';

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function metadataHandler(opts: FakeCloudOptions, log: string[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    log.push(`${req.method} ${path}`);
    const send = (status: number, body: string) => {
      res.statusCode = status;
      res.end(body);
    };
    if (req.method === 'PUT' && path === '/latest/api/token') return send(200, IMDS_TOKEN);
    // IMDSv2 only: a request without the token is refused, as an instance set to
    // "token required" does.
    if (req.headers['x-aliyun-ecs-metadata-token'] !== IMDS_TOKEN) return send(401, 'token required');
    const prefix = '/latest/meta-data/ram/security-credentials/';
    if (req.method !== 'GET' || !path.startsWith(prefix)) return send(404, 'not found');
    const role = path.slice(prefix.length);
    if (role === '') return send(200, opts.roleName);
    if (role !== opts.roleName) return send(404, 'not found');
    const now = Date.now();
    send(
      200,
      JSON.stringify({
        Code: 'Success',
        AccessKeyId: opts.ecsRole.accessKeyId,
        AccessKeySecret: opts.ecsRole.accessKeySecret,
        SecurityToken: opts.ecsRole.securityToken,
        Expiration: isoSeconds(now + 6 * 3600_000),
        LastUpdated: isoSeconds(now),
      }),
    );
  };
}

function stsHandler(opts: FakeCloudOptions, calls: FakeCloud['assumeRoleCalls']) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: object) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', `https://${STS_HOST}`);
      const query: ParamPair[] = [...url.searchParams.entries()];
      const form: ParamPair[] = [...new URLSearchParams(Buffer.concat(chunks).toString()).entries()];
      const get = (name: string) => [...query, ...form].find(([k]) => k === name)?.[1];
      if (!opts.assumed || get('Action') !== 'AssumeRole') {
        return json(400, { Code: 'InvalidAction', Message: 'not answered by this test' });
      }
      const from = opts.assumed.from.find((k) => k.accessKeyId === get('AccessKeyId'));
      if (!from || get('SecurityToken') !== from.securityToken) {
        return json(404, {
          Code: 'InvalidAccessKeyId.NotFound',
          Message: 'Specified access key is not found.',
        });
      }
      const signed = [...query, ...form].filter(([k]) => k !== 'Signature');
      const expected = v1Signature(from.accessKeySecret, v1StringToSign('POST', signed));
      if (get('Signature') !== expected) {
        return json(400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature does not match.' });
      }
      calls.push({
        roleArn: get('RoleArn') ?? '',
        accessKeyId: from.accessKeyId,
        ...(from.securityToken ? { securityToken: from.securityToken } : {}),
      });
      const k = opts.assumed.keys;
      json(200, {
        RequestId: 'FAKE-STS-REQUEST',
        AssumedRoleUser: { Arn: get('RoleArn'), AssumedRoleId: '300000000000000000:test' },
        Credentials: {
          AccessKeyId: k.accessKeyId,
          AccessKeySecret: k.accessKeySecret,
          SecurityToken: k.securityToken,
          Expiration: isoSeconds(Date.now() + 3600_000),
        },
      });
    });
  };
}

/** A key and a certificate for STS_HOST, made for this run (openssl is a Debian base package). */
function testCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rtc-sts-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${STS_HOST}`,
        '-addext',
        `subjectAltName=DNS:${STS_HOST}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listen(server: net.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as net.AddressInfo).port;
}

type ConnectArgs = unknown[];

/** The host a Socket#connect call is for, whatever form its arguments take. */
export function connectHost(args: ConnectArgs): string | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) return (first as { host?: string }).host;
  if (typeof first === 'number' || typeof first === 'string') {
    return typeof args[1] === 'string' ? args[1] : undefined;
  }
  return undefined;
}

export const isMetadataAddress = (host: string | undefined) =>
  host === METADATA_ADDRESS || host === `::ffff:${METADATA_ADDRESS}`;

/**
 * Starts the responders and installs the redirection and the guard for this process.
 * `close()` removes them all.
 */
export async function startFakeCloud(opts: FakeCloudOptions): Promise<FakeCloud> {
  const cloud: FakeCloud = {
    metadataRequests: [],
    assumeRoleCalls: [],
    violations: [],
    close: async () => {},
  };
  const metadata = http.createServer(metadataHandler(opts, cloud.metadataRequests));
  const metadataPort = await listen(metadata);
  const certificate = testCertificate();
  const sts = https.createServer(certificate, stsHandler(opts, cloud.assumeRoleCalls));
  const stsPort = await listen(sts);

  const socketConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: ConnectArgs) {
    if (isMetadataAddress(connectHost(args))) {
      cloud.violations.push(`connect ${METADATA_ADDRESS}`);
      throw new Error(`blocked by the test guard: a connection to ${METADATA_ADDRESS} outside the responder`);
    }
    return (socketConnect as (...a: ConnectArgs) => net.Socket).apply(this, args);
  } as typeof socketConnect;

  const httpCreate = http.Agent.prototype.createConnection;
  http.Agent.prototype.createConnection = function toMetadata(
    this: http.Agent,
    options: net.NetConnectOpts & { host?: string },
    ...rest: unknown[]
  ) {
    if (isMetadataAddress(options.host)) {
      return net.createConnection({ host: '127.0.0.1', port: metadataPort });
    }
    return (httpCreate as (...a: unknown[]) => net.Socket).call(this, options, ...rest);
  } as typeof httpCreate;

  const httpsAgentProto = https.Agent.prototype as unknown as {
    createConnection: (...a: unknown[]) => net.Socket;
  };
  const httpsCreate = httpsAgentProto.createConnection;
  httpsAgentProto.createConnection = function toSts(this: https.Agent, ...args: unknown[]) {
    const options = args[0] as tls.ConnectionOptions;
    if (options.host === STS_HOST) {
      return tls.connect({
        host: '127.0.0.1',
        port: stsPort,
        servername: STS_HOST,
        ca: certificate.cert,
        ALPNProtocols: ['http/1.1'],
      });
    }
    return httpsCreate.apply(this, args);
  };

  const lookup = dns.lookup;
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    if (isIP(hostname)) return (lookup as (...a: unknown[]) => void)(hostname, ...rest);
    cloud.violations.push(`lookup ${hostname}`);
    const callback = rest.at(-1) as (err: Error) => void;
    const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
      hostname,
    });
    process.nextTick(() => callback(err));
  }) as typeof dns.lookup;

  cloud.close = async () => {
    net.Socket.prototype.connect = socketConnect;
    http.Agent.prototype.createConnection = httpCreate;
    httpsAgentProto.createConnection = httpsCreate;
    dns.lookup = lookup;
    metadata.closeAllConnections();
    sts.closeAllConnections();
    await Promise.all([new Promise((r) => metadata.close(r)), new Promise((r) => sts.close(r))]);
  };
  return cloud;
}
