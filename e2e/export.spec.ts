/**
 * CSV export end to end: the real server + emulator, the SPA in Chromium, the file the
 * browser downloads parsed back and compared with what the API returns for the same
 * (frozen) filter.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { HOSTILE_TASK_IDS } from '../src/server/emulator/index';
import type {
  DescribeProcessTasksQuery,
  DescribeProcessTasksResponse,
  ProcessTask,
} from '../src/shared/sophonsoar';
import { E2E_UPSTREAM_QPS, expect, test, type ApiClient } from './fixtures';
import { rows } from './helpers';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const ZONE = 'Asia/Shanghai';

test.use({ timezoneId: ZONE });

interface Manifest {
  file: string;
  appVersion: string | null;
  timeZone: string;
  filters: DescribeProcessTasksQuery;
  exportedQuery: DescribeProcessTasksQuery;
  window: {
    processed: {
      start: { ms: number } | null;
      end: { ms: number; iso: string };
      endFrozenAtExportStart: boolean;
    };
  };
  counts: {
    rowsExported: number;
    totalCountAtStart: number;
    totalCountChanged: boolean;
    retries: number;
    foundBySweep: number;
  };
  complete: boolean;
  reopenLink: string;
  cellsOverSpreadsheetLimit: {
    limit: { application: string; maxCharacters: number };
    count: number;
    cells: { taskId: string; column: string; characters: number }[];
  };
}

/** The original value of a neutralised cell (the documented rule: one leading ' removed). */
const strip = (c: string) =>
  c.length > 1 && c[0] === "'" && [...TRIGGERS, "'"].includes(c[1]!) ? c.slice(1) : c;

function fieldText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : String(v);
}

/** Reads a downloaded CSV: BOM, CRLF, header row; returns raw cells by header. */
function readCsv(path: string): { headers: string[]; records: Record<string, string>[] } {
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.endsWith('\r\n')).toBe(true);
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  const [headers, ...body] = parsed.data;
  expect(body.at(-1)).toEqual(['']);
  const records = body.slice(0, -1).map((r) => Object.fromEntries(headers!.map((h, i) => [h, r[i]!])));
  return { headers: headers!, records };
}

/** Every task the API returns for a query, one page after the other. */
async function apiAll(api: ApiClient, query: DescribeProcessTasksQuery): Promise<ProcessTask[]> {
  const out: ProcessTask[] = [];
  for (let page = 1; ; page++) {
    const res = await api.get<DescribeProcessTasksResponse>('DescribeProcessTasks', {
      ...(query as Record<string, string>),
      PageSize: '100',
      PageNumber: String(page),
    });
    expect(res.status).toBe(200);
    out.push(...res.body.ProcessTasks);
    if (page * 100 >= res.body.Page.TotalCount) return out;
  }
}

async function openExport(page: Page, path: string) {
  await page.goto(path);
  await expect(rows(page).first()).toBeVisible();
  await page.getByTestId('export-button').click();
  const dialog = page.getByRole('dialog', { name: 'Export tasks as CSV' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Starts the export and waits for the CSV download and the completion notice. */
async function runToCompletion(page: Page, timeout = 90_000) {
  const csvDownload = page.waitForEvent('download', { timeout });
  await page.getByTestId('export-start').click();
  const csv = await csvDownload;
  const notice = page.getByTestId('export-notice');
  await expect(notice).toBeVisible();
  const manifestDownload = page.waitForEvent('download');
  await notice.getByTestId('export-manifest').click();
  const manifest = JSON.parse(readFileSync((await (await manifestDownload).path())!, 'utf8')) as Manifest;
  return { csv, notice, manifest, csvPath: (await csv.path())! };
}

/**
 * A second real server with more tasks than the confirmation threshold (the shared
 * fixture's server has 3,000). Same settings as e2e/fixtures.ts: demo mode, no
 * credentials, isolated HOME, ephemeral port.
 */
async function startBigServer(tasks: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const home = mkdtempSync(path.join(tmpdir(), 'rtc-e2e-export-home-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(ALIBABA_CLOUD_|EMULATOR_|SOPHONSOAR_)/.test(k)) env[k] = v;
  }
  const root = path.resolve(import.meta.dirname, '..');
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: root,
    env: {
      ...env,
      HOME: home,
      PORT: '0',
      HOST: '127.0.0.1',
      SOPHONSOAR_MODE: 'demo',
      EMULATOR_SEED: '7',
      EMULATOR_TASKS: String(tasks),
      EMULATOR_LIVE: '0',
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const rec = JSON.parse(line) as { msg?: string; url?: string };
          if (rec.msg === 'listening' && rec.url) resolve(rec.url);
        } catch {
          // not a log line
        }
      });
    });
    return { url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

test.describe('CSV export', () => {
  test('the file is exactly the set the API returns for the same filter, and hostile cells are neutralised', async ({
    page,
    api,
    server,
  }) => {
    test.setTimeout(120_000);
    const dialog = await openExport(page, '/?OrderField=gmtCreate&Direction=asc');
    await dialog.getByRole('radio', { name: /All fields/ }).check();
    const upstreamCalls = async () =>
      ((await (await fetch(`${server.emulatorUrl}/__admin/calls`)).json()) as { calls: { at: number }[] })
        .calls;
    const before = (await upstreamCalls()).length;
    const { csv, notice, manifest, csvPath } = await runToCompletion(page);

    // The export keeps to the server's budget (UPSTREAM_QPS), counted where Alibaba counts
    // it, at the upstream: no one-second window holds more calls than that, and the
    // busiest one comes near it (the budget, not the page, sets the pace).
    const starts = (await upstreamCalls())
      .slice(before)
      .map((c) => c.at)
      .sort((a, b) => a - b);
    expect(starts.length).toBeGreaterThanOrEqual(20);
    const busiestSecond = Math.max(...starts.map((t) => starts.filter((s) => s >= t && s < t + 1000).length));
    expect(busiestSecond).toBeLessThanOrEqual(E2E_UPSTREAM_QPS);
    expect(busiestSecond).toBeGreaterThanOrEqual(E2E_UPSTREAM_QPS - 4);

    expect(csv.suggestedFilename()).toMatch(/^process-tasks_all_\d{4}-\d{2}-\d{2}T\d{4}\+0800\.csv$/);
    expect(manifest.file).toBe(csv.suggestedFilename());
    const expected = await apiAll(api, manifest.exportedQuery);
    expect(expected.length).toBeGreaterThanOrEqual(2000);

    const { headers, records } = readCsv(csvPath);
    expect(headers.slice(0, 3)).toEqual(['TaskId', 'Creator', 'GmtCreateMillis_ISO']);
    const ids = records.map((r) => strip(r.TaskId!));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected.map((t) => t.TaskId));

    // Same values: every API field under its own name, derived columns consistent with it.
    // (One deep comparison: an expect per cell would take minutes.)
    const byId = new Map(records.map((r) => [strip(r.TaskId!), r]));
    const actualValues = expected.map((task) => {
      const r = byId.get(task.TaskId)!;
      return Object.fromEntries(
        Object.keys(task)
          .filter((f) => headers.includes(f))
          .map((f) => [f, strip(r[f]!)]),
      );
    });
    const expectedValues = expected.map((task) =>
      Object.fromEntries(
        Object.entries(task)
          .filter(([f]) => headers.includes(f))
          .map(([f, v]) => [f, fieldText(v)]),
      ),
    );
    expect(actualValues).toEqual(expectedValues);
    const badIso = expected.filter((task) => {
      if (typeof task.GmtCreateMillis !== 'number') return false;
      const iso = byId.get(task.TaskId)!.GmtCreateMillis_ISO!;
      return !iso.endsWith('+08:00') || Date.parse(iso) !== task.GmtCreateMillis;
    });
    expect(badIso.map((t) => t.TaskId)).toEqual([]);

    // Hostile records: no cell starts with a formula trigger; dangerous values carry the prefix.
    let dangerous = 0;
    for (const id of Object.values(HOSTILE_TASK_IDS)) {
      const task = expected.find((t) => t.TaskId === id);
      if (!task) continue; // no ProcessTime: outside any processed-time window
      const r = byId.get(id)!;
      for (const [field, cell] of Object.entries(r)) {
        expect(TRIGGERS.includes(cell[0] ?? ''), `${id} ${field} ${JSON.stringify(cell)}`).toBe(false);
        const v = (task as Record<string, unknown>)[field];
        if (typeof v === 'string' && TRIGGERS.includes(v[0] ?? '')) {
          dangerous++;
          expect(cell).toBe("'" + v);
        }
      }
    }
    expect(dangerous).toBeGreaterThanOrEqual(6);

    // Provenance: counts, frozen window, zone, version, and a link to exactly this set.
    expect(manifest).toMatchObject({
      timeZone: ZONE,
      complete: true,
      counts: { rowsExported: expected.length, totalCountAtStart: expected.length, totalCountChanged: false },
    });
    expect(manifest.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.window.processed.endFrozenAtExportStart).toBe(true);
    expect(String(manifest.window.processed.end.ms)).toBe(manifest.exportedQuery.ProcessActionEnd);
    const n = expected.length.toLocaleString('en-US');
    await expect(notice.getByTestId('export-rows')).toHaveText(`${n} of ${n} rows exported`);
    await expect(notice.getByTestId('export-mismatch')).toHaveCount(0);
    await expect(notice.getByTestId('export-window')).toContainText('UTC+08:00');
    // The list counts tasks without a processed time too; the frozen window cannot hold them.
    const listed = await api.get<DescribeProcessTasksResponse>('DescribeProcessTasks', { PageSize: '1' });
    if (listed.body.Page.TotalCount !== expected.length) {
      await expect(notice.getByTestId('export-listed')).toContainText(
        `The list showed ${listed.body.Page.TotalCount.toLocaleString('en-US')} tasks; ${n} matched`,
      );
    } else {
      await expect(notice.getByTestId('export-listed')).toHaveCount(0);
    }
    const link = notice.getByTestId('export-reopen-link');
    expect(await link.getAttribute('href')).toBe(manifest.reopenLink);
    expect(manifest.reopenLink).toContain(`ProcessActionEnd=${manifest.exportedQuery.ProcessActionEnd}`);
    await page.goto(manifest.reopenLink);
    await expect(page.getByTestId('total-count')).toHaveText(`${n} tasks`);
  });

  test('hostile error text (ErrTip, ErrMsg) is kept exact and neutralised, raw and for spreadsheets', async ({
    page,
    api,
  }) => {
    const id = HOSTILE_TASK_IDS.hostileErrorText;
    const task = (
      await api.get<DescribeProcessTasksResponse>('DescribeProcessTasks', { TaskId: id, PageSize: '10' })
    ).body.ProcessTasks[0]!;
    // A formula start, markup, direction controls, a line of thousands of characters.
    expect(TRIGGERS).toContain(task.ErrTip![0]);
    expect(TRIGGERS).toContain(task.ErrMsg![0]);
    expect(task.ErrTip).toMatch(/<script>[\s\S]*\u202e[\s\S]*\S{4000,}/);

    // Raw: API field names, every character kept, one leading ' before the formula.
    let dialog = await openExport(page, `/?TaskId=${id}`);
    await dialog.getByRole('radio', { name: /All fields/ }).check();
    const raw = readCsv((await runToCompletion(page)).csvPath).records;
    expect(raw.map((r) => r.TaskId)).toEqual([id]);
    expect(raw[0]!.ErrTip).toBe("'" + task.ErrTip);
    expect(raw[0]!.ErrMsg).toBe("'" + task.ErrMsg);
    expect([strip(raw[0]!.ErrTip!), strip(raw[0]!.ErrMsg!)]).toEqual([task.ErrTip, task.ErrMsg]);

    // For spreadsheets: the error message and tip under their labels, the same way.
    dialog = await openExport(page, `/?TaskId=${id}`);
    await dialog.getByRole('radio', { name: /^For spreadsheets/ }).check();
    const sheet = readCsv((await runToCompletion(page)).csvPath).records;
    expect(sheet).toHaveLength(1);
    expect(sheet[0]!['Error tip']).toBe("'" + task.ErrTip);
    expect(sheet[0]!['Error message']).toBe("'" + task.ErrMsg);
  });

  test('the completion notice stays through a change of language (it is the only way to the manifest)', async ({
    page,
    api,
  }) => {
    const id = (await api.get<DescribeProcessTasksResponse>('DescribeProcessTasks', { PageSize: '1' })).body
      .ProcessTasks[0]!.TaskId!;
    await openExport(page, `/?TaskId=${id}`);
    const { notice } = await runToCompletion(page);
    await page.locator('#ui-language').click();
    await page.getByRole('option', { name: '简体中文', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', /^zh/);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Response Task Console');
    // Same notice, still usable: its manifest downloads.
    await expect(notice).toBeVisible();
    await expect(notice.getByTestId('export-rows')).toHaveText('1 of 1 rows exported');
    const manifest = page.waitForEvent('download');
    await notice.getByTestId('export-manifest').click();
    expect((await manifest).suggestedFilename()).toMatch(/\.json$/);
  });

  test('a cell too long for a spreadsheet is named in the notice and the manifest, and written in full', async ({
    page,
    api,
  }) => {
    const id = HOSTILE_TASK_IDS.inputParamsHuge;
    expect(id).toBe('edge0000-0000-4000-8000-000000000012');
    const dialog = await openExport(page, `/?TaskId=${id}`);
    await dialog.getByRole('radio', { name: /All fields/ }).check();
    const { notice, manifest, csvPath } = await runToCompletion(page);

    const expected = await apiAll(api, manifest.exportedQuery);
    expect(expected.map((t) => t.TaskId)).toEqual([id]);
    const raw = expected[0]!.InputParams!;
    expect(raw.length).toBeGreaterThan(32_767);

    const { records } = readCsv(csvPath);
    expect(records).toHaveLength(1);
    expect(records[0]!.InputParams).toBe(raw);

    expect(manifest.cellsOverSpreadsheetLimit).toMatchObject({
      limit: { application: 'Microsoft Excel', maxCharacters: 32_767 },
      count: 1,
      cells: [{ taskId: id, column: 'InputParams', characters: raw.length }],
    });
    const longCells = notice.getByTestId('export-long-cells');
    await expect(longCells).toContainText(
      '1 cell is longer than Microsoft Excel holds (32,767 characters per cell)',
    );
    await expect(longCells).toContainText(
      `TaskId ${id}, column InputParams: ${raw.length.toLocaleString('en-US')} characters`,
    );
  });

  test.describe('with throttling and latency injected', () => {
    test.use({ allowedConsoleErrors: [/status of (429|500|502|503|504)/] });

    test('still completes exactly', async ({ page, api, emulator }) => {
      test.setTimeout(150_000);
      // The list loads first: under throttling it retries a 429 once at most (lib/query-client.ts)
      // and may rightly show the error instead; the export is what this test throttles.
      await openExport(page, '/?TaskStatus=20,21,23');
      // 36 % throttled, injected once the list is shown: the proxy passes every throttled
      // call straight back as 429 with Retry-After, so the export itself has to back off
      // (pausing every request). 36 % is the share of 429s the export saw when the proxy
      // still retried a throttled call once at 60 %.
      await emulator.setFaults({ latencyMs: 60, jitterMs: 40, throttleRate: 0.36, errorRate: 0.05 });
      let run: Awaited<ReturnType<typeof runToCompletion>>;
      try {
        run = await runToCompletion(page, 140_000);
      } finally {
        await emulator.setFaults({ latencyMs: 0, jitterMs: 0, throttleRate: 0, errorRate: 0 });
      }
      const { csv, manifest, csvPath } = run;

      expect(csv.suggestedFilename()).toMatch(/^process-tasks_status-20-21-23_.*\.csv$/);
      const expected = await apiAll(api, manifest.exportedQuery);
      const { headers, records } = readCsv(csvPath);
      // Visible columns by default: TaskId first, status as code and label.
      expect(headers[0]).toBe('TaskId');
      expect(headers).toEqual(expect.arrayContaining(['TaskStatus', 'TaskStatus_Label']));
      expect(records.map((r) => strip(r.TaskId!))).toEqual(expected.map((t) => t.TaskId));
      expect(new Set(records.map((r) => r.TaskStatus))).toEqual(new Set(['20', '21', '23']));
      expect(manifest.complete).toBe(true);
      expect(manifest.counts.rowsExported).toBe(expected.length);
      expect(manifest.counts.retries).toBeGreaterThan(0);
    });
  });

  test.describe('cancel', () => {
    test.use({ allowedConsoleErrors: [] });

    test('Cancel stops every request at once and leaves no download', async ({ page, emulator }) => {
      // Slow pages, so that several requests are in flight when Cancel is pressed.
      await emulator.setFaults({ latencyMs: 1500 });
      const downloads: Download[] = [];
      page.on('download', (d) => downloads.push(d));
      await openExport(page, '/');
      const started: string[] = [];
      const failed: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/DescribeProcessTasks') && r.url().includes('PageSize=100'))
          started.push(r.url());
      });
      page.on('requestfailed', (r) => {
        if (r.url().includes('PageSize=100')) failed.push(r.failure()?.errorText ?? '');
      });
      await page.getByTestId('export-start').click();
      // Under way: some rows in, not all (exact counts depend on timing).
      await expect(page.getByTestId('export-progress')).toContainText(/^[1-9][\d,]* of [\d,]+ rows$/, {
        timeout: 15_000,
      });
      await expect.poll(() => started.length).toBeGreaterThanOrEqual(3);
      await page.getByTestId('export-cancel').click();
      await expect(page.getByText('Export cancelled. Nothing was downloaded.')).toBeVisible();
      // Requests may still start between the click and the engine seeing it; none after.
      const atCancel = started.length;
      await expect(page.getByRole('dialog', { name: 'Export tasks as CSV' })).toBeHidden();
      // The in-flight requests were aborted, not left to finish.
      await expect.poll(() => failed.length).toBeGreaterThanOrEqual(1);
      for (const f of failed) expect(f).toMatch(/ABORTED/);
      await page.waitForTimeout(2000);
      expect(started.length).toBe(atCancel);
      expect(downloads).toEqual([]);
      await expect(page.getByTestId('export-notice')).toHaveCount(0);
    });
  });

  test('live mode: the window is frozen at the start and the count check holds', async ({
    page,
    api,
    emulator,
  }) => {
    test.setTimeout(120_000);
    await emulator.setLive(true);
    await emulator.setFaults({ latencyMs: 40 });
    const dialog = await openExport(page, '/');
    await expect(dialog).toContainText('Tasks processed after the export starts are not included.');
    const before = Date.now();
    const { notice, manifest, csvPath } = await runToCompletion(page);
    const end = Number(manifest.exportedQuery.ProcessActionEnd);
    expect(end).toBeGreaterThanOrEqual(before - 5000);
    expect(end).toBeLessThanOrEqual(Date.now());
    expect(manifest.filters.ProcessActionEnd).toBeUndefined();
    expect(manifest.window.processed.endFrozenAtExportStart).toBe(true);

    const { records } = readCsv(csvPath);
    const ids = records.map((r) => strip(r.TaskId!));
    expect(new Set(ids).size).toBe(ids.length);
    expect(records.filter((r) => r.ProcessTime && Number(r.ProcessTime) > end)).toEqual([]);

    // New tasks kept arriving, but not inside the frozen window: the same set as the API's.
    const expected = await apiAll(api, manifest.exportedQuery);
    expect(new Set(ids)).toEqual(new Set(expected.map((t) => t.TaskId)));
    expect(manifest.counts.rowsExported).toBe(manifest.counts.totalCountAtStart);
    expect(manifest.complete).toBe(!manifest.counts.totalCountChanged);
    const n = ids.length.toLocaleString('en-US');
    await expect(notice.getByTestId('export-rows')).toHaveText(`${n} of ${n} rows exported`);
    await expect(notice.getByTestId('export-window')).toContainText(
      'upper bound frozen when the export started',
    );
  });

  test('live mode with 2.5 s latency: every task that matched the whole time is in the file once (issue 14.5)', async ({
    page,
    api,
    emulator,
  }) => {
    test.setTimeout(180_000);
    const query = { TaskStatus: '["21","22"]' };
    await emulator.setLive(true);
    const dialog = await openExport(page, '/?TaskStatus=21,22');
    await expect(dialog).toBeVisible();
    // Blocks and quarantines get lifted on every tick while the export runs.
    const before = await apiAll(api, query);
    await emulator.setFaults({ latencyMs: 2500 });
    let run: Awaited<ReturnType<typeof runToCompletion>>;
    try {
      run = await runToCompletion(page, 150_000);
    } finally {
      await emulator.setFaults({ latencyMs: 0 });
    }
    const after = new Map((await apiAll(api, query)).map((t) => [t.TaskId, t]));
    await emulator.setLive(false);
    const { manifest, csvPath } = run;
    const end = Number(manifest.exportedQuery.ProcessActionEnd);
    // In both snapshots and unmodified in between (every status move stamps
    // GmtModifiedMillis), inside the frozen window: it matched the whole time.
    const stable = before.filter((t) => {
      const later = after.get(t.TaskId);
      return (
        later !== undefined &&
        later.GmtModifiedMillis === t.GmtModifiedMillis &&
        t.ProcessTime !== undefined &&
        t.ProcessTime <= end
      );
    });
    expect(stable.length).toBeGreaterThan(500);
    const ids = readCsv(csvPath).records.map((r) => strip(r.TaskId!));
    const times = new Map<string, number>();
    for (const id of ids) times.set(id, (times.get(id) ?? 0) + 1);
    expect(stable.filter((t) => times.get(t.TaskId) !== 1).map((t) => t.TaskId)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(manifest.counts.rowsExported).toBe(ids.length);
    expect(typeof manifest.counts.foundBySweep).toBe('number');
  });

  test('above 50,000 rows it asks first, with the expected size; declining downloads nothing', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const big = await startBigServer(50_500);
    try {
      const downloads: Download[] = [];
      page.on('download', (d) => downloads.push(d));
      const pages: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/DescribeProcessTasks') && r.url().includes('PageSize=100'))
          pages.push(r.url());
      });
      await openExport(page, `${big.url}/`);
      await page.getByTestId('export-start').click();
      const ask = page.getByTestId('export-confirm-message');
      await expect(ask).toContainText(/This export has 50,\d{3} rows, about \d+(\.\d)? MB of CSV\./);
      await expect(page.getByTestId('export-progress')).toContainText(/^100 of 50,\d{3} rows$/);
      await page.waitForTimeout(1500);
      expect(pages).toHaveLength(1); // nothing more until the analyst says so
      await page
        .getByRole('dialog', { name: 'Export tasks as CSV' })
        .getByRole('button', { name: 'Cancel' })
        .click();
      await expect(page.getByText('Export cancelled. Nothing was downloaded.')).toBeVisible();
      await page.waitForTimeout(1000);
      expect(pages).toHaveLength(1);
      expect(downloads).toEqual([]);
    } finally {
      await big.stop();
    }
  });
});
