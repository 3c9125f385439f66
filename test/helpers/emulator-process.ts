/**
 * The emulator in its own Node process (as `npm run emulator` runs it), so that the clock
 * its QPS cap counts with is not held up by the load a test or benchmark generates, with
 * its call log (`/__admin/calls`): when each signed call arrived and whether the cap
 * (EMULATOR_QPS) let it pass.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, type Faults } from '../../src/server/emulator/index';
import { isolatedEnv } from './spawn-server';

export interface CallArrival {
  /** ms on the emulator's monotonic clock. */
  at: number;
  allowed: boolean;
}

export interface EmulatorProcess {
  /** host:port, for SOPHONSOAR_ENDPOINT. */
  endpoint: string;
  url: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Every signed call so far, oldest first. */
  calls(): Promise<CallArrival[]>;
  setFaults(patch: Partial<Faults>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the emulator process with EMULATOR_* settings `env` (EMULATOR_TASKS, EMULATOR_QPS,
 * EMULATOR_LATENCY_MS, ...); the demo key pair unless `env` sets one.
 */
export async function startEmulatorProcess(env: NodeJS.ProcessEnv = {}): Promise<EmulatorProcess> {
  const keyId = env.EMULATOR_ACCESS_KEY_ID ?? DEMO_ACCESS_KEY_ID;
  const keySecret = env.EMULATOR_ACCESS_KEY_SECRET ?? DEMO_ACCESS_KEY_SECRET;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/emulator/main.ts'], {
    env: isolatedEnv({
      EMULATOR_HOST: '127.0.0.1',
      EMULATOR_PORT: '0',
      EMULATOR_LIVE: '0',
      EMULATOR_ACCESS_KEY_ID: keyId,
      EMULATOR_ACCESS_KEY_SECRET: keySecret,
      LOG_LEVEL: 'warn',
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      buf += c;
      const m = /listening on http:\/\/([\d.:]+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`emulator exited before listening:\n${buf}`)));
  });
  const url = `http://${endpoint}`;
  return {
    endpoint,
    url,
    accessKeyId: keyId,
    accessKeySecret: keySecret,
    async calls() {
      const r = await fetch(`${url}/__admin/calls`);
      return ((await r.json()) as { calls: CallArrival[] }).calls;
    },
    async setFaults(patch) {
      const r = await fetch(`${url}/__admin/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(patch),
      });
      if (!r.ok) throw new Error(`faults refused: ${await r.text()}`);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The most allowed calls that arrived within any `windowMs` (the upstream's own test is 1000 ms). */
export function peakCalls(calls: readonly CallArrival[], windowMs = 1000): number {
  const at = calls
    .filter((c) => c.allowed)
    .map((c) => c.at)
    .sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
