/**
 * `npm run bench`: every benchmark in its own process, one after another (so they do not
 * compete for the CPU), each printing its figures and writing bench-results/<name>.json.
 * The export engineer's src/bench/export-bench.ts runs too when it exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = [
  'proxy-overhead.ts',
  'first-screen.ts',
  'summary-calls.ts',
  'export-bench.ts',
  'team-bench.ts',
];
const dir = join(process.cwd(), 'src', 'bench');
const failed: string[] = [];

for (const file of BENCHES) {
  const path = join(dir, file);
  if (!existsSync(path)) {
    console.log(`\n== ${file}: not present, skipped`);
    continue;
  }
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path], {
    stdio: 'inherit',
    // Benchmarks never need ECS instance metadata (servers they start get an isolated env too).
    env: process.env.ALIBABA_CLOUD_ECS_METADATA
      ? process.env
      : { ...process.env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
  });
  if (r.status !== 0) failed.push(`${file} (exit ${r.status ?? r.signal})`);
}

if (failed.length > 0) {
  console.error(`\nBenchmarks that failed: ${failed.join(', ')}`);
  process.exitCode = 1;
} else {
  console.log('\nAll benchmarks done; figures in bench-results/*.json');
}
