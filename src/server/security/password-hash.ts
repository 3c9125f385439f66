/**
 * Password hashes for basic authentication: scrypt from node:crypto, stored in a
 * self-describing line `scrypt$N$r$p$<salt base64>$<hash base64>` so the cost can be
 * raised later without breaking existing users.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's minimum for scrypt (2^17 would be its "strong" choice, at 128 MiB per check). */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on what a hash line may ask of us, so a bad line cannot exhaust memory or CPU. */
const MIN_N = 2 ** 10;
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export interface ParsedHash extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses a hash line; throws an Error saying what is wrong (never echoing the hash). */
export function parsePasswordHash(encoded: string): ParsedHash {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    throw new Error('is not a scrypt hash of the form scrypt$N$r$p$salt$hash (use npm run -s hash-password)');
  }
  const [, nRaw, rRaw, pRaw, saltRaw, keyRaw] = parts as [string, string, string, string, string, string];
  const N = Number(nRaw);
  const r = Number(rRaw);
  const p = Number(pRaw);
  if (!/^\d+$/.test(nRaw) || N < MIN_N || N > MAX_N || (N & (N - 1)) !== 0) {
    throw new Error(`has an invalid scrypt N (a power of two from ${MIN_N} to ${MAX_N} expected)`);
  }
  if (!/^\d+$/.test(rRaw) || r < 1 || r > MAX_R) throw new Error(`has an invalid scrypt r (1..${MAX_R})`);
  if (!/^\d+$/.test(pRaw) || p < 1 || p > MAX_P) throw new Error(`has an invalid scrypt p (1..${MAX_P})`);
  if (!B64.test(saltRaw) || !B64.test(keyRaw)) throw new Error('has a salt or hash that is not base64');
  const salt = Buffer.from(saltRaw, 'base64');
  const key = Buffer.from(keyRaw, 'base64');
  if (salt.length < 8) throw new Error('has a salt shorter than 8 bytes');
  if (key.length < 16 || key.length > 64) throw new Error('has a hash that is not 16..64 bytes long');
  return { N, r, p, salt, key };
}

function scryptAsync(password: string, salt: Buffer, keylen: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node refuses anything above 32 MiB by default; allow what the parameters need.
    maxmem: 128 * params.N * params.r * 2 + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export const PASSWORD_MAX_LENGTH = 1024;

/**
 * Non-empty, at most 1024 characters, no control characters. The last rule matters:
 * scrypt's HMAC pads the key with zero bytes, so "pw" and "pw\0" would hash alike.
 */
export function isAcceptablePassword(password: string): boolean {
  return (
    password.length > 0 && password.length <= PASSWORD_MAX_LENGTH && !/[\u0000-\u001f\u007f]/.test(password)
  );
}

export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  if (password.length === 0) throw new Error('The password must not be empty.');
  if (!isAcceptablePassword(password)) {
    throw new Error(
      `The password must be at most ${PASSWORD_MAX_LENGTH} characters without control characters.`,
    );
  }
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time comparison of the derived key against the stored one. */
export async function verifyPassword(password: string, hash: ParsedHash): Promise<boolean> {
  const key = await scryptAsync(password, hash.salt, hash.key.length, hash);
  return timingSafeEqual(key, hash.key);
}
