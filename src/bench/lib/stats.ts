/** Figures for the benchmarks: percentiles, a closed-loop load runner, JSON results. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export interface LoopFigures {
  concurrency: number;
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  throughputRps: number;
}

/**
 * `concurrency` callers, each calling `call` again as soon as it returns, for `durationMs`.
 * A warm-up of `warmupMs` runs first and is not counted.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  call: () => Promise<void>,
  warmupMs = 1500,
): Promise<LoopFigures> {
  const run = async (ms: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const start = performance.now();
    const end = start + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          try {
            await call();
            latencies.push(performance.now() - t);
          } catch {
            errors++;
          }
        }
      }),
    );
    return { latencies, errors, elapsedMs: performance.now() - start };
  };
  await run(warmupMs);
  const { latencies, errors, elapsedMs } = await run(durationMs);
  return {
    concurrency,
    requests: latencies.length,
    errors,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    throughputRps: round(latencies.length / (elapsedMs / 1000), 1),
  };
}

export const RESULTS_DIR = join(process.cwd(), 'bench-results');

/** Writes bench-results/<name>.json with the figures and when/where they were taken. */
export function writeResult(name: string, figures: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  const doc = {
    name,
    takenAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    figures,
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}
