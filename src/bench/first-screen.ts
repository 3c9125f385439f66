/**
 * First screen, in headless Chromium on a fresh production build served by the real app
 * (buildApp in front of the emulator, 5,000 tasks):
 * - bytes: gzip size (zlib default level) of every JS and CSS file fully loaded before the
 *   first rows appeared, against the 250 KB budget;
 * - time from navigation start to the first rows in the table (cold cache each run), and
 *   its waterfall: entry chunk received, first DescribeProcessTasks request started, its
 *   answer received, rows painted (the frame after the rows entered the DOM); rows painted
 *   minus the later of the answer and the app's boot (performance mark rtc:app-render) is
 *   the render cost;
 * - the baseline in the same run: a bare antd page (src/bench/bare-antd: Table, Select,
 *   RangePicker, Drawer; no data) built by the same toolchain (precompressed the same way)
 *   and served by the same server, navigation → first contentful paint; and the ratio of
 *   our first rows to it;
 * - the render cost as main-thread CPU time too (Chrome trace, thread time of the renderer's
 *   main-thread tasks in the same window), from separate traced runs: wall times grow with
 *   the machine's load, the work the render does much less;
 * - time from a filter change (TaskStatus "Failed (90)" chosen with Enter) to the
 *   updated rows and total.
 * Median of BENCH_RUNS runs (default 5); runs of the app and the baseline alternate so
 * both see the same machine load. The load average is printed with the figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { build as viteBuild } from 'vite';
import { startProxyHarness } from '../../test/helpers/proxy-harness';
import { launchChromium } from './lib/browser';
import { median, round, writeResult } from './lib/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_BYTES = 250 * 1024;
const ROW = 'tbody tr.rtc-row';

interface Marks {
  firstRows: number | null;
  rowsPainted: number | null;
  inputAt: number | null;
  countBefore: string | null;
  updatedAt: number | null;
}

// Runs in the page before its own scripts: timestamps (performance.now, i.e. ms since
// navigation start) of the first rows, of the filter input, and of the updated total.
const INIT_SCRIPT = `(() => {
  const marks = (window.__benchMarks = { firstRows: null, rowsPainted: null, inputAt: null, countBefore: null, updatedAt: null });
  const total = () => document.querySelector('[data-testid="total-count"]')?.textContent ?? null;
  new MutationObserver(() => {
    const hasRows = !!document.querySelector(${JSON.stringify(ROW)});
    if (marks.firstRows === null && hasRows) {
      marks.firstRows = performance.now();
      // The frame that shows them: the next animation frame, then the task after it.
      requestAnimationFrame(() => setTimeout(() => { marks.rowsPainted = performance.now(); performance.mark('bench:rows-painted'); }, 0));
    }
    if (marks.inputAt !== null && marks.updatedAt === null && hasRows && total() !== marks.countBefore) {
      marks.updatedAt = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && window.__benchArmed) {
      window.__benchArmed = false;
      marks.inputAt = performance.now();
      marks.countBefore = total();
    }
  }, true);
})();`;

function build(outDir: string) {
  console.log(`Building the SPA (vite build → ${outDir}) …`);
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

/** The baseline page, built with the same Vite and React plugin as the app. */
async function buildBaseline(outDir: string) {
  console.log(`Building the bare antd baseline (src/bench/bare-antd → ${outDir}) …`);
  await viteBuild({
    root: join(dirname(fileURLToPath(import.meta.url)), 'bare-antd'),
    configFile: false,
    logLevel: 'error',
    // Served like the app's build: brotli and gzip copies beside each file.
    plugins: [
      react(),
      compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' }),
    ],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  });
}

interface Resource {
  name: string;
  start: number;
  end: number;
}

interface AppRun {
  firstRowsMs: number;
  rowsPaintedMs: number;
  entryChunkMs: number;
  listRequestStartMs: number;
  listAnswerMs: number;
  /** performance.mark 'rtc:app-render': the app's chunks are evaluated, React starts. */
  appRenderMs: number;
  filterMs: number;
  assets: string[];
  inFlight: string[];
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof launchChromium>>['newPage']>>;

async function waitForMark(page: Page, mark: keyof Marks) {
  await page.waitForFunction(
    (m) => (window as unknown as { __benchMarks: Marks }).__benchMarks[m] !== null,
    mark,
    { timeout: 60_000, polling: 20 },
  );
}

async function gzipOf(urls: string[], cache: Map<string, { raw: number; gzip: number }>) {
  for (const url of urls) {
    if (cache.has(url)) continue;
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    cache.set(url, { raw: body.length, gzip: gzipSync(body).length });
  }
}

async function appRun(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  url: string,
  gzipByUrl: Map<string, { raw: number; gzip: number }>,
): Promise<AppRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(INIT_SCRIPT);
  await page.goto(`${url}/`, { waitUntil: 'commit' });
  await waitForMark(page, 'rowsPainted');
  const { marks, appRender, resources } = await page.evaluate(() => ({
    marks: (window as unknown as { __benchMarks: Marks }).__benchMarks,
    appRender: performance.getEntriesByName('rtc:app-render')[0]?.startTime ?? null,
    resources: performance.getEntriesByType('resource').map((e) => ({
      name: e.name,
      start: e.startTime,
      end: (e as PerformanceResourceTiming).responseEnd,
    })),
  }));
  const firstRows = marks.firstRows!;
  const path = (r: Resource) => new URL(r.name).pathname;
  const jsCss = resources.filter((r) => /\.(m?js|css)$/.test(path(r)));
  // Loaded before the first rows = fully received by then. Files requested in the same
  // render as the rows (a lazy chunk) but finished later did not hold the rows back.
  const assets = jsCss.filter((r) => r.end <= firstRows).map((r) => r.name);
  const inFlight = jsCss.filter((r) => r.start <= firstRows && r.end > firstRows).map((r) => r.name);
  await gzipOf([...assets, ...inFlight], gzipByUrl);
  // The entry chunk is the first script the document asked for; the first list request
  // is the first DescribeProcessTasks the page made.
  const entry = jsCss.find((r) => /\/assets\/index-[^/]+\.js$/.test(path(r)));
  const list = resources
    .filter((r) => path(r) === '/api/DescribeProcessTasks')
    .sort((a, b) => a.start - b.start)[0];
  if (!entry || !list)
    throw new Error('the entry chunk or the first list request is missing from Resource Timing');

  // Filter change: pick a status in the TaskStatus select and press Enter.
  const input = page.locator('#filter-TaskStatus');
  await input.click();
  await input.fill('Failed (90)');
  await page.getByRole('option', { name: 'Failed (90)', exact: true }).first().waitFor({ state: 'attached' });
  await page.evaluate(() => ((window as unknown as { __benchArmed: boolean }).__benchArmed = true));
  await page.keyboard.press('Enter');
  await waitForMark(page, 'updatedAt');
  const after = await page.evaluate(() => (window as unknown as { __benchMarks: Marks }).__benchMarks);
  await context.close();
  return {
    firstRowsMs: firstRows,
    rowsPaintedMs: marks.rowsPainted!,
    entryChunkMs: entry.end,
    listRequestStartMs: list.start,
    listAnswerMs: list.end,
    appRenderMs: appRender ?? Number.NaN,
    filterMs: after.updatedAt! - after.inputAt!,
    assets,
    inFlight,
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * One traced load of the app: main-thread CPU time (ms) from when both the list's answer
 * and the booted app are there to the rows painted: the sum of the thread time of the
 * renderer main thread's tasks that start in that window (Chrome trace, `RunTask`).
 */
async function renderCpuRun(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  url: string,
): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(INIT_SCRIPT);
  await browser.startTracing(page, {
    categories: [
      'toplevel',
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'blink.user_timing',
    ],
  });
  await page.goto(`${url}/`, { waitUntil: 'commit' });
  await waitForMark(page, 'rowsPainted');
  const { appRender, answer } = await page.evaluate(() => ({
    appRender: performance.getEntriesByName('rtc:app-render')[0]!.startTime,
    answer: (
      performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname === '/api/DescribeProcessTasks')
        .sort((a, b) => a.startTime - b.startTime)[0] as PerformanceResourceTiming
    ).responseEnd,
  }));
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] })
    .traceEvents;
  await context.close();
  const mark = (name: string) => {
    const e = events.find((x) => x.name === name && x.ph !== 'M');
    if (!e) throw new Error(`the trace has no ${name} mark`);
    return e;
  };
  const appMark = mark('rtc:app-render');
  const painted = mark('bench:rows-painted');
  // Trace time (µs) of a performance.now() time (ms), by the app mark's two clocks.
  const toTrace = (ms: number) => appMark.ts + (ms - appRender) * 1000;
  const from = toTrace(Math.max(appRender, answer));
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === appMark.pid,
  );
  if (!main) throw new Error('the trace has no renderer main thread');
  const cpuUs = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'RunTask' && e.ph === 'X')
    .filter((e) => e.ts >= from && e.ts < painted.ts)
    .reduce((n, e) => n + (e.tdur ?? 0), 0);
  return cpuUs / 1000;
}

/** The bare antd page: navigation → first contentful paint (ms). */
async function baselineRun(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  url: string,
): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/`, { waitUntil: 'commit' });
  await page.locator('.ant-table').waitFor({ state: 'visible', timeout: 60_000 });
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const e = list.getEntriesByName('first-contentful-paint')[0];
          if (e) resolve(e.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
  await context.close();
  return fcp;
}

const figure = (values: number[]) => ({
  median: round(median(values), 0),
  all: values.map((v) => round(v, 0)),
});

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'rtc-bench-dist-'));
  const baselineDir = mkdtempSync(join(tmpdir(), 'rtc-bench-bare-'));
  build(outDir);
  await buildBaseline(baselineDir);
  const h = await startProxyHarness({ listen: true, staticRoot: outDir, emulator: { tasks: 5000, seed: 1 } });
  const bare = await startProxyHarness({
    listen: true,
    staticRoot: baselineDir,
    emulator: { tasks: 1, seed: 1 },
  });
  const browser = await launchChromium();
  const gzipByUrl = new Map<string, { raw: number; gzip: number }>();
  const runs: AppRun[] = [];
  const baseline: number[] = [];
  const renderCpu: number[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    // One warm-up of each (Chromium's own start-up), not counted.
    await appRun(browser, h.url!, gzipByUrl);
    await baselineRun(browser, bare.url!);
    for (let i = 0; i < RUNS; i++) {
      runs.push(await appRun(browser, h.url!, gzipByUrl));
      baseline.push(await baselineRun(browser, bare.url!));
    }
    // Traced apart: tracing slows the page a little, so the runs above are not traced.
    for (let i = 0; i < RUNS; i++) renderCpu.push(await renderCpuRun(browser, h.url!));
  } finally {
    await browser.close();
    await h.close();
    await bare.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(baselineDir, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0]!;

  // The largest set any run loaded before its first rows (runs differ only by timing).
  const first = runs.map((r) => r.assets).sort((a, b) => b.length - a.length)[0]!;
  const files = first.map((url) => ({ file: new URL(url).pathname, ...gzipByUrl.get(url)! }));
  const later = [...new Set(runs.flatMap((r) => r.inFlight))]
    .filter((url) => !first.includes(url))
    .map((url) => ({ file: new URL(url).pathname, ...gzipByUrl.get(url)! }));
  const gzipTotal = files.reduce((n, f) => n + f.gzip, 0);
  const rowsMedian = median(runs.map((r) => r.firstRowsMs));
  const baselineMedian = median(baseline);
  const figures = {
    runs: RUNS,
    machine: {
      cores: availableParallelism(),
      loadAverage1m: { before: round(loadBefore, 2), after: round(loadAfter, 2) },
    },
    firstScreen: {
      gzipBytes: gzipTotal,
      gzipKB: round(gzipTotal / 1024, 1),
      budgetKB: BUDGET_BYTES / 1024,
      withinBudget: gzipTotal <= BUDGET_BYTES,
      files,
      requestedWithRowsButFinishedLater: later,
    },
    navigationToFirstRowsMs: figure(runs.map((r) => r.firstRowsMs)),
    baselineNavigationToFirstPaintMs: figure(baseline),
    ratioFirstRowsToBaseline: round(rowsMedian / baselineMedian, 2),
    waterfallMs: {
      entryChunkReceived: figure(runs.map((r) => r.entryChunkMs)),
      firstListRequestStart: figure(runs.map((r) => r.listRequestStartMs)),
      listAnswerReceived: figure(runs.map((r) => r.listAnswerMs)),
      appBooted: figure(runs.map((r) => r.appRenderMs)),
      rowsInDom: figure(runs.map((r) => r.firstRowsMs)),
      rowsPainted: figure(runs.map((r) => r.rowsPaintedMs)),
    },
    entryChunkToListRequestMs: figure(runs.map((r) => r.listRequestStartMs - r.entryChunkMs)),
    answerToRowsPaintedMs: figure(runs.map((r) => r.rowsPaintedMs - r.listAnswerMs)),
    // Rendering proper: from when both the answer and the booted app are there.
    renderCostMs: figure(runs.map((r) => r.rowsPaintedMs - Math.max(r.listAnswerMs, r.appRenderMs))),
    renderCostMainThreadCpuMs: figure(renderCpu),
    filterChangeToRowsMs: figure(runs.map((r) => r.filterMs)),
  };
  const fmt = (f: { median: number; all: number[] }) => `median ${f.median} ms (${f.all.join(', ')})`;
  console.log(
    `First screen (production build, headless Chromium, cold cache per run; ${figures.machine.cores} cores, load average ${figures.machine.loadAverage1m.before} → ${figures.machine.loadAverage1m.after})`,
  );
  for (const f of files)
    console.log(
      `  ${f.file.padEnd(48)} ${(f.gzip / 1024).toFixed(1).padStart(7)} KB gzip (${(f.raw / 1024).toFixed(0)} KB raw)`,
    );
  for (const f of later) {
    console.log(
      `  (still loading when rows appeared, not counted: ${f.file}, ${(f.gzip / 1024).toFixed(1)} KB gzip)`,
    );
  }
  console.log(
    `  JS+CSS before first rows: ${figures.firstScreen.gzipKB} KB gzip of a ${figures.firstScreen.budgetKB} KB budget → ${figures.firstScreen.withinBudget ? 'within' : 'OVER'} budget`,
  );
  console.log(`  navigation → first rows: ${fmt(figures.navigationToFirstRowsMs)}`);
  console.log(
    `  baseline, bare antd page navigation → first paint: ${fmt(figures.baselineNavigationToFirstPaintMs)}`,
  );
  console.log(`  ratio first rows / baseline first paint: ${figures.ratioFirstRowsToBaseline} (goal ≤ 1.0)`);
  const w = figures.waterfallMs;
  console.log('  waterfall (ms since navigation, medians):');
  console.log(`    entry chunk received        ${w.entryChunkReceived.median}`);
  console.log(`    first list request started  ${w.firstListRequestStart.median}`);
  console.log(`    list answer received        ${w.listAnswerReceived.median}`);
  console.log(`    app booted (React starts)   ${w.appBooted.median}`);
  console.log(`    rows in the DOM             ${w.rowsInDom.median}`);
  console.log(`    rows painted                ${w.rowsPainted.median}`);
  console.log(`  entry chunk → first list request: ${fmt(figures.entryChunkToListRequestMs)}`);
  console.log(`  answer → rows painted: ${fmt(figures.answerToRowsPaintedMs)}`);
  console.log(`  render cost (answer and app both there → rows painted): ${fmt(figures.renderCostMs)}`);
  console.log(
    `  render cost as main-thread CPU time (traced runs; goal ≤ 100 ms): ${fmt(figures.renderCostMainThreadCpuMs)}`,
  );
  console.log(`  filter change → updated rows: ${fmt(figures.filterChangeToRowsMs)}`);
  console.log(`→ ${writeResult('first-screen', figures)}`);
}

await main();
