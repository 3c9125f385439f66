import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY_SECRET } from './index';

const TSX = 'node_modules/.bin/tsx';
const cleanEnv = (extra: Record<string, string>) => {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  return { ...env, ...extra };
};

describe('npm run emulator (src/server/emulator/main.ts)', () => {
  it('prints the listening line with the key id (never the secret), serves, and stops on SIGTERM', async () => {
    const child = spawn(TSX, ['src/server/emulator/main.ts'], {
      env: cleanEnv({ EMULATOR_PORT: '0', EMULATOR_TASKS: '100' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Sophonsoar emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      expect(out).toContain('LTAIdemoEmulatorKey0001');
      const health = await fetch(`${url}/__admin/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', tasks: 100 });
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(out).not.toContain(DEMO_ACCESS_KEY_SECRET);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('exits 1 with a message naming an invalid variable', async () => {
    const child = spawn(TSX, ['src/server/emulator/main.ts'], {
      env: cleanEnv({ EMULATOR_TASKS: 'lots' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(err).toContain('EMULATOR_TASKS');
  });
});
