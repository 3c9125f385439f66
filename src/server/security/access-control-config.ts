/**
 * Access control settings from the environment. Loopback needs nothing; any other HOST
 * refuses to start until basic authentication or a trusted reverse proxy is configured,
 * because the server signs calls with an AccessKey that reads the account's security
 * response history.
 */
import { readFileSync } from 'node:fs';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { parsePasswordHash, type ParsedHash } from './password-hash';

export type AccessControlConfig =
  | { mode: 'none' }
  | {
      mode: 'basic';
      users: ReadonlyMap<string, ParsedHash>;
      /** Failed attempts per client and user name per minute before 429. */
      failedLimit: number;
      /** Failed attempts per minute on the whole server before 429 for unknown pairs (default max(100, 10 × failedLimit)). */
      failedGlobalLimit?: number;
      realm: string;
      /** Password checks in flight before new ones get 503 (default 16; not an env setting). */
      maxConcurrentChecks?: number;
      /**
       * AUTH_TRUSTED_PROXIES in basic mode: TLS-terminating proxies whose X-Forwarded-For
       * names the real client (for the failed-login limit); empty when none.
       */
      trustedProxies?: readonly string[];
    }
  | {
      mode: 'proxy';
      /** Lower-case header name carrying the authenticated user. */
      userHeader: string;
      trustedProxies: readonly string[];
      isTrustedProxy: (address: string | undefined) => boolean;
    };

export const DEFAULT_PROXY_HEADER = 'x-forwarded-user';
export const DEFAULT_FAILED_LIMIT = 10;
export const REALM = 'Response Task Console';

/** The help every refusal ends with: how to configure access control. */
export const ACCESS_CONTROL_HELP = [
  'Configure one of:',
  '  Basic authentication with scrypt password hashes:',
  '    npm run -s hash-password -- --user alice >> users   (asks for the password; -s keeps npm quiet)',
  '    AUTH_MODE=basic AUTH_USERS_FILE=/path/to/users   (one user:hash line per user)',
  "      or AUTH_MODE=basic AUTH_USERS='alice:scrypt$...,bob:scrypt$...'",
  `    optional AUTH_FAILED_LIMIT=${DEFAULT_FAILED_LIMIT} (failed logins per client and user name per minute before 429)`,
  '  A trusted reverse proxy (e.g. oauth2-proxy) that authenticates users and sets a header:',
  `    AUTH_MODE=proxy AUTH_TRUSTED_PROXIES=10.0.0.5,10.1.0.0/16 AUTH_PROXY_HEADER=${DEFAULT_PROXY_HEADER}`,
  'Or listen on loopback only: HOST=127.0.0.1 (the default).',
].join('\n');

/** True for 127.0.0.0/8, ::1 (also IPv4-mapped) and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (h === 'localhost' || h === 'localhost.') return true;
  if (!ipaddr.isValid(h)) return false;
  return ipaddr.process(h).range() === 'loopback';
}

const emptyAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z.object({
  AUTH_MODE: z.preprocess(
    emptyAsUnset,
    z.enum(['none', 'basic', 'proxy'], { message: 'must be none, basic or proxy' }).default('none'),
  ),
  AUTH_USERS: z.preprocess(emptyAsUnset, z.string().optional()),
  AUTH_USERS_FILE: z.preprocess(emptyAsUnset, z.string().optional()),
  AUTH_PROXY_HEADER: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'must be an HTTP header name such as x-forwarded-user' })
      .refine((h) => !['authorization', 'cookie', 'host', 'proxy-authorization'].includes(h.toLowerCase()), {
        message: 'must be a header that carries only the user name',
      })
      .transform((h) => h.toLowerCase())
      .default(DEFAULT_PROXY_HEADER),
  ),
  AUTH_TRUSTED_PROXIES: z.preprocess(emptyAsUnset, z.string().optional()),
  AUTH_FAILED_LIMIT: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^\d{1,6}$/, { message: 'must be a whole number of failed attempts per minute, e.g. 10' })
      .transform(Number)
      .refine((n) => n >= 1 && n <= 100_000, { message: 'must be between 1 and 100000' })
      .default(DEFAULT_FAILED_LIMIT),
  ),
});

type AuthEnv = z.output<typeof envSchema>;

/** `user:hash` entries; `where(i)` names the source of entry i in error messages. */
function parseUsers(entries: string[], where: (i: number) => string): Map<string, ParsedHash> {
  const users = new Map<string, ParsedHash>();
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new Error(`${where(i)} is not a user:hash entry.`);
    const user = entry.slice(0, colon).trim();
    // Basic auth splits user and password at the first colon, so a user name cannot hold one.
    if (!/^[^\s:\u0000-\u001f\u007f]{1,64}$/u.test(user)) {
      throw new Error(
        `${where(i)} has an invalid user name (1-64 characters, no spaces, colons or controls).`,
      );
    }
    if (users.has(user)) throw new Error(`${where(i)} repeats the user ${JSON.stringify(user)}.`);
    let hash: ParsedHash;
    try {
      hash = parsePasswordHash(entry.slice(colon + 1).trim());
    } catch (err) {
      throw new Error(`${where(i)} (user ${JSON.stringify(user)}): the hash ${(err as Error).message}.`, {
        cause: err,
      });
    }
    users.set(user, hash);
  });
  return users;
}

function loadUsers(env: AuthEnv): Map<string, ParsedHash> {
  if (env.AUTH_USERS !== undefined && env.AUTH_USERS_FILE !== undefined) {
    throw new Error('AUTH_USERS and AUTH_USERS_FILE are both set: use one of them.');
  }
  let users: Map<string, ParsedHash>;
  if (env.AUTH_USERS_FILE !== undefined) {
    const file = env.AUTH_USERS_FILE;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(
        `AUTH_USERS_FILE=${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? err}.`,
        { cause: err },
      );
    }
    const lines = text.split(/\r?\n/).map((l, n) => ({ l: l.trim(), n: n + 1 }));
    const kept = lines.filter(({ l }) => l !== '' && !l.startsWith('#'));
    users = parseUsers(
      kept.map(({ l }) => l),
      (i) => `AUTH_USERS_FILE=${file} line ${kept[i]!.n}`,
    );
  } else if (env.AUTH_USERS !== undefined) {
    const entries = env.AUTH_USERS.split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    users = parseUsers(entries, (i) => `AUTH_USERS entry ${i + 1}`);
  } else {
    throw new Error('AUTH_MODE=basic needs users: set AUTH_USERS_FILE or AUTH_USERS.');
  }
  if (users.size === 0)
    throw new Error('AUTH_MODE=basic needs at least one user in AUTH_USERS_FILE or AUTH_USERS.');
  return users;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** One IP or CIDR; IPv4-mapped IPv6 forms are taken as the IPv4 they carry. */
function parseRange(item: string): Range {
  if (!item.includes('/')) {
    const addr = ipaddr.process(item);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  }
  const [addr, bits] = ipaddr.parseCIDR(item);
  if (addr instanceof ipaddr.IPv6 && addr.isIPv4MappedAddress() && bits >= 96)
    return [addr.toIPv4Address(), bits - 96];
  return [addr, bits];
}

function parseTrustedProxies(raw: string | undefined): { list: string[]; ranges: Range[] } {
  if (raw === undefined) {
    throw new Error(
      'AUTH_MODE=proxy needs AUTH_TRUSTED_PROXIES: the addresses (IP or CIDR) of the reverse proxy.',
    );
  }
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0)
    throw new Error('AUTH_TRUSTED_PROXIES must list at least one IP address or CIDR range.');
  const ranges = list.map((item) => {
    try {
      return parseRange(item);
    } catch (err) {
      throw new Error(
        `AUTH_TRUSTED_PROXIES has an invalid entry ${JSON.stringify(item)}: an IP address or CIDR range expected.`,
        { cause: err },
      );
    }
  });
  return { list, ranges };
}

/**
 * A test for "is this peer address in the list" (IPs or CIDRs, IPv4-mapped IPv6 taken as
 * IPv4). Throws on an entry that is neither.
 */
export function addressMatcher(list: readonly string[]): (address: string | undefined) => boolean {
  const ranges = list.map(parseRange);
  return (address) => {
    if (ranges.length === 0 || address === undefined || !ipaddr.isValid(address)) return false;
    const a = ipaddr.process(address);
    return ranges.some(([range, bits]) => range.kind() === a.kind() && a.match(range, bits));
  };
}

/** Builds the access control settings; throws an Error naming the variable at fault. */
export function accessControlFromEnv(env: NodeJS.ProcessEnv, host: string): AccessControlConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new Error(`${name} ${issue.message}.`);
  }
  const e = parsed.data;
  const unused = (names: (keyof AuthEnv)[]) => {
    for (const n of names) {
      if (e[n] !== undefined) {
        const wanted = n === 'AUTH_TRUSTED_PROXIES' ? 'proxy or basic' : 'basic';
        throw new Error(`${n} is set but AUTH_MODE is ${e.AUTH_MODE}: set AUTH_MODE=${wanted} to use it.`);
      }
    }
  };
  switch (e.AUTH_MODE) {
    case 'none': {
      unused(['AUTH_USERS', 'AUTH_USERS_FILE', 'AUTH_TRUSTED_PROXIES']);
      if (!isLoopbackHost(host)) {
        throw new Error(
          `HOST=${host} is not a loopback address, so the server refuses to start without access control.\n${ACCESS_CONTROL_HELP}`,
        );
      }
      return { mode: 'none' };
    }
    case 'basic': {
      const users = loadUsers(e);
      const proxies =
        e.AUTH_TRUSTED_PROXIES === undefined ? [] : parseTrustedProxies(e.AUTH_TRUSTED_PROXIES).list;
      return {
        mode: 'basic',
        users,
        failedLimit: e.AUTH_FAILED_LIMIT,
        realm: REALM,
        trustedProxies: proxies,
      };
    }
    case 'proxy': {
      unused(['AUTH_USERS', 'AUTH_USERS_FILE']);
      const { list, ranges } = parseTrustedProxies(e.AUTH_TRUSTED_PROXIES);
      return {
        mode: 'proxy',
        userHeader: e.AUTH_PROXY_HEADER,
        trustedProxies: list,
        isTrustedProxy: (address) => {
          if (address === undefined || !ipaddr.isValid(address)) return false;
          const a = ipaddr.process(address);
          return ranges.some(([range, bits]) => range.kind() === a.kind() && a.match(range, bits));
        },
      };
    }
  }
}

/** The reverse proxies whose forwarding headers are believed (X-Forwarded-For/-Host/-Proto). */
export function trustedProxiesOf(config: AccessControlConfig): readonly string[] {
  if (config.mode === 'proxy') return config.trustedProxies;
  if (config.mode === 'basic') return config.trustedProxies ?? [];
  return [];
}

/**
 * Refuses basic authentication in clear text: on a non-loopback HOST, passwords would
 * cross the network in every request's Authorization header. Allowed with native TLS
 * (TLS_CERT_FILE and TLS_KEY_FILE) or when the operator states that a TLS proxy is in
 * front (TRUST_PROXY_TLS=1). Throws an Error that says how to fix it.
 */
export function checkTransport(
  config: AccessControlConfig,
  server: { host: string; tls?: unknown; trustProxyTls: boolean },
): void {
  if (config.mode !== 'basic' || isLoopbackHost(server.host) || server.tls || server.trustProxyTls) return;
  throw new Error(
    [
      `AUTH_MODE=basic on HOST=${server.host} would send passwords in clear text, so the server refuses to start.`,
      'Configure one of:',
      '  Native TLS: TLS_CERT_FILE=/path/to/fullchain.pem TLS_KEY_FILE=/path/to/privkey.pem',
      '  A TLS-terminating reverse proxy in front: TRUST_PROXY_TLS=1 (and AUTH_TRUSTED_PROXIES=<its address>',
      '    so the failed-login limit sees the real client address)',
      'Or listen on loopback only: HOST=127.0.0.1 (the default).',
    ].join('\n'),
  );
}
