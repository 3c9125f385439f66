/**
 * Starts an emulator: its state, its app (app.ts: the RPC route and the admin routes),
 * listening on `host:port`, and a handle for tests and the embedding server.
 */
import type { AddressInfo } from 'node:net';
import type { ProcessTask } from '../../shared/sophonsoar';
import { buildEmulatorApp } from './app';
import type { Faults } from './faults';
import { isLoopbackListenHost } from './loopback';
import { DEFAULTS, type EmulatorOptions } from './options';
import { createEmulatorState } from './state';

export interface RunningEmulator {
  url: string;
  endpoint: string;
  port: number;
  accessKeyId: string;
  accessKeySecret: string;
  faults(): Faults;
  setFaults(f: Partial<Faults>): void;
  setLive(on: boolean): void;
  store: { all(): readonly ProcessTask[] };
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? DEFAULTS.host;
  if (!isLoopbackListenHost(host) && opts.logger) {
    opts.logger.warn(
      { host, adminToken: opts.adminToken ? 'set' : 'not set' },
      `EMULATOR_HOST=${host} is not a loopback address: anyone who can reach it can call the emulator with its key` +
        (opts.adminToken
          ? '; the admin routes need the admin token from other hosts.'
          : '; the admin routes still answer only loopback requests (set EMULATOR_ADMIN_TOKEN to allow others).'),
    );
  }
  const state = createEmulatorState(opts);
  const app = await buildEmulatorApp(state, { logger: opts.logger, adminToken: opts.adminToken });
  await app.listen({ host, port: opts.port ?? DEFAULTS.port });
  const port = (app.server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  state.setLive(opts.live ?? DEFAULTS.live);

  let closed = false;
  return {
    url: `http://${hostPart}:${port}`,
    endpoint: `${hostPart}:${port}`,
    port,
    accessKeyId: state.accessKeyId,
    accessKeySecret: state.accessKeySecret,
    faults: () => ({ ...state.faults() }),
    setFaults: (patch) => {
      state.setFaults(patch);
    },
    setLive: state.setLive,
    store: { all: () => state.index.all() },
    close: async () => {
      if (closed) return;
      closed = true;
      state.close();
      await app.close();
    },
  };
}
