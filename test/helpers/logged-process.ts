/**
 * A command run from the repository root with the environment a test gives it, whose
 * stdout JSON log lines the test reads as they come (for `npm start` and the server
 * started the way `npm start` starts it). Use `spawnServer` when only the URLs matter.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder with package.json). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface LoggedProcess {
  child: ChildProcess;
  /** Every stdout line that parsed as JSON, in order. */
  lines: Record<string, unknown>[];
  /** All of stdout and stderr so far, as text. */
  output: () => string;
  exited: Promise<number | null>;
}

/** Spawns `command args` in ROOT with exactly `env` (nothing of the test's environment added). */
export function runLogged(command: string, args: string[], env: NodeJS.ProcessEnv): LoggedProcess {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: 'pipe' });
  let out = '';
  let partial = '';
  const lines: Record<string, unknown>[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    partial += d.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const p of parts) {
      try {
        lines.push(JSON.parse(p) as Record<string, unknown>);
      } catch {
        // npm's banner, not a log line
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, output: () => out, exited };
}

/**
 * The first log line whose `msg` is `msg`, polled every 50 ms. Throws with the output so
 * far if the process exits first or nothing comes within `timeoutMs` (default 60 s).
 */
export async function waitForLine(
  r: LoggedProcess,
  msg: string,
  timeoutMs = 60_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hit = r.lines.find((l) => l.msg === msg);
    if (hit) return hit;
    if (r.child.exitCode !== null) throw new Error(`exited ${r.child.exitCode}: ${r.output()}`);
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`no "${msg}" line within ${timeoutMs} ms: ${r.output()}`);
}
