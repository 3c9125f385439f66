/** A pino logger (the server's own options) whose output a test reads back line by line. */
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/server/logger';

export interface CapturedLogs {
  logger: Logger;
  /** Every JSON line written so far, as text. */
  lines: string[];
  /** The same lines parsed; clear with `records.length = 0`. */
  records: Record<string, unknown>[];
}

/** A logger at `level` ('info' by default) that keeps what it writes instead of printing it. */
export function captureLogs(level = 'info'): CapturedLogs {
  const lines: string[] = [];
  const records: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        records.push(JSON.parse(line) as Record<string, unknown>);
      }
      cb();
    },
  });
  return { logger: createLogger(level, sink), lines, records };
}
