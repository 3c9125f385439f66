/**
 * Export benchmark (not a test): 10,000 tasks behind the real proxy and emulator with
 * 50 ms of emulator latency, on a fresh production build, in headless Chromium.
 *
 * In the same run and the same page:
 *  1. the export engine, driven through the UI (Export CSV → Export → download), with its
 *     defaults (concurrency EXPORT_CONCURRENCY, at most EXPORT_MAX_REQUESTS_PER_SECOND);
 *  2. a sequential page-by-page export of the same (frozen) set: one request at a time,
 *     then a plain CSV string, in the page, no worker;
 * plus the page's peak JS heap during each (CDP Performance.getMetrics JSHeapUsedSize,
 * sampled every 50 ms; the CSV worker's own heap is not part of the page's). Then, in
 * Node against the same proxy, the engine at a higher rate cap, to show what the
 * concurrency buys when the rate cap is not the limit.
 *
 *   npx tsx src/bench/export-bench.ts     → prints figures, writes bench-results/export.json
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import {
  EXPORT_CONCURRENCY,
  EXPORT_MAX_REQUESTS_PER_SECOND,
  runExport,
  type ExportResult,
} from '../features/export/fetch-engine';
import { startProxyHarness } from '../../test/helpers/proxy-harness';
import type { DescribeProcessTasksQuery } from '../shared/sophonsoar';
import { launchChromium } from './lib/browser';
import { round, writeResult } from './lib/stats';

const TASKS = Number(process.env.BENCH_EXPORT_TASKS ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_EXPORT_LATENCY_MS ?? 50);
const NODE_RATE = 40;

interface Manifest {
  exportedQuery: DescribeProcessTasksQuery;
  counts: { rowsExported: number; totalCountAtStart: number; requests: number; retries: number };
  complete: boolean;
}

/** Samples the page's JS heap until stopped; returns the peak in bytes. */
function heapSampler(cdp: CDPSession) {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { metrics } = await cdp.send('Performance.getMetrics');
        peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      } catch {
        return; // the page is gone: the caller reports its own error
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

async function heapNow(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
}

async function exportThroughUi(page: Page, cdp: CDPSession) {
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-start').waitFor();
  const baseline = await heapNow(cdp);
  const sampler = heapSampler(cdp);
  const download = page.waitForEvent('download', { timeout: 600_000 });
  const t0 = performance.now();
  await page.getByTestId('export-start').click();
  const csv = await download;
  const ms = performance.now() - t0;
  const peak = await sampler.stop();
  const csvBytes = readFileSync((await csv.path())!).length;
  const manifestDl = page.waitForEvent('download');
  await page.getByTestId('export-manifest').click();
  const manifest = JSON.parse(readFileSync((await (await manifestDl).path())!, 'utf8')) as Manifest;
  return { ms, baseline, peak, csvBytes, manifest, fileName: csv.suggestedFilename() };
}

/** Runs in the page: one request at a time, then a plain CSV string (what a naive export does). */
const SEQUENTIAL_EXPORT = `async function (q) {
  const t0 = performance.now();
  const tasks = [];
  let requests = 0;
  for (let n = 1; ; n++) {
    const qs = new URLSearchParams({ ...q, PageSize: '100', PageNumber: String(n) });
    requests++;
    const res = await fetch('/api/DescribeProcessTasks?' + qs);
    if (!res.ok) throw new Error('page ' + n + ': HTTP ' + res.status);
    const body = await res.json();
    tasks.push(...body.ProcessTasks);
    if (n * 100 >= body.Page.TotalCount) break;
  }
  const fields = ['TaskId', 'TaskStatus', 'YunCode', 'EntityName', 'SceneName', 'Source', 'GmtCreateMillis', 'ProcessTime'];
  const esc = (v) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\\r\\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const text = [fields.join(','), ...tasks.map((t) => fields.map((f) => esc(t[f])).join(','))].join('\\r\\n');
  const blob = new Blob(['\\uFEFF', text]);
  return { ms: performance.now() - t0, rows: tasks.length, bytes: blob.size, requests };
}`;

/** The sequential export in the page, with its heap. */
async function sequentialInPage(page: Page, cdp: CDPSession, query: DescribeProcessTasksQuery) {
  const baseline = await heapNow(cdp);
  const sampler = heapSampler(cdp);
  // A string, not a function: tsx would wrap inner functions in a __name helper the page lacks.
  const r = (await page.evaluate(`(${SEQUENTIAL_EXPORT})(${JSON.stringify(query)})`)) as {
    ms: number;
    rows: number;
    bytes: number;
    requests: number;
  };
  const peak = await sampler.stop();
  return { ...r, baseline, peak };
}

async function engineInNode(baseUrl: string, query: DescribeProcessTasksQuery, maxRequestsPerSecond: number) {
  const t0 = performance.now();
  let rows = 0;
  const result: ExportResult = await runExport({
    query,
    baseUrl,
    maxRequestsPerSecond,
    onPage: (_n, tasks) => void (rows += tasks.length),
  });
  return { ms: performance.now() - t0, rows, requests: result.requests, complete: result.complete };
}

const mb = (b: number) => round(b / 1024 / 1024, 1);

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'rtc-export-bench-dist-'));
  console.log(`Building the SPA (vite build → ${outDir}) …`);
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const h = await startProxyHarness({
    listen: true,
    staticRoot: outDir,
    emulator: { tasks: TASKS, seed: 1, faults: { latencyMs: LATENCY_MS } },
  });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${h.url}/`);
    await page.locator('tbody tr.rtc-row').first().waitFor({ timeout: 60_000 });

    console.log(`Export engine through the UI (${TASKS} tasks, ${LATENCY_MS} ms latency) …`);
    const ui = await exportThroughUi(page, cdp);
    console.log('Sequential page-by-page export of the same set …');
    const seq = await sequentialInPage(page, cdp, ui.manifest.exportedQuery);
    console.log(`Export engine in Node at ${NODE_RATE} req/s …`);
    const fast = await engineInNode(h.url!, ui.manifest.exportedQuery, NODE_RATE);

    const figures = {
      tasks: TASKS,
      emulatorLatencyMs: LATENCY_MS,
      engine: {
        concurrency: EXPORT_CONCURRENCY,
        maxRequestsPerSecond: EXPORT_MAX_REQUESTS_PER_SECOND,
        ms: round(ui.ms, 0),
        rows: ui.manifest.counts.rowsExported,
        totalCount: ui.manifest.counts.totalCountAtStart,
        complete: ui.manifest.complete,
        requests: ui.manifest.counts.requests,
        retries: ui.manifest.counts.retries,
        csvBytes: ui.csvBytes,
        pageHeapBaselineMB: mb(ui.baseline),
        pageHeapPeakMB: mb(ui.peak),
        file: ui.fileName,
      },
      sequential: {
        ms: round(seq.ms, 0),
        rows: seq.rows,
        requests: seq.requests,
        csvBytes: seq.bytes,
        pageHeapBaselineMB: mb(seq.baseline),
        pageHeapPeakMB: mb(seq.peak),
      },
      ratioSequentialOverEngine: round(seq.ms / ui.ms, 2),
      engineInNodeAtHigherRate: {
        maxRequestsPerSecond: NODE_RATE,
        concurrency: EXPORT_CONCURRENCY,
        ms: round(fast.ms, 0),
        rows: fast.rows,
        complete: fast.complete,
        ratioSequentialOverThis: round(seq.ms / fast.ms, 2),
      },
    };
    console.log('');
    console.log(
      `engine (UI, ${EXPORT_CONCURRENCY} in flight, <= ${EXPORT_MAX_REQUESTS_PER_SECOND} req/s): ${figures.engine.ms} ms, ${figures.engine.rows}/${figures.engine.totalCount} rows, page heap peak ${figures.engine.pageHeapPeakMB} MB (baseline ${figures.engine.pageHeapBaselineMB} MB)`,
    );
    console.log(
      `sequential (page by page, in page): ${figures.sequential.ms} ms, ${figures.sequential.rows} rows, page heap peak ${figures.sequential.pageHeapPeakMB} MB (baseline ${figures.sequential.pageHeapBaselineMB} MB)`,
    );
    console.log(`ratio sequential / engine: ${figures.ratioSequentialOverEngine}`);
    console.log(
      `engine in Node at <= ${NODE_RATE} req/s: ${figures.engineInNodeAtHigherRate.ms} ms (sequential / this: ${figures.engineInNodeAtHigherRate.ratioSequentialOverThis})`,
    );
    if (figures.engine.rows !== figures.sequential.rows) {
      throw new Error(
        `Row counts differ: engine ${figures.engine.rows}, sequential ${figures.sequential.rows}`,
      );
    }
    console.log(`→ ${writeResult('export', figures)}`);
  } finally {
    await browser.close();
    await h.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
