/**
 * Mode decision (auto / demo / live) over real sockets. Every TCP connection the process
 * opens is recorded: none may leave loopback (in particular none to 100.100.100.200).
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { ConfigError, loadConfig } from '../config';
import { startEmulator, type RunningEmulator } from '../emulator/index';
import { embeddedEmulatorOptions, resolveUpstream, type ResolvedUpstream } from './upstream-target';
import { captureLogs } from '../../../test/helpers/log-capture';

const home = mkdtempSync(join(tmpdir(), 'rtc-mode-'));
const saved = { ...process.env };
const remotes: string[] = [];
const onSocket = (message: unknown) => {
  const socket = (message as { socket: Socket }).socket;
  socket.once('connect', () => remotes.push(String(socket.remoteAddress)));
};

const { logger, records: logs } = captureLogs();

let standalone: RunningEmulator;
let resolved: ResolvedUpstream | undefined;

beforeAll(async () => {
  subscribe('net.client.socket', onSocket);
  standalone = await startEmulator({ port: 0, tasks: 200, seed: 3, live: false, logger: false });
});
afterAll(async () => {
  unsubscribe('net.client.socket', onSocket);
  await standalone.close();
  process.env = saved;
  rmSync(home, { recursive: true, force: true });
});
beforeEach(() => {
  for (const k of Object.keys(process.env)) {
    if (k.startsWith('ALIBABA_CLOUD_') || k.startsWith('EMULATOR_') || k.startsWith('SOPHONSOAR_')) {
      delete process.env[k];
    }
  }
  process.env.HOME = home;
  process.env.EMULATOR_TASKS = '300';
  logs.length = 0;
});
afterEach(async () => {
  await resolved?.close();
  resolved = undefined;
  expect(remotes.filter((r) => r !== '127.0.0.1')).toEqual([]);
});

describe('mode decision', () => {
  it('auto without credentials is demo, decided quickly, without asking the metadata service', async () => {
    const started = Date.now();
    resolved = await resolveUpstream(loadConfig(process.env), process.env, logger);
    expect(Date.now() - started).toBeLessThan(5000);
    // No process-wide switch (it would also disable ECS roles that profiles name); the
    // afterEach check shows that no connection left loopback.
    expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBeUndefined();
    expect(resolved.target.mode).toBe('demo');
    expect(resolved.target.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    const started_ = logs.find((l) => l.msg === 'emulator started');
    expect(started_?.url).toBe(resolved.emulatorUrl);
    // The embedded emulator answers, on an ephemeral port.
    const health = await fetch(`${resolved.emulatorUrl}/__admin/health`);
    expect(health.status).toBe(200);
    expect(resolved.target.endpoint).not.toBe('127.0.0.1:8787');
  });

  it('live with keys in the environment, against a standalone emulator over http', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = standalone.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = standalone.accessKeySecret;
    process.env.SOPHONSOAR_ENDPOINT = standalone.endpoint;
    process.env.SOPHONSOAR_PROTOCOL = 'http';
    const config = loadConfig(process.env);
    resolved = await resolveUpstream(config, process.env, logger);
    expect(resolved.target).toMatchObject({ mode: 'live', endpoint: standalone.endpoint, protocol: 'http' });
    expect(logs.some((l) => l.msg === 'emulator started')).toBe(false);

    const app = await buildApp({ config, upstream: resolved.target, version: '1.2.3', staticRoot: false });
    try {
      const cfg = await app.inject('/api/config');
      expect(cfg.json()).toEqual({
        mode: 'live',
        endpointHost: standalone.endpoint,
        credentialProvider: 'env/static_ak',
        version: '1.2.3',
      });
      const r = await app.inject('/api/DescribeProcessTasks?PageSize=5&Direction=asc');
      expect(r.statusCode).toBe(200);
      expect(r.json().Page).toEqual({ TotalCount: 200, PageNumber: 1, PageSize: 5 });
      expect(r.body).not.toContain(standalone.accessKeySecret);
    } finally {
      await app.close();
    }
  });

  it('SOPHONSOAR_MODE=live without credentials refuses to start, saying why', async () => {
    process.env.SOPHONSOAR_MODE = 'live';
    await expect(resolveUpstream(loadConfig(process.env), process.env, logger)).rejects.toThrow(
      /SOPHONSOAR_MODE=live.*no credentials/,
    );
  });

  it('SOPHONSOAR_MODE=demo uses the emulator even when credentials exist', async () => {
    process.env.SOPHONSOAR_MODE = 'demo';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAIrealLookingKey';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'not-used-in-demo';
    resolved = await resolveUpstream(loadConfig(process.env), process.env, logger);
    expect(resolved.target.mode).toBe('demo');
  });

  it('a named ECS role leaves the metadata flag alone (the chain may then ask it)', async () => {
    process.env.ALIBABA_CLOUD_ECS_METADATA = 'role';
    process.env.SOPHONSOAR_MODE = 'demo';
    process.env.EMULATOR_TASKS = '50';
    resolved = await resolveUpstream(loadConfig(process.env), process.env, logger);
    expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBeUndefined();
  });
});

describe('embedded emulator settings', () => {
  it.each<[NodeJS.ProcessEnv, { port: number; live: boolean }]>([
    [{}, { port: 0, live: true }],
    [{ EMULATOR_LIVE: '0' }, { port: 0, live: false }],
    [
      { EMULATOR_PORT: '18787', EMULATOR_LIVE: '1' },
      { port: 18787, live: true },
    ],
  ])('%j', (env, expected) => {
    expect(embeddedEmulatorOptions(loadConfig(env).emulator, logger)).toMatchObject({
      ...expected,
      host: '127.0.0.1',
    });
  });

  it.each(['EMULATOR_TASKS', 'EMULATOR_PORT', 'EMULATOR_THROTTLE_RATE'])(
    'a bad %s is a ConfigError naming it',
    (name) => {
      const attempt = () => loadConfig({ [name]: 'lots' });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(new RegExp(name));
    },
  );

  it.each(['0.0.0.0', '10.1.2.3', '::'])(
    'EMULATOR_HOST=%s: the embedded emulator still listens on 127.0.0.1, with a warning',
    async (host) => {
      process.env.SOPHONSOAR_MODE = 'demo';
      process.env.EMULATOR_HOST = host;
      resolved = await resolveUpstream(loadConfig(process.env), process.env, logger);
      expect(resolved.emulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(resolved.target.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
      const warning = logs.find((l) => l.level === 40 && String(l.msg).startsWith(`EMULATOR_HOST=${host}`));
      expect(warning?.msg).toMatch(/ignored in demo mode.*127\.0\.0\.1 only/);
    },
  );

  it('a loopback EMULATOR_HOST needs no warning', () => {
    logs.length = 0;
    expect(embeddedEmulatorOptions(loadConfig({ EMULATOR_HOST: 'localhost' }).emulator, logger).host).toBe(
      '127.0.0.1',
    );
    expect(logs.filter((l) => l.level === 40)).toEqual([]);
  });
});
