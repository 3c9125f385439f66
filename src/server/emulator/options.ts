/** Options, their defaults, and reading them from the environment. */
import type { Logger } from 'pino';
import type { Faults } from './faults';

/** Documented demo key pair: only ever accepted by the local emulator. */
export const DEMO_ACCESS_KEY_ID = 'LTAIdemoEmulatorKey0001';
export const DEMO_ACCESS_KEY_SECRET = 'demoEmulatorSecretNotForProduction0001';

export interface EmulatorOptions {
  host?: string;
  port?: number;
  accessKeyId?: string;
  accessKeySecret?: string;
  seed?: number;
  tasks?: number;
  live?: boolean;
  liveIntervalMs?: number;
  faults?: Partial<Faults>;
  now?: () => number;
  logger?: Logger | false;
  /** Lets requests bearing `Authorization: Bearer <token>` use the admin routes from anywhere. */
  adminToken?: string;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  seed: 1,
  tasks: 5000,
  live: false,
  liveIntervalMs: 3000,
} as const;

export const MAX_TASKS = 500_000;

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*-?\d+\s*$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new Error(`${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(raw)})`);
  }
  return Number(raw);
}

function rate(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!/^\s*\d*\.?\d+\s*$/.test(raw) || !(n >= 0 && n <= 1)) {
    throw new Error(`${name} must be a number between 0 and 1 (got ${JSON.stringify(raw)})`);
  }
  return n;
}

function bool(env: Env, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be 1/true/yes/on or 0/false/no/off (got ${JSON.stringify(env[name])})`);
}

function text(env: Env, name: string, pattern: RegExp, what: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!pattern.test(raw)) throw new Error(`${name} must be ${what}`);
  return raw;
}

/**
 * EMULATOR_* variables → options; unset or empty variables keep the defaults. Invalid
 * values throw an Error that names the variable (the secret's value is never echoed).
 */
export function emulatorOptionsFromEnv(env: NodeJS.ProcessEnv): EmulatorOptions {
  const o: EmulatorOptions = {};
  const faults: Partial<Faults> = {};
  const set = <K extends keyof EmulatorOptions>(k: K, v: EmulatorOptions[K] | undefined) => {
    if (v !== undefined) o[k] = v;
  };
  const fault = <K extends keyof Faults>(k: K, v: number | undefined) => {
    if (v !== undefined) faults[k] = v;
  };
  set('host', text(env, 'EMULATOR_HOST', /^[A-Za-z0-9.:[\]-]{1,253}$/, 'a host name or IP address'));
  set('port', int(env, 'EMULATOR_PORT', 0, 65535));
  set(
    'accessKeyId',
    text(env, 'EMULATOR_ACCESS_KEY_ID', /^[\x21-\x7e]{1,128}$/, '1-128 printable characters'),
  );
  set(
    'accessKeySecret',
    text(env, 'EMULATOR_ACCESS_KEY_SECRET', /^[\x21-\x7e]{8,128}$/, '8-128 printable ASCII characters'),
  );
  set('seed', int(env, 'EMULATOR_SEED', 0, 2 ** 32 - 1));
  set('tasks', int(env, 'EMULATOR_TASKS', 0, MAX_TASKS));
  set('live', bool(env, 'EMULATOR_LIVE'));
  set('liveIntervalMs', int(env, 'EMULATOR_LIVE_INTERVAL_MS', 100, 3_600_000));
  fault('latencyMs', int(env, 'EMULATOR_LATENCY_MS', 0, 600_000));
  fault('jitterMs', int(env, 'EMULATOR_JITTER_MS', 0, 600_000));
  fault('throttleRate', rate(env, 'EMULATOR_THROTTLE_RATE'));
  fault('errorRate', rate(env, 'EMULATOR_ERROR_RATE'));
  fault('qpsPerKey', int(env, 'EMULATOR_QPS', 0, 1_000_000));
  fault('resetRate', rate(env, 'EMULATOR_RESET_RATE'));
  fault('malformedRate', rate(env, 'EMULATOR_MALFORMED_RATE'));
  fault('trickleMs', int(env, 'EMULATOR_TRICKLE_MS', 0, 600_000));
  if (Object.keys(faults).length) o.faults = faults;
  return o;
}
