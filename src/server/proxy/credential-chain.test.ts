import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { disableEcsMetadataProbe, probeCredentialChain } from './credential-chain';

// An empty HOME: no ~/.aliyun/config.json or ~/.alibabacloud/credentials of the machine.
const home = mkdtempSync(join(tmpdir(), 'rtc-cred-'));
const saved = { ...process.env };

/** Every TCP connection the process opens while a test runs. */
const connections: string[] = [];
const onSocket = (message: unknown) => {
  const socket = (message as { socket: Socket }).socket;
  socket.once('connect', () => connections.push(`${socket.remoteAddress}:${socket.remotePort}`));
  socket.once('lookup', (_e, address) => connections.push(String(address)));
};
subscribe('net.client.socket', onSocket);

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('ALIBABA_CLOUD_')) delete process.env[k];
  process.env.HOME = home;
  connections.length = 0;
});

afterAll(() => {
  unsubscribe('net.client.socket', onSocket);
  process.env = saved;
  rmSync(home, { recursive: true, force: true });
});

describe('credential chain', () => {
  it('without credentials finds none, quickly, with the metadata probe disabled and no connection', async () => {
    const started = Date.now();
    const r = await probeCredentialChain();
    expect(r.found).toBe(false);
    expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBe('true');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(connections).toEqual([]);
  });

  it('finds keys in the environment (first link of the chain)', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAItestKeyId';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'test-secret-not-real';
    const r = await probeCredentialChain();
    expect(r.found).toBe(true);
    expect(r).not.toHaveProperty('accessKeySecret');
    if (r.found) expect(r.provider).toMatch(/env/);
    expect(connections).toEqual([]);
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

  it('leaves the metadata service allowed when a role is named', () => {
    const env: NodeJS.ProcessEnv = { ALIBABA_CLOUD_ECS_METADATA: 'my-role' };
    disableEcsMetadataProbe(env);
    expect(env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBeUndefined();
    const bare: NodeJS.ProcessEnv = {};
    disableEcsMetadataProbe(bare);
    expect(bare.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBe('true');
  });
});
