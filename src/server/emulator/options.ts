/** Options and their defaults (EMULATOR_* variables are read by src/server/config.ts). */
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
