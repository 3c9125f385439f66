/** The standalone emulator (`npm run emulator`) as a child process on an ephemeral port. */
import { spawn } from 'node:child_process';
import { isolatedEnv } from '../../../test/helpers/spawn-server';

export interface EmulatorProcess {
  url: string;
  endpoint: string;
  stop(): Promise<void>;
}

export async function startEmulatorProcess(env: NodeJS.ProcessEnv = {}): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/emulator/main.ts'], {
    env: isolatedEnv({ EMULATOR_PORT: '0', EMULATOR_LIVE: '0', ...env }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out += c;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`emulator exited before listening:\n${out}`)));
  });
  return {
    url,
    endpoint: url.replace(/^http:\/\//, ''),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
