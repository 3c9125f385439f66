/**
 * Upstream calls of the summary strip (issue 12), in headless Chromium on a fresh
 * production build served by the real app (buildApp in front of the emulator, 5,000 tasks,
 * no answer cache, so every call the browser causes reaches the upstream once; identical
 * calls in flight are still shared). The emulator counts the signed calls it receives
 * (`/__admin/calls`). One analyst's session, step by step, each step measured until the
 * page has had no request in flight for IDLE_MS:
 * - first load (rows, the next page's prefetch, then the strip's counts and headline);
 * - a filter change (an IP in the search box): the list, its prefetch, the strip's counts;
 * - a product picked in its dropdown: the same, plus the product options' counts (the
 *   dropdown was opened), one of which is the strip's new total (shared);
 * - a status picked in its dropdown: the status options' counts and the list; the strip
 *   leaves the status out, so its counts are cached;
 * - Refresh (the toolbar's button): the list and the strip's counts;
 * - the status dropdown opened again after the refresh (its counts were refreshed too).
 * The baseline in the same run: the same steps with the count requests (PageSize 1) and
 * the headline refused in the browser, i.e. the calls the list alone needs. Also the JS
 * and CSS bytes received before the first rows (gzip) in both, and the strip's lazy chunk.
 * BENCH_RUNS runs (default 3) of each, alternating; medians.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { startProxyHarness } from '../../test/helpers/proxy-harness';
import { SUMMARY_COUNT_CALLS, OPTION_COUNT_CALLS_MAX } from '../features/process-tasks/model/status-counts';
import { launchChromium } from './lib/browser';
import { median, writeResult } from './lib/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const IDLE_MS = 700;
const ROW = 'tbody tr.rtc-row';

const STEPS = [
  'firstLoad',
  'filterChange',
  'productPickedInDropdown',
  'statusPickedInDropdown',
  'refresh',
  'statusDropdownAfterRefresh',
] as const;
type Step = (typeof STEPS)[number];

interface Run {
  calls: Record<Step, number>;
  firstScreenGzip: number;
  stripChunkGzip: number | undefined;
}

/** Resolves once no request of the page has been in flight for IDLE_MS. */
function idleTracker(page: Page) {
  let inFlight = 0;
  let last = Date.now();
  const bump = (d: number) => {
    inFlight += d;
    last = Date.now();
  };
  page.on('request', () => bump(1));
  page.on('requestfinished', () => bump(-1));
  page.on('requestfailed', () => bump(-1));
  return async () => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      if (inFlight <= 0 && Date.now() - last >= IDLE_MS) return;
    }
  };
}

async function gzipOf(url: string, cache: Map<string, number>): Promise<number> {
  let n = cache.get(url);
  if (n === undefined) {
    n = gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
    cache.set(url, n);
  }
  return n;
}

async function pick(page: Page, inputId: string, label: string) {
  const input = page.locator(`#${inputId}`);
  await input.click();
  await input.fill(label);
  await page
    .getByRole('option', { name: label, exact: true })
    .first()
    .waitFor({ state: 'attached', timeout: 10_000 })
    .catch(async (e: unknown) => {
      await page.screenshot({ path: '/tmp/summary-shots/bench-fail.png' });
      throw e;
    });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

async function run(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  url: string,
  upstreamCalls: () => Promise<number>,
  gzipCache: Map<string, number>,
  listAlone: boolean,
): Promise<Run> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  if (listAlone)
    await page.route('**/api/**', (route) => {
      const u = new URL(route.request().url());
      const count = u.pathname === '/api/DescribeProcessTasks' && u.searchParams.get('PageSize') === '1';
      return count || u.pathname === '/api/DescribeProcessStatistics' ? route.abort() : route.continue();
    });
  await page.addInitScript(`(() => {
    new MutationObserver(() => {
      if (window.__firstRowsAt === undefined && document.querySelector(${JSON.stringify(ROW)}))
        window.__firstRowsAt = performance.now();
    }).observe(document, { subtree: true, childList: true });
  })();`);
  const idle = idleTracker(page);
  const calls = {} as Record<Step, number>;
  const measure = async (step: Step, act: () => Promise<void>) => {
    await idle();
    const before = await upstreamCalls();
    await act();
    await idle();
    calls[step] = (await upstreamCalls()) - before;
  };

  await measure('firstLoad', async () => {
    await page.goto(`${url}/`);
    await page.locator(ROW).first().waitFor();
    if (!listAlone) await page.getByTestId('summary-headline').waitFor();
  });
  const resources = await page.evaluate(() => {
    const at = (window as unknown as { __firstRowsAt: number }).__firstRowsAt;
    return performance
      .getEntriesByType('resource')
      .map((e) => ({ name: e.name, end: (e as PerformanceResourceTiming).responseEnd, at }));
  });
  const jsCss = resources.filter((r) => /\.(m?js|css)$/.test(new URL(r.name).pathname));
  let firstScreenGzip = 0;
  for (const r of jsCss.filter((r) => r.end <= r.at)) firstScreenGzip += await gzipOf(r.name, gzipCache);
  const strip = jsCss.find((r) => /\/summary-strip-[^/]+\.js$/.test(r.name));
  const stripChunkGzip = strip ? await gzipOf(strip.name, gzipCache) : undefined;

  await measure('filterChange', async () => {
    const search = page.locator('#filter-search');
    await search.fill('198.51.100.23');
    await search.press('Enter');
  });
  await measure('productPickedInDropdown', () =>
    pick(page, 'filter-YunCode', 'Web Application Firewall (WAF)'),
  );
  await measure('statusPickedInDropdown', () => pick(page, 'filter-TaskStatus', 'Failed (90)'));
  await measure('refresh', () => page.getByRole('button', { name: /Refresh$/ }).click());
  await measure('statusDropdownAfterRefresh', async () => {
    await page.locator('#filter-TaskStatus').click();
    if (!listAlone) await page.locator('[data-testid^="option-count-TaskStatus-"]').first().waitFor();
  });
  await context.close();
  return { calls, firstScreenGzip, stripChunkGzip };
}

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'rtc-bench-summary-'));
  console.log(`Building the SPA (vite build → ${outDir}) …`);
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const h = await startProxyHarness({ listen: true, staticRoot: outDir, emulator: { tasks: 5000, seed: 1 } });
  const upstreamCalls = async () =>
    ((await (await fetch(`${h.emulator.url}/__admin/calls`)).json()) as { calls: unknown[] }).calls.length;
  const browser = await launchChromium();
  const gzipCache = new Map<string, number>();
  const withStrip: Run[] = [];
  const listAlone: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      withStrip.push(await run(browser, h.url!, upstreamCalls, gzipCache, false));
      listAlone.push(await run(browser, h.url!, upstreamCalls, gzipCache, true));
    }
  } finally {
    await browser.close();
    await h.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  const med = (runs: Run[], step: Step) => median(runs.map((r) => r.calls[step]));
  const figures = {
    runs: RUNS,
    bounds: { summaryCountCalls: SUMMARY_COUNT_CALLS, optionCountCallsMax: OPTION_COUNT_CALLS_MAX },
    upstreamCallsPerStep: Object.fromEntries(
      STEPS.map((s) => [
        s,
        {
          withStrip: med(withStrip, s),
          listAlone: med(listAlone, s),
          allWithStrip: withStrip.map((r) => r.calls[s]),
          allListAlone: listAlone.map((r) => r.calls[s]),
        },
      ]),
    ),
    firstScreenGzipBytes: {
      withStrip: median(withStrip.map((r) => r.firstScreenGzip)),
      listAlone: median(listAlone.map((r) => r.firstScreenGzip)),
    },
    stripChunkGzipBytes: withStrip[0]?.stripChunkGzip ?? null,
  };
  console.log(
    `Upstream calls per step (emulator's /__admin/calls; no answer cache; median of ${RUNS}; with the strip / the list alone)`,
  );
  for (const s of STEPS) {
    const f = figures.upstreamCallsPerStep[s]!;
    console.log(`  ${s.padEnd(28)} ${String(f.withStrip).padStart(3)} / ${String(f.listAlone).padStart(3)}`);
  }
  console.log(
    `  bounds: ${SUMMARY_COUNT_CALLS} count calls per filter set for the strip, at most ${OPTION_COUNT_CALLS_MAX} per opened dropdown`,
  );
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `  JS+CSS before the first rows: ${kb(figures.firstScreenGzipBytes.withStrip)} gzip with the strip, ${kb(figures.firstScreenGzipBytes.listAlone)} the list alone`,
  );
  if (figures.stripChunkGzipBytes !== null)
    console.log(`  the strip's lazy chunk (after the first rows): ${kb(figures.stripChunkGzipBytes)} gzip`);
  console.log(`→ ${writeResult('summary-calls', figures)}`);
}

await main();
