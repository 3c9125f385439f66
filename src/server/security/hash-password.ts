/**
 * Prints a scrypt hash line for AUTH_USERS / AUTH_USERS_FILE.
 *
 *   npm run -s hash-password -- --user alice >> users     asks for the password (not echoed)
 *   printf '%s' "$PW" | npm run -s hash-password -- --user alice >> users    from stdin
 *   npm run -s hash-password -- --user alice 'the password'    (lands in shell history)
 *
 * With --user the line is `alice:scrypt$...`, ready for the users file; without, the hash.
 * `-s` stops npm from printing its own banner lines into the file.
 */
import { parseArgs } from 'node:util';
import { hashPassword } from './password-hash';

const USAGE = 'Usage: npm run -s hash-password -- [--user NAME] [PASSWORD]   (no PASSWORD: read from stdin)';

/** Reads a line from a terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  // One trailing newline belongs to `echo`, not to the password.
  return text.replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { user: { type: 'string', short: 'u' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help || positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const user = values.user;
  if (user !== undefined && !/^[^\s:\u0000-\u001f\u007f]{1,64}$/u.test(user)) {
    throw new Error('--user must be 1-64 characters without spaces, colons or control characters.');
  }
  let password = positionals[0];
  if (password === undefined) {
    if (process.stdin.isTTY) {
      password = await readHidden('Password: ');
      const again = await readHidden('Repeat: ');
      if (again !== password) throw new Error('The passwords differ.');
    } else {
      password = await readStdin();
    }
  }
  if (password.length === 0) throw new Error('The password is empty.');
  const hash = await hashPassword(password);
  process.stdout.write(`${user === undefined ? hash : `${user}:${hash}`}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`hash-password: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
