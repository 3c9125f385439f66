/** The hash CLI as users run it: a real tsx process, password from stdin, argument or a terminal. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parsePasswordHash, verifyPassword } from './password-hash';

const TSX = 'node_modules/.bin/tsx';
const CLI = 'src/server/security/hash-password.ts';

function run(
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

async function expectLine(stdout: string, user: string | undefined, password: string) {
  const line = stdout.trim();
  const hash = user === undefined ? line : line.slice(user.length + 1);
  if (user !== undefined) expect(line.startsWith(`${user}:scrypt$`)).toBe(true);
  expect(await verifyPassword(password, parsePasswordHash(hash))).toBe(true);
  expect(await verifyPassword(`${password}x`, parsePasswordHash(hash))).toBe(false);
}

describe('hash-password CLI', () => {
  it('reads the password from stdin (one trailing newline dropped) and prints user:hash', async () => {
    const r = await run(['--user', 'alice'], 'pw with spaces  \n');
    expect(r.code).toBe(0);
    await expectLine(r.stdout, 'alice', 'pw with spaces  ');
    expect(r.stdout + r.stderr).not.toContain('pw with spaces');
  });

  it('takes the password as an argument and prints the bare hash', async () => {
    const r = await run(['s3cret-ärg']);
    expect(r.code).toBe(0);
    await expectLine(r.stdout, undefined, 's3cret-ärg');
  });

  it.each([
    [['--user', 'a:b', 'pw'], /--user must be/],
    [['--user', 'alice'], /password is empty/],
    [['one', 'two'], /Usage: npm run -s hash-password/],
  ])('fails clearly for %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  // util-linux `script` (Debian: bsdutils, always installed) gives the CLI a real terminal, to prove the password is not echoed.
  it('asks twice on a terminal without echoing', async () => {
    const child = spawn('/usr/bin/script', ['-q', '-c', `${TSX} ${CLI} --user bob`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const waitFor = (text: string, from: number) =>
      new Promise<void>((resolve) => {
        const check = () => (out.indexOf(text, from) >= 0 ? resolve() : setTimeout(check, 20));
        check();
      });
    child.stdout.on('data', (c) => (out += String(c)));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitFor('Password: ', 0);
    child.stdin.write('tty-pw-123\r');
    await waitFor('Repeat: ', 0);
    child.stdin.write('tty-pw-123\r');
    await waitFor('bob:scrypt$', 0);
    await waitFor('\n', out.indexOf('bob:scrypt$'));
    child.stdin.end();
    expect(await closed).toBe(0);
    expect(out).not.toContain('tty-pw-123');
    await expectLine(out.slice(out.indexOf('bob:scrypt$')).split(/\r?\n/)[0]!, 'bob', 'tty-pw-123');
  });
});
