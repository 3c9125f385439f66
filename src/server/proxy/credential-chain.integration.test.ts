import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import dns from 'node:dns';
import { mkdtempSync, rmSync } from 'node:fs';
import { isIP, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ECSRAMRoleCredentialsProvider, URICredentialsProvider } from '@alicloud/credentials';
import {
  defaultChainProvider,
  disableEcsMetadataProbe,
  probeCredentialChain,
  providerType,
  safeReason,
} from './credential-chain';

// An empty HOME: no ~/.aliyun/config.json or ~/.alibabacloud/credentials of the machine.
const home = mkdtempSync(join(tmpdir(), 'rtc-cred-'));
const saved = { ...process.env };

/**
 * Every TCP connection (net.client.socket) and every name lookup (dns.lookup, which http,
 * https and tls all use) the process makes while a test runs. Lookups are refused on the
 * spot, so a test never sends a DNS query either.
 */
const connections: string[] = [];
const onSocket = (message: unknown) => {
  const socket = (message as { socket: Socket }).socket;
  socket.once('connect', () => connections.push(`${socket.remoteAddress}:${socket.remotePort}`));
};
subscribe('net.client.socket', onSocket);
const realLookup = dns.lookup;
dns.lookup = ((hostname: string, ...rest: unknown[]) => {
  // An address literal needs no DNS (listen('127.0.0.1') looks it up too).
  if (isIP(hostname)) return (realLookup as (...a: unknown[]) => void)(hostname, ...rest);
  connections.push(`lookup ${hostname}`);
  const callback = rest.at(-1) as (err: Error) => void;
  const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
  process.nextTick(() => callback(err));
}) as typeof dns.lookup;

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('ALIBABA_CLOUD_')) delete process.env[k];
  process.env.HOME = home;
  connections.length = 0;
});

afterAll(() => {
  unsubscribe('net.client.socket', onSocket);
  dns.lookup = realLookup;
  process.env = saved;
  rmSync(home, { recursive: true, force: true });
});

describe('credential chain', () => {
  it('without credentials finds none, quickly, without the ECS link and no connection', async () => {
    const started = Date.now();
    const r = await probeCredentialChain(process.env);
    expect(r.found).toBe(false);
    // Not by the process-wide switch (that also disables the ECS roles profiles name) …
    expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBeUndefined();
    // … but by leaving out the default chain's own ECS link.
    if (!r.found) expect(r.reason).not.toMatch(/ecs_ram_role/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(connections).toEqual([]);
  });

  it('finds keys in the environment (first link of the chain)', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAItestKeyId';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'test-secret-not-real';
    const r = await probeCredentialChain(process.env);
    expect(r.found).toBe(true);
    expect(r).not.toHaveProperty('accessKeySecret');
    if (r.found) expect(r.provider).toBe('env/static_ak');
    expect(connections).toEqual([]);
  });

  it('uses ALIBABA_CLOUD_CREDENTIALS_URI when it is set (the chain keeps that link then)', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          Code: 'Success',
          AccessKeyId: 'STS.uriKeyId',
          AccessKeySecret: 'uri-secret-not-real',
          SecurityToken: 'uri-token',
          Expiration: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        }),
      );
    }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as { port: number }).port;
      process.env.ALIBABA_CLOUD_CREDENTIALS_URI = `http://127.0.0.1:${port}/creds`;
      const r = await probeCredentialChain(process.env);
      expect(r.found).toBe(true);
      if (r.found) expect(r.provider).toMatch(/credential_uri|uri/i);
      expect(connections).toEqual([`127.0.0.1:${port}`]);
    } finally {
      server.close();
    }
  });

  it('the monitor sees (and refuses) name lookups over https too', async () => {
    const { get } = await import('node:https');
    await new Promise((resolve) => get('https://nowhere.invalid/').once('error', resolve));
    expect(connections).toEqual(['lookup nowhere.invalid']);
  });

  it('the connection monitor does see connections (so an empty list means none)', async () => {
    const { createServer, connect } = await import('node:net');
    const server = createServer((s) => s.end()).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => connect(port, '127.0.0.1').once('close', r));
    server.close();
    expect(connections).toEqual([`127.0.0.1:${port}`]);
  });

  it.each<[NodeJS.ProcessEnv, boolean]>([
    [{}, false],
    [{ ALIBABA_CLOUD_ECS_METADATA: 'my-role' }, true],
  ])('the default chain has its ECS link only when a role is named: %j', (env, kept) => {
    const links = (defaultChainProvider(env) as unknown as { providers: unknown[] }).providers;
    expect(links.some((p) => p instanceof ECSRAMRoleCredentialsProvider)).toBe(kept);
    expect(links.some((p) => p instanceof URICredentialsProvider)).toBe(false);
  });

  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['default/env', {}, 'env/static_ak'],
    ['default/env', { ALIBABA_CLOUD_SECURITY_TOKEN: 't' }, 'env/static_sts'],
    ['cli_profile/ecs_ram_role', {}, 'cli_profile/ecs_ram_role'],
    ['profile/ram_role_arn/static_ak', {}, 'profile/ram_role_arn/static_ak'],
  ])('provider type of %s %j is %s', (name, env, type) => {
    expect(providerType(name, env)).toBe(type);
  });

  it('a CLI config that is not JSON is reported without its content (it may hold keys)', () => {
    const library = `parse aliyun cli config from '/h/.aliyun/config.json' failed: {"access_key_secret":"s3cr3t",`;
    expect(safeReason(library)).toBe(
      `parse aliyun cli config from '/h/.aliyun/config.json' failed: not valid JSON`,
    );
  });

  it('leaves the metadata service allowed when a role is named', () => {
    process.env.ALIBABA_CLOUD_ECS_METADATA = 'my-role';
    disableEcsMetadataProbe(process.env);
    expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBeUndefined();
    delete process.env.ALIBABA_CLOUD_ECS_METADATA;
    disableEcsMetadataProbe(process.env);
    expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBe('true');
  });
});
