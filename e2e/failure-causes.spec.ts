/**
 * Issue 12, what is stuck and what failed: failures grouped by ErrCode (against a
 * brute-force grouping of the same tasks read straight from the API), the "based on N of M"
 * bound, a group's tasks, the duration columns sorted on the page only, and the "Stuck?"
 * badge with the threshold set through its storage key. Every expected figure comes from
 * the API.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { ProcessTask } from '../src/shared/sophonsoar';
import { STUCK_THRESHOLD_STORAGE_KEY } from '../src/features/process-tasks/hooks/use-stuck-threshold';
import { FAILURE_SCAN_BOUND_STORAGE_KEY } from '../src/features/process-tasks/model/failure-causes';
import { HOSTILE_TASK_IDS } from '../src/server/emulator/index';
import { test, expect, type ApiClient } from './fixtures';
import { cells, describe, rows } from './helpers';

/** Every task matching `params` (wire form), newest created first, page by page (100 a page). */
async function allTasks(api: ApiClient, params: Record<string, string>): Promise<ProcessTask[]> {
  const out: ProcessTask[] = [];
  for (let page = 1; ; page++) {
    const r = await describe(api, {
      ...params,
      OrderField: 'gmtCreate',
      Direction: 'desc',
      PageNumber: String(page),
      PageSize: '100',
    });
    out.push(...r.ProcessTasks);
    if (r.ProcessTasks.length === 0 || out.length >= r.Page.TotalCount) return out;
  }
}

/** code → count, '' for tasks without ErrCode, the brute-force way. */
function countByCode(tasks: ProcessTask[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tasks) out[t.ErrCode || ''] = (out[t.ErrCode || ''] ?? 0) + 1;
  return out;
}

/** The groups on screen: [code, count], in the order shown. */
async function shownGroups(page: Page): Promise<[string, number][]> {
  return page
    .getByTestId('cause-group')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-code') ?? '', Number(tr.getAttribute('data-count'))]),
    );
}

async function openBreakdown(page: Page): Promise<void> {
  await expect(rows(page).first()).toBeVisible();
  await page.getByTestId('causes-button').click();
  await expect(page.getByTestId('causes-coverage')).toBeVisible({ timeout: 30_000 });
}

test.describe('failures by cause', () => {
  for (const { name, url, params } of [
    { name: 'every failed task', url: '/', params: { TaskStatus: '["90","91","92"]' } },
    {
      name: 'a product, the status filter intersected with the failed statuses',
      url: '/?TaskStatus=11,90,91&YunCode=CFW',
      params: { TaskStatus: '["90","91"]', YunCode: '["CFW"]' },
    },
  ]) {
    test(`the breakdown equals a brute-force grouping: ${name}`, async ({ page, api }) => {
      const tasks = await allTasks(api, params);
      expect(tasks.length).toBeGreaterThan(0);
      const expected = countByCode(tasks);
      await page.goto(url);
      await openBreakdown(page);
      const coverage = page.getByTestId('causes-coverage');
      await expect(coverage).toHaveAttribute('data-complete', 'true');
      await expect(coverage).toHaveAttribute('data-total', String(tasks.length));
      await expect(coverage).toHaveText(`Based on all ${tasks.length.toLocaleString('en-US')} failed tasks`);
      const groups = await shownGroups(page);
      expect(Object.fromEntries(groups)).toEqual(expected);
      // Largest first.
      const counts = groups.map(([, n]) => n);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      // Keyword search cannot see error text: the panel says so.
      await expect(page.getByTestId('causes-search-note')).toContainText('Keyword search does not look');
      // Hostile error text is shown as text, never run; the panel passes axe.
      const hostile = tasks.find((t) => t.ErrMsg?.includes('<script>'));
      if (hostile) {
        const group = page.locator(`[data-testid="cause-group"][data-code="${hostile.ErrCode}"]`);
        await group.getByTestId('cause-other-messages').locator('summary').click();
        await expect(group).toContainText(hostile.ErrMsg!);
        expect(await page.locator('.rtc-causes script, .rtc-causes a[href^="javascript"]').count()).toBe(0);
      }
      const axe = await new AxeBuilder({ page }).include('[data-testid="failure-causes"]').analyze();
      expect(
        axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
      ).toEqual([]);
    });
  }

  test('a click shows the group’s tasks, which open in the drawer', async ({ page, api }) => {
    const tasks = await allTasks(api, { TaskStatus: '["90","91","92"]', YunCode: '["WAF"]' });
    await page.goto('/?YunCode=WAF');
    await openBreakdown(page);
    const first = page.getByTestId('cause-group').first();
    const code = (await first.getAttribute('data-code'))!;
    await first.getByTestId('cause-toggle').click();
    const list = page.getByTestId('cause-tasks');
    const ids = await list
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-task-id')));
    expect(ids).toEqual(tasks.filter((t) => (t.ErrCode || '') === code).map((t) => t.TaskId));
    const link = list.locator('a').first();
    await expect(link).toHaveAttribute('href', new RegExp(`^/tasks/${ids[0]}\\?`));
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${ids[0]}\\?`));
    await expect(page.getByTestId('drawer-ErrCode')).toHaveText(code);
  });

  test('a bound below the total: "based on N of M", grouped from the newest N', async ({ page, api }) => {
    const all = await allTasks(api, { TaskStatus: '["90","91","92"]' });
    const bound = 150;
    expect(all.length).toBeGreaterThan(bound);
    await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
      FAILURE_SCAN_BOUND_STORAGE_KEY,
      String(bound),
    ] as const);
    await page.goto('/');
    await openBreakdown(page);
    const coverage = page.getByTestId('causes-coverage');
    await expect(coverage).toHaveAttribute('data-complete', 'false');
    await expect(coverage).toHaveText(
      `Based on ${bound} of ${all.length} failed tasks: the newest, up to the limit of ${bound}`,
    );
    expect(Object.fromEntries(await shownGroups(page))).toEqual(countByCode(all.slice(0, bound)));
    await expect(page.getByLabel('Read at most (tasks)')).toHaveValue(String(bound));
  });

  test('closing the breakdown or changing the filters cancels its scan', async ({ page, api, emulator }) => {
    const total = (await describe(api, { TaskStatus: '["90","91","92"]', PageSize: '1' })).Page.TotalCount;
    expect(total).toBeGreaterThan(200);
    const scans: { url: string; failed: boolean; done: boolean }[] = [];
    page.on('request', (r) => {
      const url = decodeURIComponent(r.url());
      // The scan's pages: failed statuses, 100 a page, in the background (not the list's prefetch).
      if (
        url.includes('/api/DescribeProcessTasks') &&
        url.includes('PageSize=100') &&
        url.includes('"90"') &&
        r.headers()['x-rtc-priority'] === 'background'
      )
        scans.push({ url: r.url(), failed: false, done: false });
    });
    page.on('requestfailed', (r) => {
      const s = scans.find((x) => x.url === r.url() && !x.done && !x.failed);
      if (s) s.failed = true;
    });
    page.on('requestfinished', (r) => {
      const s = scans.find((x) => x.url === r.url() && !x.done && !x.failed);
      if (s) s.done = true;
    });
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    // Slow answers (6 s), so a page is surely still on its way when the panel closes.
    await emulator.setFaults({ latencyMs: 6000 });
    await page.getByTestId('causes-button').click();
    await expect(page.getByTestId('causes-progress')).toContainText(`Reading failed tasks: 100 of ${total}`, {
      timeout: 30_000,
    });
    await expect.poll(() => scans.length).toBe(2);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(page.getByTestId('failure-causes')).toHaveCount(0);
    await expect.poll(() => scans[1]!.failed).toBe(true);
    await page.waitForTimeout(2000);
    expect(scans.length, 'no page asked for after closing').toBe(2);

    // Open again, then change the filters: the scan in flight stops, a new one reads the new filter.
    await page.getByTestId('causes-button').click();
    await expect.poll(() => scans.length).toBe(3);
    const box = page.locator('#filter-search');
    await box.fill('203.0.113.10');
    await box.press('Enter');
    await expect(page).toHaveURL(/EntityName=203\.0\.113\.10/);
    await expect.poll(() => scans[2]!.failed).toBe(true);
    await expect.poll(() => scans.some((x) => x.url.includes('EntityName=203.0.113.10'))).toBe(true);
    await emulator.setFaults({ latencyMs: 0 });
    await expect(page.getByTestId('causes-coverage')).toBeVisible({ timeout: 30_000 });
    expect(scans.filter((x) => !x.url.includes('EntityName=')).every((x) => x.failed || x.done)).toBe(true);
  });

  test('the search box says error text is not searchable when it looks like an error code', async ({
    page,
  }) => {
    await page.goto('/');
    const box = page.locator('#filter-search');
    await box.fill('waf_openapi.Quota.BlacklistFull');
    await expect(page.getByTestId('search-error-hint')).toContainText('Failures by cause');
    await box.fill('203.0.113.10');
    await expect(page.getByTestId('search-error-hint')).toHaveCount(0);
  });
});

/**
 * A text as the screen must show it: every direction control (U+200E/200F, U+202A–202E,
 * U+2066–2069) as a visible token ⟨U+XXXX⟩, everything else (markup, formulas) as it is.
 */
const shownAsText = (s: string) =>
  s.replace(
    /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );

test.describe('hostile error text (ErrTip, ErrMsg): markup, a formula, direction controls, a very long line', () => {
  test('inert visible text in the drawer and in "Failures by cause"; nothing runs, nothing overflows', async ({
    page,
    api,
  }) => {
    const id = HOSTILE_TASK_IDS.hostileErrorText;
    const task = (await describe(api, { TaskId: id, PageNumber: '1', PageSize: '10' })).ProcessTasks[0]!;
    // What the record holds (the API's answer): the test is about these.
    expect(task.ErrTip!.startsWith('=')).toBe(true);
    expect(task.ErrTip).toContain('<script>');
    expect(task.ErrTip).toMatch(/\S{4000,}/);
    expect(task.ErrMsg).toContain('<svg onload=');
    expect(task.ErrMsg).toContain('\u202e');
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const noActiveMarkup = () =>
      page.evaluate(() => ({
        handlers: document.querySelectorAll('[onerror], [onload]').length,
        injected: document.querySelectorAll(
          ['.rtc-drawer', '.rtc-causes-drawer'].map((d) => `${d} script, ${d} img, ${d} b`).join(', '),
        ).length,
      }));

    // The drawer: each field as its text, the controls revealed, wrapped within the drawer.
    await page.goto(`/tasks/${id}`);
    const drawer = page.getByRole('dialog');
    for (const f of ['ErrTip', 'ErrMsg'] as const) {
      const dd = drawer.getByTestId(`drawer-${f}`);
      await expect(dd).toHaveText(shownAsText(task[f]!));
      await expect(
        dd.getByRole('img', { name: 'Invisible character U+202E RIGHT-TO-LEFT OVERRIDE' }),
      ).toHaveText('⟨U+202E⟩');
      await expect(dd.getByTestId('invisible-warning')).toBeVisible();
    }
    const body = page.locator('.rtc-drawer .ant-drawer-body');
    expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await noActiveMarkup()).toEqual({ handlers: 0, injected: 0 });
    await drawer.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(drawer).toHaveCount(0);

    // Failures by cause, WAF: the record's group shows its tip and (among the others) its message.
    const failedWaf = await allTasks(api, { TaskStatus: '["90","91","92"]', YunCode: '["WAF"]' });
    expect(failedWaf.some((t) => t.TaskId === id)).toBe(true);
    await page.goto('/?YunCode=WAF');
    await openBreakdown(page);
    await expect(page.getByTestId('causes-coverage')).toHaveAttribute('data-complete', 'true');
    const group = page.locator(`[data-testid="cause-group"][data-code="${task.ErrCode}"]`);
    await expect(group).toHaveAttribute(
      'data-count',
      String(failedWaf.filter((t) => t.ErrCode === task.ErrCode).length),
    );
    const others = group.getByTestId('cause-other-messages');
    if ((await others.count()) > 0) await others.locator('summary').click();
    for (const f of ['ErrTip', 'ErrMsg'] as const) {
      const box = group.getByTestId('cause-text').filter({ hasText: shownAsText(task[f]!).slice(0, 40) });
      await expect(box).toHaveCount(1);
      await expect(box).toHaveText(shownAsText(task[f]!));
      // Never wider than its box; the long tip scrolls inside it and takes focus to scroll by keyboard.
      if (f === 'ErrTip') await expect(box).toHaveAttribute('tabindex', '0');
      expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    }
    expect(await noActiveMarkup()).toEqual({ handlers: 0, injected: 0 });
    expect(dialogs).toEqual([]);
  });
});

test.describe('durations', () => {
  test('the duration columns sort this page only, say so, and read the API’s times', async ({
    page,
    api,
  }) => {
    const url = '/?TaskStatus=21,23&OrderField=gmtCreate&Direction=asc';
    const expected = await describe(api, {
      TaskStatus: '["21","23"]',
      OrderField: 'gmtCreate',
      Direction: 'asc',
      PageSize: '20',
    });
    await page.goto(url);
    await expect(rows(page)).toHaveCount(expected.ProcessTasks.length);
    await page.getByTestId('column-chooser').click();
    for (const name of ['Time to process', 'Time blocked / quarantined'])
      await page.getByRole('checkbox', { name, exact: true }).check();
    await page.keyboard.press('Escape');
    const header = page.locator('th[data-column-id="TimeToProcess"] button');
    await expect(header).toHaveAttribute('title', /sorts this page only/);
    await expect(page.locator('th[data-column-id="ProcessTime"] button')).not.toHaveAttribute(
      'title',
      /this page only/,
    );
    const before = page.url();
    const byId = new Map(expected.ProcessTasks.map((t) => [t.TaskId, t]));
    const toProcess = (t: ProcessTask) => t.ProcessTime! - t.GmtCreateMillis!;

    await header.click();
    const desc = [...expected.ProcessTasks]
      .map((t, i) => ({ t, i }))
      .sort((a, b) => toProcess(b.t) - toProcess(a.t) || a.i - b.i)
      .map(({ t }) => t.TaskId);
    await expect
      .poll(() => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id'))))
      .toEqual(desc);
    await expect(page.locator('th[data-column-id="TimeToProcess"]').getByTestId('page-sort-note')).toHaveText(
      'this page',
    );
    await expect(page.locator('th[data-column-id="TimeToProcess"]')).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    // Not the server's order: the URL is unchanged.
    expect(page.url()).toBe(before);
    const shown = await cells(page, 'TimeToProcess').evaluateAll((tds) =>
      tds.map((td): [string, number] => [
        td.closest('tr')!.getAttribute('data-task-id') ?? '',
        Number(td.querySelector('[data-ms]')?.getAttribute('data-ms')),
      ]),
    );
    for (const [id, ms] of shown) expect(ms, id).toBe(toProcess(byId.get(id)!));

    // The drawer's previous / next follow the order on screen.
    await rows(page).first().locator('a.rtc-row-link').click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${desc[0]}\\?`));
    await page.getByTestId('next-task').click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${desc[1]}\\?`));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect
      .poll(() => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id'))))
      .toEqual(desc);

    // Time blocked: RemoveTime − ProcessTime once unblocked; ongoing blocks last so far.
    const blocked = page.locator('th[data-column-id="TimeBlocked"] button');
    await blocked.click();
    const values = await cells(page, 'TimeBlocked').evaluateAll((tds) =>
      tds.map((td) => [
        td.closest('tr')!.getAttribute('data-task-id'),
        Number(td.querySelector('[data-ms]')?.getAttribute('data-ms')),
        td.querySelector('[data-ongoing]') !== null,
      ]),
    );
    const ms = values.map(([, v]) => v as number);
    expect(ms).toEqual([...ms].sort((a, b) => b - a));
    for (const [id, v, ongoing] of values) {
      const t = byId.get(id as string)!;
      if (t.TaskStatus === 23) {
        expect(ongoing).toBe(false);
        expect(v).toBe(t.RemoveTime! - t.ProcessTime!);
      } else {
        expect(ongoing).toBe(true);
        expect(v as number).toBeGreaterThan(Date.now() - t.ProcessTime! - 5 * 60_000);
      }
    }
    expect(page.url()).toBe(before);

    // A server column goes back to the URL's order.
    await page.locator('th[data-column-id="ProcessTime"] button').click();
    await expect(page).toHaveURL(/OrderField=ProcessTime|OrderField=processTime/i);
  });
});

test.describe('stuck?', () => {
  test('the badge marks in-progress tasks older than the threshold, not fresher ones', async ({
    page,
    api,
  }) => {
    const inProgress = await allTasks(api, { TaskStatus: '["11"]' });
    const now = Date.now();
    const ageMin = (t: ProcessTask) => (now - (t.ProcessTime ?? t.GmtCreateMillis!)) / 60_000;
    // A threshold (whole minutes, at most 7 days) in a gap of at least 20 min between two ages.
    const ages = inProgress.map(ageMin).sort((a, b) => a - b);
    const gap = ages.findIndex((a, i) => i + 1 < ages.length && ages[i + 1]! - a >= 20 && a + 10 < 7 * 1440);
    expect(gap, `ages ${ages.map(Math.round).join(', ')}`).toBeGreaterThanOrEqual(0);
    const thresholdMin = Math.min(7 * 1440, Math.round((ages[gap]! + ages[gap + 1]!) / 2));
    const stuck = inProgress.filter((t) => ageMin(t) > thresholdMin).map((t) => t.TaskId);
    const fresh = inProgress.filter((t) => ageMin(t) <= thresholdMin).map((t) => t.TaskId);
    expect(stuck.length).toBeGreaterThan(0);
    expect(fresh.length).toBeGreaterThan(0);

    await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
      STUCK_THRESHOLD_STORAGE_KEY,
      String(thresholdMin * 60_000),
    ] as const);
    await page.goto('/?TaskStatus=11&PageSize=100');
    await expect(rows(page)).toHaveCount(inProgress.length);
    const marked = await rows(page).evaluateAll((trs) =>
      trs
        .filter((tr) => tr.querySelector('[data-testid="stuck-badge"]'))
        .map((tr) => tr.getAttribute('data-task-id')),
    );
    expect(new Set(marked)).toEqual(new Set(stuck));
    const badge = page.locator(`tr[data-task-id="${stuck[0]}"] [data-testid="stuck-badge"]`);
    await expect(badge).toHaveAttribute('title', /^In progress since .+, longer than the threshold of /);
    await expect(page.locator(`tr[data-task-id="${fresh[0]}"] [data-testid="stuck-badge"]`)).toHaveCount(0);

    // The drawer says it too.
    await page.locator(`tr[data-task-id="${stuck[0]}"] a.rtc-row-link`).click();
    await expect(page.getByTestId('drawer-TaskStatus').getByTestId('stuck-badge')).toBeVisible();
  });
});

test.describe('the breakdown’s drawer on a 1366×768 laptop', () => {
  for (const locale of ['en', 'zh-CN'] as const)
    test(`opens over the list without moving it, by keyboard, and gives focus back: ${locale}`, async ({
      page,
      api,
    }) => {
      const failed = await describe(api, { TaskStatus: '["90","91","92"]', PageSize: '1' });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.addInitScript((lo) => localStorage.setItem('rtc.locale.v1', JSON.stringify(lo)), locale);
      await page.goto('/');
      const first = rows(page).first();
      await expect(first).toBeVisible();
      const button = page.getByTestId('causes-button');
      await expect(page.getByTestId('summary-strip')).toHaveAttribute('aria-busy', 'false');
      const before = (await first.boundingBox())!;

      // Keyboard: Enter on the button opens it, focus goes into the drawer.
      await button.focus();
      await page.keyboard.press('Enter');
      const coverage = page.getByTestId('causes-coverage');
      await expect(coverage).toHaveAttribute('data-total', String(failed.Page.TotalCount), {
        timeout: 30_000,
      });
      await expect(button).toHaveAttribute('aria-expanded', 'true');
      expect(
        await page.evaluate(() => document.activeElement?.closest('.rtc-causes-drawer') !== null),
        'focus is in the drawer',
      ).toBe(true);
      // The list did not move.
      expect((await first.boundingBox())!.y).toBe(before.y);

      // Headers keep one line; every ErrCode breaks only after its punctuation, its title the code.
      // (The text of each header's text nodes; the action column's name is for screen readers only.)
      const wrappedHeaders = await page.locator('.rtc-causes-table th').evaluateAll((ths) =>
        ths
          .filter((th) => {
            const tops = new Set<number>();
            const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (n.parentElement?.closest('.rtc-sr-only')) continue;
              const range = document.createRange();
              range.selectNodeContents(n);
              for (const r of range.getClientRects()) tops.add(Math.round(r.top));
            }
            return tops.size > 1;
          })
          .map((th) => th.textContent),
      );
      expect(wrappedHeaders).toEqual([]);
      const codes = page.locator('[data-testid="cause-group"] [data-testid="cause-code"]');
      expect(await codes.count()).toBeGreaterThan(0);
      const badBreaks = await codes.evaluateAll((els) =>
        els.flatMap((el) => {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          const chars: { c: string; top: number }[] = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode())
            for (let i = 0; i < n.textContent!.length; i++) {
              const range = document.createRange();
              range.setStart(n, i);
              range.setEnd(n, i + 1);
              chars.push({ c: n.textContent![i]!, top: range.getBoundingClientRect().top });
            }
          return chars.flatMap((x, i) =>
            i > 0 && x.top > chars[i - 1]!.top + 4 && !/[.:/_-]/.test(chars[i - 1]!.c)
              ? [`${el.getAttribute('title')}: broke after "${chars[i - 1]!.c}"`]
              : [],
          );
        }),
      );
      expect(badBreaks).toEqual([]);
      for (const group of await page.getByTestId('cause-group').all()) {
        const code = await group.getAttribute('data-code');
        if (code) await expect(group.getByTestId('cause-code')).toHaveAttribute('title', code);
      }

      // Text boxes are isolated from their neighbours and bounded, whatever they hold.
      const box = page.getByTestId('cause-text').first();
      await expect(box).toHaveCSS('unicode-bidi', 'isolate');
      const bounded = await box.evaluate((el) => {
        el.textContent = 'Restart the agent and try again. '.repeat(200);
        const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
        return {
          height: el.clientHeight,
          max: 6 * lineHeight + 1,
          scrolls: el.scrollHeight > el.clientHeight,
        };
      });
      expect(bounded.height).toBeLessThanOrEqual(bounded.max);
      expect(bounded.scrolls).toBe(true);

      // Esc closes it; focus goes back to the button; the list still did not move.
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('failure-causes')).toHaveCount(0);
      await expect(button).toBeFocused();
      await expect(button).toHaveAttribute('aria-expanded', 'false');
      expect((await first.boundingBox())!.y).toBe(before.y);
    });
});
