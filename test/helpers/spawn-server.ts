/**
 * Runs the real server (src/server/main.ts) in its own Node process, as `npm start` does,
 * with an isolated environment: no Alibaba credentials, no ECS metadata probe, a temporary
 * HOME. Collects every output line (for secret scans) and the URLs from the log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SpawnedServer {
  url: string;
  /** The embedded emulator's URL (demo mode). */
  emulatorUrl?: string;
  pid: number;
  /** Every stdout and stderr line so far. */
  output: string[];
  /** Peak resident set size of the server process so far (Linux VmHWM), in bytes. */
  peakRss(): number | undefined;
  stop(): Promise<number | null>;
}

/** The environment of the test process minus anything that could reach a real account. */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('ALIBABA_CLOUD_') && !k.startsWith('AUTH_') && !k.startsWith('EMULATOR_'),
    ),
  );
  return {
    ...clean,
    HOME: mkdtempSync(join(tmpdir(), 'rtc-home-')),
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    SOPHONSOAR_MODE: 'demo',
    EMULATOR_LIVE: '0',
    ...extra,
  };
}

function peakRssOf(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface SpawnOptions {
  timeoutMs?: number;
  /** Which lines to keep once listening (default all); a load run keeps only errors. */
  keep?: (line: string) => boolean;
}

export async function spawnServer(
  env: NodeJS.ProcessEnv = {},
  opts: SpawnOptions = {},
): Promise<SpawnedServer> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  let listening = false;
  // `node --import tsx` keeps the server in this one process (the tsx CLI would fork).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: isolatedEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let lastPeak: number | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const urls = await new Promise<{ url: string; emulatorUrl?: string }>((resolve, reject) => {
    let emulatorUrl: string | undefined;
    const timer = setTimeout(() => {
      // Never leave a half-started server behind.
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    const onLine = (line: string) => {
      if (listening) {
        if (!opts.keep || opts.keep(line)) output.push(line);
        return;
      }
      output.push(line);
      if (!line.startsWith('{')) return;
      try {
        const rec = JSON.parse(line) as { msg?: string; url?: string };
        if (rec.msg === 'emulator started') emulatorUrl = rec.url;
        if (rec.msg === 'listening' && rec.url) {
          listening = true;
          clearTimeout(timer);
          resolve({ url: rec.url, ...(emulatorUrl ? { emulatorUrl } : {}) });
        }
      } catch {
        /* not a log line */
      }
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          onLine(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output.join('\n')}`));
    });
  });
  const peakRss = () => {
    lastPeak = peakRssOf(child.pid!) ?? lastPeak;
    return lastPeak;
  };
  return {
    ...urls,
    pid: child.pid!,
    output,
    peakRss,
    async stop() {
      peakRss();
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
