/**
 * The team: several analysts browsing through one console while two colleagues export,
 * against an emulator capped at the account's quota (EMULATOR_QPS=10, 50 ms latency), the
 * console's budget set to the same UPSTREAM_QPS. Emulator, console and this load generator
 * are separate processes on loopback; upstream calls are counted at the emulator
 * (`/__admin/calls`), where the quota is.
 *
 * An analyst action is one list request, from a fixed round of what analysts do: open the
 * ticket link the team shares (the same query for everyone), page forward, page back (a
 * page seen seconds ago), open their own filtered view; then think for THINK_MS.
 *
 * Upstream calls per analyst action come from the console's own metrics (/metrics:
 * rtc_upstream_queue_wait_seconds_count{priority="interactive"}, one per upstream call the
 * budget granted to a list on screen; export pages are "background").
 *
 * Baseline in the same run: the analysts alone (list latency without exports), and the
 * ideal export time, rows / 100 / QPS (every upstream call of the budget for one export's
 * pages of 100). Printed as ratios: upstream calls per analyst action, list p50/p95 during
 * the exports against the analysts alone, each export's time against the ideal for one
 * export alone and for two sharing the budget.
 */
import { runExport } from '../features/export/fetch-engine';
import { spawnServer } from '../../test/helpers/spawn-server';
import { peakCalls, startEmulatorProcess, type EmulatorProcess } from './lib/emulator-process';
import { percentile, round, writeResult } from './lib/stats';

const QPS = 10;
const LATENCY_MS = 50;
const TASKS = Number(process.env.BENCH_TEAM_TASKS ?? 1500);
const ANALYSTS = Number(process.env.BENCH_TEAM_ANALYSTS ?? 6);
const ALONE_MS = Number(process.env.BENCH_TEAM_ALONE_MS ?? 8000);
const THINK_MS = 1500;
const STATUSES = ['10', '20', '30', '90', '91', '92'];

interface Analysts {
  stop(): Promise<void>;
  actions: number;
  latencies: number[];
  refused: number;
  failed: number;
}

/** The analysts' round of actions, each analyst starting at a different point of it. */
function analysts(base: string, n: number): Analysts {
  let running = true;
  const state: Analysts = { stop: async () => {}, actions: 0, latencies: [], refused: 0, failed: 0 };
  const one = async (a: number) => {
    for (let step = a; running; step++) {
      const page = 1 + (Math.floor(step / 4) % 5);
      const query = [
        'PageSize=20&PageNumber=1&TaskStatus=%5B%2290%22%5D', // the shared ticket link
        `PageSize=20&PageNumber=${page + 1}`,
        `PageSize=20&PageNumber=${page}`,
        `PageSize=20&PageNumber=1&TaskStatus=%5B%22${STATUSES[a % STATUSES.length]}%22%5D`,
      ][step % 4]!;
      const t0 = performance.now();
      const r = await fetch(`${base}/api/DescribeProcessTasks?${query}`);
      await r.text();
      state.latencies.push(performance.now() - t0);
      state.actions++;
      if (r.status === 429) state.refused++;
      else if (r.status !== 200) state.failed++;
      await new Promise((resolve) => setTimeout(resolve, THINK_MS));
    }
  };
  const all = Promise.all(Array.from({ length: n }, (_, a) => one(a)));
  state.stop = async () => {
    running = false;
    await all;
  };
  return state;
}

async function exportAll(base: string) {
  const t0 = performance.now();
  const result = await runExport({ query: {}, baseUrl: base, pageSize: 100, onPage: () => {} });
  return {
    seconds: (performance.now() - t0) / 1000,
    rows: result.rows,
    requests: result.requests,
    complete: result.complete,
  };
}

/** Upstream calls granted to interactive requests so far (the console's /metrics, answered to loopback). */
async function interactiveCalls(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = /^rtc_upstream_queue_wait_seconds_count\{priority="interactive"\} (\d+)/m.exec(text);
  return m ? Number(m[1]) : 0;
}

async function callsSince(emu: EmulatorProcess, from: number) {
  const calls = (await emu.calls()).slice(from);
  return {
    calls,
    count: calls.length,
    throttled: calls.filter((c) => !c.allowed).length,
    peak: peakCalls(calls),
  };
}

async function main() {
  const emu = await startEmulatorProcess({
    EMULATOR_TASKS: String(TASKS),
    EMULATOR_SEED: '7',
    EMULATOR_QPS: String(QPS),
    EMULATOR_LATENCY_MS: String(LATENCY_MS),
  });
  const server = await spawnServer(
    {
      SOPHONSOAR_MODE: 'live',
      SOPHONSOAR_ENDPOINT: emu.endpoint,
      SOPHONSOAR_PROTOCOL: 'http',
      ALIBABA_CLOUD_ACCESS_KEY_ID: emu.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.accessKeySecret,
      UPSTREAM_QPS: String(QPS),
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    { keep: (line) => /"level":(50|60)/.test(line) },
  );
  try {
    // Baseline: the analysts alone.
    let mark = (await emu.calls()).length;
    let interactive = await interactiveCalls(server.url);
    const alone = analysts(server.url, ANALYSTS);
    await new Promise((r) => setTimeout(r, ALONE_MS));
    await alone.stop();
    const aloneCalls = await callsSince(emu, mark);
    const aloneInteractive = (await interactiveCalls(server.url)) - interactive;

    // The analysts while two exports run.
    mark = (await emu.calls()).length;
    interactive = await interactiveCalls(server.url);
    const busy = analysts(server.url, ANALYSTS);
    // Two colleagues, one second apart: their exports freeze different ends, so no page is shared.
    const exports = await Promise.all([
      exportAll(server.url),
      new Promise((r) => setTimeout(r, 1000)).then(() => exportAll(server.url)),
    ]);
    await busy.stop();
    const busyCalls = await callsSince(emu, mark);
    const busyInteractive = (await interactiveCalls(server.url)) - interactive;

    const ideal = (rows: number) => rows / 100 / QPS;
    const figures = {
      qps: QPS,
      latencyMs: LATENCY_MS,
      tasks: TASKS,
      analysts: ANALYSTS,
      alone: {
        actions: alone.actions,
        upstreamCalls: aloneCalls.count,
        upstreamCallsPerAction: round(aloneInteractive / alone.actions),
        listP50Ms: round(percentile(alone.latencies, 50)),
        listP95Ms: round(percentile(alone.latencies, 95)),
        refused: alone.refused,
        failed: alone.failed,
      },
      duringExports: {
        actions: busy.actions,
        upstreamCalls: busyCalls.count,
        analystUpstreamCalls: busyInteractive,
        upstreamCallsPerAction: round(busyInteractive / busy.actions),
        listP50Ms: round(percentile(busy.latencies, 50)),
        listP95Ms: round(percentile(busy.latencies, 95)),
        refused: busy.refused,
        failed: busy.failed,
      },
      exports: exports.map((e) => ({
        ...e,
        seconds: round(e.seconds),
        idealAloneS: round(ideal(e.rows)),
        ratioToIdealAlone: round(e.seconds / ideal(e.rows)),
        ratioToIdealShared: round(e.seconds / (2 * ideal(e.rows))),
      })),
      emulator: {
        throttled: aloneCalls.throttled + busyCalls.throttled,
        peakCallsInOneSecond: Math.max(aloneCalls.peak, busyCalls.peak),
      },
      ratios: {
        listP50DuringExportsVsAlone: round(percentile(busy.latencies, 50) / percentile(alone.latencies, 50)),
        listP95DuringExportsVsAlone: round(percentile(busy.latencies, 95) / percentile(alone.latencies, 95)),
      },
    };
    const f = figures;
    console.log(
      `Team (${ANALYSTS} analysts, 2 exports of ${TASKS} tasks; emulator capped at ${QPS} calls/s, ${LATENCY_MS} ms latency; UPSTREAM_QPS=${QPS})`,
    );
    console.log(
      `upstream calls per analyst action: ${f.alone.upstreamCallsPerAction} alone, ${f.duringExports.upstreamCallsPerAction} during exports (shared link, cache, shared calls)`,
    );
    console.log(
      `list p50/p95 ms: alone ${f.alone.listP50Ms}/${f.alone.listP95Ms}, during exports ${f.duringExports.listP50Ms}/${f.duringExports.listP95Ms} ` +
        `(×${f.ratios.listP50DuringExportsVsAlone}, ×${f.ratios.listP95DuringExportsVsAlone}); ` +
        `refused (429) ${f.alone.refused + f.duringExports.refused}, failed ${f.alone.failed + f.duringExports.failed}`,
    );
    for (const [i, e] of f.exports.entries())
      console.log(
        `export ${i + 1}: ${e.rows} rows${e.complete ? '' : ' (INCOMPLETE)'} in ${e.seconds} s, ${e.requests} requests; ideal alone ${e.idealAloneS} s: ` +
          `×${e.ratioToIdealAlone} of it, ×${e.ratioToIdealShared} of two sharing the budget`,
      );
    console.log(
      `emulator: ${f.emulator.throttled} throttled, at most ${f.emulator.peakCallsInOneSecond} calls in any second`,
    );
    console.log(`→ ${writeResult('team', figures)}`);
    if (f.emulator.throttled > 0 || exports.some((e) => !e.complete)) process.exitCode = 1;
  } finally {
    await server.stop();
    await emu.stop();
  }
}

await main();
