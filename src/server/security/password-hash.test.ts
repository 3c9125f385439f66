import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, parsePasswordHash, verifyPassword } from './password-hash';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashes', () => {
  it('uses a self-describing scrypt format with the default cost', async () => {
    const line = await hashPassword('correct horse');
    expect(line).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    expect(parsePasswordHash(line)).toMatchObject(DEFAULT_SCRYPT_PARAMS);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });

  it.each([
    ['correct horse', 'correct horse', true],
    ['correct horse', 'correct horsE', false],
    ['correct horse', 'correct horse ', false],
    ['correct horse', '', false],
    ['pässwörd 密码 🔑', 'pässwörd 密码 🔑', true],
    // NFC and NFD spellings of the same text are the same password.
    ['caf\u00e9', 'cafe\u0301', true],
    ['with:colon', 'with:colon', true],
  ])('hash(%j) verifies %j → %s', async (stored, given, ok) => {
    const hash = parsePasswordHash(await hashPassword(stored, FAST));
    expect(await verifyPassword(given, hash)).toBe(ok);
  });

  it('refuses an empty password', async () => {
    await expect(hashPassword('')).rejects.toThrow(/must not be empty/);
  });

  it.each([['pw\u0000'], ['pw\n'], ['tab\tpw'], ['x'.repeat(1025)]])(
    'refuses a password with control characters or over 1024 characters (%#)',
    async (pw) => {
      await expect(hashPassword(pw, FAST)).rejects.toThrow(/without control characters/);
    },
  );

  it.each([
    ['bcrypt-like', '$2b$10$abcdefghijklmnopqrstuv', /not a scrypt hash/],
    ['too few fields', 'scrypt$1024$8$1$c2FsdHNhbHQ=', /not a scrypt hash/],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAA==', /invalid scrypt N/],
    ['r zero', 'scrypt$1024$0$1$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAA==', /invalid scrypt r/],
    ['p too large', 'scrypt$1024$8$99$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAA==', /invalid scrypt p/],
    ['salt not base64', 'scrypt$1024$8$1$not*b64$AAAAAAAAAAAAAAAAAAAAAA==', /not base64/],
    ['short salt', 'scrypt$1024$8$1$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAA==', /salt shorter/],
    ['short hash', 'scrypt$1024$8$1$c2FsdHNhbHQ=$AAAA', /16\.\.64 bytes/],
  ])('rejects a hash that is %s', (_name, line, message) => {
    expect(() => parsePasswordHash(line)).toThrow(message);
  });
});
