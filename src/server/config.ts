/**
 * The one place the environment is read, validated with zod: the server's settings, the
 * emulator's (EMULATOR_*, for the embedded one and `npm run emulator`), the access
 * control settings (AUTH_*, parsed by security/access-control-config.ts). Every variable
 * has a default; a bad value stops start-up with an error that names the variable.
 *
 * Not read here: the ALIBABA_CLOUD_* variables of the credential chain (keys, profiles,
 * OIDC, ECS role...), which @alicloud/credentials reads itself; main.ts hands the process
 * environment to proxy/credential-sources.ts and credential-chain.ts, which only look at
 * which of them are set, to tell a configured source from none.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { z } from 'zod';
import type { Faults } from './emulator/faults';
import { MAX_TASKS, type EmulatorOptions } from './emulator/options';
import { accessControlFromEnv, type AccessControlConfig } from './security/access-control-config';

export const MODES = ['auto', 'demo', 'live'] as const;
export type ModeSetting = (typeof MODES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An integer env var with bounds; empty means "use the default". */
const intVar = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number between ${min} and ${max}` });
        return z.NEVER;
      }
      return Number(v);
    });

const enumVar = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): T[number] => {
      if (v === undefined || v === '') return fallback;
      const hit = values.find((x) => x === v.toLowerCase());
      if (!hit) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}` });
        return z.NEVER;
      }
      return hit;
    });

/** host or host:port, no scheme or path: the browser never chooses the endpoint, the operator does. */
const endpointVar = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return 'sophonsoar.aliyuncs.com';
    if (!/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/.test(v) && !/^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(v)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a host name or host:port without scheme or path, e.g. sophonsoar.aliyuncs.com',
      });
      return z.NEVER;
    }
    return v;
  });

const hostVar = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return '127.0.0.1';
    if (!/^[A-Za-z0-9.:-]{1,253}$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'must be an IP address or host name, e.g. 127.0.0.1' });
      return z.NEVER;
    }
    return v;
  });

/** A rate between 0 and 1 ("0.3", ".1"). */
const rateVar = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    if (!/^\d*\.?\d+$/.test(v) || Number(v) > 1) {
      ctx.addIssue({ code: 'custom', message: 'must be a number between 0 and 1' });
      return z.NEVER;
    }
    return Number(v);
  });

/** An optional integer with bounds (unset keeps the emulator's own default). */
const optionalIntVar = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number between ${min} and ${max}` });
        return z.NEVER;
      }
      return Number(v);
    });

const boolVar = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
    ctx.addIssue({ code: 'custom', message: 'must be 1/true/yes/on or 0/false/no/off' });
    return z.NEVER;
  });

/** A text variable matching `pattern`; empty means unset. */
const textVar = (pattern: RegExp, what: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      if (!pattern.test(v)) {
        ctx.addIssue({ code: 'custom', message: `must be ${what}` });
        return z.NEVER;
      }
      return v;
    });

/** Variables whose value is never echoed in an error message. */
const SECRET_VARS = new Set(['EMULATOR_ACCESS_KEY_SECRET', 'EMULATOR_ADMIN_TOKEN', 'REDIS_URL']);

const emulatorEnvSchema = z.object({
  EMULATOR_HOST: textVar(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'a host name or IP address'),
  EMULATOR_PORT: optionalIntVar(0, 65535),
  EMULATOR_ACCESS_KEY_ID: textVar(/^[\x21-\x7e]{1,128}$/, '1-128 printable characters'),
  EMULATOR_ACCESS_KEY_SECRET: textVar(/^[\x21-\x7e]{8,128}$/, '8-128 printable ASCII characters'),
  EMULATOR_ADMIN_TOKEN: textVar(/^[\x21-\x7e]{16,256}$/, '16-256 printable ASCII characters'),
  EMULATOR_SEED: optionalIntVar(0, 2 ** 32 - 1),
  EMULATOR_TASKS: optionalIntVar(0, MAX_TASKS),
  EMULATOR_LIVE: boolVar,
  EMULATOR_LIVE_INTERVAL_MS: optionalIntVar(100, 3_600_000),
  EMULATOR_LATENCY_MS: optionalIntVar(0, 600_000),
  EMULATOR_JITTER_MS: optionalIntVar(0, 600_000),
  EMULATOR_THROTTLE_RATE: rateVar,
  EMULATOR_THROTTLE_RETRY_AFTER_MS: optionalIntVar(0, 600_000),
  EMULATOR_ERROR_RATE: rateVar,
  EMULATOR_QPS: optionalIntVar(0, 1_000_000),
  EMULATOR_RESET_RATE: rateVar,
  EMULATOR_MALFORMED_RATE: rateVar,
  EMULATOR_TRICKLE_MS: optionalIntVar(0, 600_000),
});

/** Comma-separated host names (or IPs, IPv6 in brackets) a browser may address the console by. */
const allowedHostsVar = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const names = (v ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase().replace(/\.$/, ''))
      .filter((s) => s !== '');
    const bad = names.find((n) => !/^(\[[0-9a-f:.]+\]|[a-z0-9_]([a-z0-9_.-]{0,251}[a-z0-9_])?)$/.test(n));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(bad)} is not a host name; list names without scheme or port, e.g. console.example.com,10.0.0.8`,
      });
      return z.NEVER;
    }
    return names;
  });

const flagVar = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '' || v === '0' || v.toLowerCase() === 'false') return false;
    if (v === '1' || v.toLowerCase() === 'true') return true;
    ctx.addIssue({ code: 'custom', message: 'must be 1 (on) or 0 (off)' });
    return z.NEVER;
  });

const pathVar = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

const envSchema = z.object({
  HOST: hostVar,
  PORT: intVar(0, 65535, 8080),
  SOPHONSOAR_MODE: enumVar(MODES, 'auto'),
  SOPHONSOAR_ENDPOINT: endpointVar,
  SOPHONSOAR_PROTOCOL: enumVar(['https', 'http'] as const, 'https'),
  UPSTREAM_TIMEOUT_MS: intVar(50, 300_000, 10_000),
  UPSTREAM_DEADLINE_MS: intVar(50, 600_000, 25_000),
  UPSTREAM_RETRIES: intVar(0, 10, 3),
  RATE_LIMIT_PER_MINUTE: intVar(1, 1_000_000, 3000),
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info'),
  ALLOWED_HOSTS: allowedHostsVar,
  TLS_CERT_FILE: pathVar,
  TLS_KEY_FILE: pathVar,
  TRUST_PROXY_TLS: flagVar,
  HEADERS_TIMEOUT_MS: intVar(1000, 120_000, 10_000),
  MAX_CONNECTIONS_PER_CLIENT: intVar(0, 100_000, 256),
  UPSTREAM_QPS: intVar(1, 100_000, 10),
  UPSTREAM_BURST: optionalIntVar(1, 100_000),
  UPSTREAM_CACHE_MS: intVar(0, 600_000, 3000),
  UPSTREAM_REPLICAS: intVar(1, 1000, 1),
  REDIS_URL: textVar(
    /^rediss?:\/\/[^\s]+$/,
    'a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 or rediss://user:password@redis.example:6380/0',
  ),
});

export interface ServerConfig {
  host: string;
  port: number;
  mode: ModeSetting;
  /** Live-mode endpoint, host[:port]. */
  endpoint: string;
  protocol: 'http' | 'https';
  upstream: {
    /** Limit for one upstream attempt (connect + response + body). */
    timeoutMs: number;
    /** Limit for the whole call, retries and back-off included. */
    deadlineMs: number;
    /** Retries after the first attempt. */
    retries: number;
  };
  rateLimitPerMinute: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** The embedded emulator's settings (demo mode), from EMULATOR_*. */
  emulator: EmulatorOptions;
  /** Who may use the app (AUTH_*; loopback needs nothing). */
  accessControl: AccessControlConfig;
  /**
   * Host names (lower case, no port) browsers may address the console by, besides loopback
   * names. Empty: loopback only without access control, any name with it.
   */
  allowedHosts: string[];
  /** Native TLS: PEM certificate chain and key read from TLS_CERT_FILE and TLS_KEY_FILE. */
  tls?: { cert: Buffer; key: Buffer; certFile: string; keyFile: string };
  /** TRUST_PROXY_TLS=1: the operator says a TLS-terminating proxy is in front. */
  trustProxyTls: boolean;
  /** Time a client has to send its request headers, in ms. */
  headersTimeoutMs: number;
  /** Open connections per client address (IPv6: per /64); 0 means no cap. */
  maxConnectionsPerClient: number;
  /** The account's upstream call budget and answer sharing (src/server/budget). */
  budget: BudgetConfig;
  /** REDIS_URL: where replicas share the budget, answers and rate limits (never logged: may hold a password). */
  redisUrl?: string;
}

export interface BudgetConfig {
  /** Upstream calls per second for the endpoint and AccessKey, all users together (UPSTREAM_QPS). */
  qps: number;
  /** Calls that may start at once (UPSTREAM_BURST, default and maximum: qps). */
  burst: number;
  /** How long a successful answer is reused, ms (UPSTREAM_CACHE_MS; 0: never). */
  cacheMs: number;
  /** Replicas sharing the budget (UPSTREAM_REPLICAS): without Redis each keeps qps / replicas. */
  replicas: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const r = schema.safeParse(env);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const name = String(issue.path[0] ?? 'environment');
  const shown = SECRET_VARS.has(name) ? ' (value not shown)' : `=${JSON.stringify(env[name] ?? '')}`;
  throw new ConfigError(`Invalid ${name}${shown}: ${issue.message}.`);
}

/**
 * EMULATOR_* → emulator options; unset or empty variables are left out (the emulator's
 * defaults apply). Throws ConfigError naming the variable (secrets are never echoed).
 */
export function emulatorOptionsFromEnv(env: NodeJS.ProcessEnv): EmulatorOptions {
  const e = parseEnv(emulatorEnvSchema, env);
  const faults: Partial<Faults> = {
    latencyMs: e.EMULATOR_LATENCY_MS,
    jitterMs: e.EMULATOR_JITTER_MS,
    throttleRate: e.EMULATOR_THROTTLE_RATE,
    throttleRetryAfterMs: e.EMULATOR_THROTTLE_RETRY_AFTER_MS,
    errorRate: e.EMULATOR_ERROR_RATE,
    qpsPerKey: e.EMULATOR_QPS,
    resetRate: e.EMULATOR_RESET_RATE,
    malformedRate: e.EMULATOR_MALFORMED_RATE,
    trickleMs: e.EMULATOR_TRICKLE_MS,
  };
  const options: EmulatorOptions = {
    host: e.EMULATOR_HOST,
    port: e.EMULATOR_PORT,
    accessKeyId: e.EMULATOR_ACCESS_KEY_ID,
    accessKeySecret: e.EMULATOR_ACCESS_KEY_SECRET,
    adminToken: e.EMULATOR_ADMIN_TOKEN,
    seed: e.EMULATOR_SEED,
    tasks: e.EMULATOR_TASKS,
    live: e.EMULATOR_LIVE,
    liveIntervalMs: e.EMULATOR_LIVE_INTERVAL_MS,
    faults: definedOnly(faults),
  };
  const out = definedOnly(options);
  if (out.faults && Object.keys(out.faults).length === 0) delete out.faults;
  return out;
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** `npm run emulator`: its options and log level (default warn). */
export function loadEmulatorConfig(env: NodeJS.ProcessEnv): {
  options: EmulatorOptions;
  logLevel: (typeof LOG_LEVELS)[number];
} {
  const { LOG_LEVEL } = parseEnv(z.object({ LOG_LEVEL: enumVar(LOG_LEVELS, 'warn') }), env);
  return { options: emulatorOptionsFromEnv(env), logLevel: LOG_LEVEL };
}

/** Parses the server's environment variables. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const e = parseEnv(envSchema, env);
  if (e.UPSTREAM_DEADLINE_MS < e.UPSTREAM_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid UPSTREAM_DEADLINE_MS=${e.UPSTREAM_DEADLINE_MS}: must be at least UPSTREAM_TIMEOUT_MS (${e.UPSTREAM_TIMEOUT_MS}).`,
    );
  }
  // Removed with the server's budget (src/server/budget): the export's pace is the account's
  // budget shared by every user, not a per-tab ceiling. Said, not silently ignored.
  if ((env.EXPORT_MAX_REQUESTS_PER_SECOND ?? '').trim() !== '') {
    throw new ConfigError(
      'EXPORT_MAX_REQUESTS_PER_SECOND is no longer read: exports are paced by the server\'s upstream budget, shared by every user (UPSTREAM_QPS, see "Running for a team" in the README). Remove the variable.',
    );
  }
  if (e.UPSTREAM_BURST !== undefined && e.UPSTREAM_BURST > e.UPSTREAM_QPS) {
    throw new ConfigError(
      `Invalid UPSTREAM_BURST=${e.UPSTREAM_BURST}: must be at most UPSTREAM_QPS (${e.UPSTREAM_QPS}); Alibaba Cloud counts calls per second, so a larger burst would be throttled.`,
    );
  }
  const tls = readTlsFiles(e.TLS_CERT_FILE, e.TLS_KEY_FILE);
  return {
    host: e.HOST,
    port: e.PORT,
    mode: e.SOPHONSOAR_MODE,
    endpoint: e.SOPHONSOAR_ENDPOINT,
    protocol: e.SOPHONSOAR_PROTOCOL,
    upstream: {
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
      deadlineMs: e.UPSTREAM_DEADLINE_MS,
      retries: e.UPSTREAM_RETRIES,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    emulator: emulatorOptionsFromEnv(env),
    accessControl: accessControlSettings(env, e.HOST),
    allowedHosts: e.ALLOWED_HOSTS,
    ...(tls && { tls }),
    trustProxyTls: e.TRUST_PROXY_TLS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    maxConnectionsPerClient: e.MAX_CONNECTIONS_PER_CLIENT,
    budget: {
      qps: e.UPSTREAM_QPS,
      burst: e.UPSTREAM_BURST ?? e.UPSTREAM_QPS,
      cacheMs: e.UPSTREAM_CACHE_MS,
      replicas: e.UPSTREAM_REPLICAS,
    },
    ...(e.REDIS_URL !== undefined && { redisUrl: e.REDIS_URL }),
  };
}

function accessControlSettings(env: NodeJS.ProcessEnv, host: string): AccessControlConfig {
  try {
    return accessControlFromEnv(env, host);
  } catch (err) {
    throw new ConfigError((err as Error).message, { cause: err });
  }
}

function readTlsFiles(certFile: string | undefined, keyFile: string | undefined): ServerConfig['tls'] {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    const missing = certFile === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE';
    throw new ConfigError(`Invalid ${missing}="": native TLS needs both TLS_CERT_FILE and TLS_KEY_FILE.`);
  }
  const read = (name: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new ConfigError(
        `Invalid ${name}=${JSON.stringify(file)}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`,
        { cause: err },
      );
    }
  };
  const cert = read('TLS_CERT_FILE', certFile);
  const key = read('TLS_KEY_FILE', keyFile);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    // OpenSSL's reason (e.g. "key values mismatch"); never the key's content.
    throw new ConfigError(
      `Invalid TLS_CERT_FILE=${JSON.stringify(certFile)} / TLS_KEY_FILE=${JSON.stringify(keyFile)}: not a PEM certificate and its private key (${(err as Error).message}).`,
      { cause: err },
    );
  }
  return { cert, key, certFile, keyFile };
}

/** The app version from package.json (shown by GET /api/config). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
