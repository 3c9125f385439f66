import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { cells, describe, expectTaskIds, formatCount, pickOptions, rows, shownTimes } from './helpers';

/** Shows columns by their labels from the column chooser. */
async function showColumns(page: Page, labels: string[]): Promise<void> {
  await page.getByTestId('column-chooser').click();
  for (const name of labels) await page.getByRole('checkbox', { name, exact: true }).check();
  await page.keyboard.press('Escape');
}

test.describe('task list', () => {
  test('filter by status and product: every row matches and the total is the API TotalCount', async ({
    page,
    api,
  }) => {
    await page.goto('/?PageSize=100');
    await expect(rows(page).first()).toBeVisible();

    await pickOptions(page, 'filter-TaskStatus', ['Failed (90)', 'Unblock failed (91)']);
    await pickOptions(page, 'filter-YunCode', ['Web Application Firewall (WAF)']);
    await expect(page).toHaveURL(/\?TaskStatus=90,91&YunCode=WAF&PageSize=100$/);

    const expected = await describe(api, {
      TaskStatus: '["90","91"]',
      YunCode: '["WAF"]',
      OrderField: 'gmtCreate',
      Direction: 'desc',
      PageNumber: '1',
      PageSize: '100',
    });
    expect(expected.Page.TotalCount).toBeGreaterThan(0);
    await expect(page.getByTestId('total-count')).toHaveText(formatCount(expected.Page.TotalCount));
    await expectTaskIds(
      page,
      expected.ProcessTasks.map((t) => t.TaskId),
    );

    const statuses = await cells(page, 'TaskStatus').allTextContents();
    expect(statuses.length).toBe(Math.min(100, expected.Page.TotalCount));
    for (const s of statuses) expect(s).toMatch(/^(Failed \(90\)|Unblock failed \(91\))$/);
    for (const p of await cells(page, 'YunCode').allTextContents()) expect(p).toMatch(/WAF$/);

    // Chips show the active filters; removing one widens the result and returns to page 1.
    await expect(page.getByTestId('chip-TaskStatus')).toContainText('Failed (90), Unblock failed (91)');
    await page.getByTestId('chip-YunCode').getByLabel('Remove filter Product').click();
    await expect(page).toHaveURL(/\?TaskStatus=90,91&PageSize=100$/);
    const wider = await describe(api, { TaskStatus: '["90","91"]', PageSize: '1' });
    await expect(page.getByTestId('total-count')).toHaveText(formatCount(wider.Page.TotalCount));
  });

  test('a filter with no match shows the empty state with the filters and clear-all', async ({ page }) => {
    await page.goto('/?EntityName=no-such-entity-anywhere');
    const empty = page.getByTestId('empty-state');
    await expect(empty).toBeVisible();
    await expect(empty).toContainText('No tasks match the active filters.');
    await expect(empty.getByTestId('chip-EntityName')).toContainText('no-such-entity-anywhere');
    await empty.getByRole('button', { name: 'Clear all filters' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(rows(page).first()).toBeVisible();
  });

  test('typing a keyword does not fire a request per keystroke', async ({ page }) => {
    // The page's clock is Playwright's: it flows while the page loads, then stands still while
    // the keyword is typed, so the keystrokes are exactly `KEY_GAP_MS` apart on the page's
    // clock however slowly the machine delivers them (a real pause longer than the debounce
    // used to commit "xmri").
    const DEBOUNCE_MS = 600; // DebouncedInput's delayMs
    const KEY_GAP_MS = 150; // a typist's pace, well inside the debounce
    await page.clock.install();
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/DescribeProcessTasks') && r.url().includes('ParamContent'))
        requests.push(r.url());
    });
    // The keyword field of the "More filters" panel (the search box has its own spec: triage).
    await page.getByTestId('more-filters').click();
    const keyword = page.locator('#filter-ParamContent');
    await keyword.focus();
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    for (const [i, key] of [...'xmrig'].entries()) {
      if (i > 0) await page.clock.runFor(KEY_GAP_MS);
      await page.keyboard.press(key);
    }
    await expect(keyword).toHaveValue('xmrig');
    await page.clock.runFor(DEBOUNCE_MS - 1);
    await expect(page).not.toHaveURL(/ParamContent/);
    // The debounce elapses: one commit, with the whole keyword.
    await page.clock.runFor(1);
    await expect(page).toHaveURL(/ParamContent=xmrig$/);
    await page.clock.resume();
    await expect(cells(page, 'EntityName').first()).toBeVisible();
    // The list's page 1 was asked once, for the whole keyword; no request (the summary's counts,
    // the next page) ever carried a part of it.
    const listPage1 = (u: string) => {
      const q = new URL(u).searchParams;
      return q.get('PageNumber') === '1' && q.get('PageSize') === '20' && !q.has('TaskStatus');
    };
    await expect.poll(() => requests.filter(listPage1).length).toBe(1);
    expect(requests.map((u) => new URL(u).searchParams.get('ParamContent'))).toEqual(
      requests.map(() => 'xmrig'),
    );
  });

  test('a settled search is a new history entry: Back returns to the view before it (issue 14.8)', async ({
    page,
  }) => {
    // Opened from a ticket: the link is the first entry of this tab.
    await page.goto('/?TaskStatus=90');
    await expect(rows(page).first()).toBeVisible();
    const entries = await page.evaluate(() => history.length);
    await page.getByTestId('more-filters').click();
    // No Enter: the search settles after the debounce.
    await page.locator('#filter-ParamContent').pressSequentially('xmrig', { delay: 40 });
    await expect(page).toHaveURL(/\/\?TaskStatus=90&ParamContent=xmrig$/);
    await expect(page.getByTestId('chip-ParamContent')).toContainText('xmrig');
    // One entry for the settled search, none for the keystrokes.
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);
    await page.goBack();
    await expect(page).toHaveURL(/\/\?TaskStatus=90$/);
    await expect(page.locator('#filter-ParamContent')).toHaveValue('');
    await expect(page.getByTestId('chip-ParamContent')).toHaveCount(0);
    await page.goForward();
    await expect(page).toHaveURL(/\/\?TaskStatus=90&ParamContent=xmrig$/);
    await expect(page.locator('#filter-ParamContent')).toHaveValue('xmrig');
  });

  test('a link value with stray spaces is trimmed with a notice; Copy link copies it clean (issue 14.3)', async ({
    page,
    context,
    api,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const expected = await describe(api, { EntityName: '203.0.113.10', PageSize: '20' });
    expect(expected.Page.TotalCount).toBeGreaterThan(0);
    await page.goto('/?EntityName=%20203.0.113.10%20');
    await expect(page).toHaveURL(/\/\?EntityName=203\.0\.113\.10$/);
    await expect(page.getByTestId('url-notices')).toContainText(
      'EntityName: spaces around the value “ 203.0.113.10 ” were removed.',
    );
    await expect(page.getByTestId('total-count')).toHaveText(formatCount(expected.Page.TotalCount));
    await expectTaskIds(
      page,
      expected.ProcessTasks.map((t) => t.TaskId),
    );
    await page.getByTestId('more-filters').click();
    await expect(page.locator('#filter-EntityName')).toHaveValue('203.0.113.10');
    // The search box shows it too, as an exact entity match.
    await expect(page.locator('#filter-search')).toHaveValue('203.0.113.10');
    const origin = new URL(page.url()).origin;
    const copyLink = page.getByTestId('copy-link');
    await copyLink.click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(`${origin}/?EntityName=203.0.113.10`);

    // Typed with spaces: the same value, and the same clean link.
    const input = page.locator('#filter-EntityName');
    await input.fill('\u00a0 203.0.113.10 \u3000');
    await input.press('Enter');
    await expect(page).toHaveURL(/\/\?EntityName=203\.0\.113\.10$/);
    // Whitespace alone clears the filter.
    await input.fill('   ');
    await input.press('Enter');
    await expect(page).toHaveURL(/\/$/);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await copyLink.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${origin}/`);
  });

  test('a page past the end lands on the last page with a notice; pager and total agree (issue 14.1)', async ({
    page,
    api,
  }) => {
    const failedUndo = await describe(api, { TaskStatus: '["92"]', PageSize: '20' });
    // The seeded dataset has about 10 tasks with status 92 (a live-mode test earlier on this
    // worker may have added some): one page.
    const undoTotal = failedUndo.Page.TotalCount;
    expect(undoTotal).toBeGreaterThan(0);
    expect(undoTotal).toBeLessThanOrEqual(20);
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await page.goto('/?TaskStatus=92&PageNumber=5');
    await expect(page).toHaveURL(/\/\?TaskStatus=92$/);
    await expect(page.getByTestId('url-notices')).toContainText(
      'PageNumber 5 is past the end of the list; its last page is shown.',
    );
    await expect(page.getByTestId('total-count')).toHaveText(formatCount(undoTotal));
    await expectTaskIds(
      page,
      failedUndo.ProcessTasks.map((t) => t.TaskId),
    );
    await expect(page.getByTestId('empty-state')).toHaveCount(0);
    await expect(page.locator('.ant-pagination-item-active')).toHaveText('1');
    // The correction replaced the entry: Back goes to the view before the link.
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);

    // Several pages: the last one (about 169 failed tasks, 50 a page → page 4).
    const failedTotal = (await describe(api, { TaskStatus: '["90"]', PageSize: '1' })).Page.TotalCount;
    const lastPage = Math.ceil(failedTotal / 50);
    expect(lastPage).toBeGreaterThan(1);
    const failed = await describe(api, {
      TaskStatus: '["90"]',
      PageSize: '50',
      PageNumber: String(lastPage),
    });
    await page.goto('/?TaskStatus=90&PageNumber=99&PageSize=50');
    await expect(page).toHaveURL(new RegExp(`/\\?TaskStatus=90&PageNumber=${lastPage}&PageSize=50$`));
    await expect(page.getByTestId('url-notices')).toContainText('PageNumber 99 is past the end');
    await expectTaskIds(
      page,
      failed.ProcessTasks.map((t) => t.TaskId),
    );
    await expect(page.locator('.ant-pagination-item-active')).toHaveText(String(lastPage));
    await expect(page.getByTestId('total-count')).toHaveText(formatCount(failedTotal));
  });

  test('while a filter change loads, the previous total is marked; then the new total shows (issue 14.9)', async ({
    page,
    api,
    emulator,
  }) => {
    const all = await describe(api, { PageSize: '1' });
    const failed = await describe(api, { TaskStatus: '["90"]', PageSize: '1' });
    await page.goto('/');
    const total = page.getByTestId('total-count');
    await expect(total).toHaveText(formatCount(all.Page.TotalCount));
    await expect(total).toHaveAttribute('aria-busy', 'false');
    await expect(page.getByTestId('total-stale')).toHaveCount(0);
    await emulator.setFaults({ latencyMs: 2500 });
    await pickOptions(page, 'filter-TaskStatus', ['Failed (90)']);
    await expect(page.getByTestId('chip-TaskStatus')).toContainText('Failed (90)');
    // The old count is still there, marked as counted before the change.
    await expect(total).toHaveAttribute('aria-busy', 'true');
    await expect(total).toHaveAttribute('data-stale', 'true');
    await expect(total).toHaveText(formatCount(all.Page.TotalCount));
    await expect(page.getByTestId('total-stale')).toHaveText('counted before your last change; updating…');
    // Then the new answer: its own total, unmarked.
    await expect(total).toHaveText(formatCount(failed.Page.TotalCount));
    await expect(total).toHaveAttribute('aria-busy', 'false');
    await expect(total).not.toHaveAttribute('data-stale');
    await expect(page.getByTestId('total-stale')).toHaveCount(0);
  });

  test('sort by created time both ways, with aria-sort', async ({ page, api }) => {
    await page.goto('/');
    // Created is not a default column since issue 11: shown from the column chooser.
    await showColumns(page, ['Created']);
    const created = page.locator('th[data-column-id="GmtCreateMillis"]');
    await expect(created).toHaveAttribute('aria-sort', 'descending');
    await expect(page.locator('th[data-column-id="ProcessTime"]')).toHaveAttribute('aria-sort', 'none');
    await expect(page.locator('th[data-column-id="TaskStatus"]')).not.toHaveAttribute('aria-sort', /.*/);

    const desc = await describe(api, { OrderField: 'gmtCreate', Direction: 'desc', PageSize: '20' });
    await expectTaskIds(
      page,
      desc.ProcessTasks.map((t) => t.TaskId),
    );
    const t1 = await shownTimes(page, 'GmtCreateMillis');
    expect(t1).toEqual([...t1].sort((a, b) => b - a));

    await created.getByRole('button').click();
    await expect(created).toHaveAttribute('aria-sort', 'ascending');
    await expect(page).toHaveURL(/\?Direction=asc$/);
    const asc = await describe(api, { OrderField: 'gmtCreate', Direction: 'asc', PageSize: '20' });
    await expectTaskIds(
      page,
      asc.ProcessTasks.map((t) => t.TaskId),
    );
    const t2 = await shownTimes(page, 'GmtCreateMillis');
    expect(t2.length).toBeGreaterThan(0);
    expect(t2).toEqual([...t2].sort((a, b) => a - b));
    expect(t2[0]!).toBeLessThan(t1[t1.length - 1]!);

    await created.getByRole('button').click();
    await expect(created).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/\/$/);
  });

  test('every orderable column sorts on the server', async ({ page, api }) => {
    await page.goto('/');
    for (const [column, field] of [
      ['ProcessTime', 'processTime'],
      ['GmtModifiedMillis', 'gmtModified'],
      ['RemoveTime', 'removeTime'],
    ] as const) {
      // Modified and Unblocked / restored are not default columns: shown from the column chooser.
      if (column === 'GmtModifiedMillis') await showColumns(page, ['Modified']);
      if (column === 'RemoveTime') await showColumns(page, ['Unblocked / restored']);
      const th = page.locator(`th[data-column-id="${column}"]`);
      await th.getByRole('button').click();
      await expect(th).toHaveAttribute('aria-sort', 'descending');
      await expect(page).toHaveURL(new RegExp(`OrderField=${field}`));
      const expected = await describe(api, { OrderField: field, Direction: 'desc', PageSize: '20' });
      await expectTaskIds(
        page,
        expected.ProcessTasks.map((t) => t.TaskId),
      );
      const times = await shownTimes(page, column);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  test('page forward and back, with page sizes', async ({ page, api }) => {
    await page.goto('/');
    const p1 = await describe(api, {
      PageNumber: '1',
      PageSize: '20',
      OrderField: 'gmtCreate',
      Direction: 'desc',
    });
    const p2 = await describe(api, {
      PageNumber: '2',
      PageSize: '20',
      OrderField: 'gmtCreate',
      Direction: 'desc',
    });
    await expectTaskIds(
      page,
      p1.ProcessTasks.map((t) => t.TaskId),
    );

    await page.getByRole('listitem', { name: 'Next Page' }).click();
    await expect(page).toHaveURL(/\?PageNumber=2$/);
    await expectTaskIds(
      page,
      p2.ProcessTasks.map((t) => t.TaskId),
    );

    // Browser history: back to page 1, forward to page 2.
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expectTaskIds(
      page,
      p1.ProcessTasks.map((t) => t.TaskId),
    );
    await page.goForward();
    await expect(page).toHaveURL(/\?PageNumber=2$/);
    await expectTaskIds(
      page,
      p2.ProcessTasks.map((t) => t.TaskId),
    );

    await page.getByRole('listitem', { name: 'Previous Page' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expectTaskIds(
      page,
      p1.ProcessTasks.map((t) => t.TaskId),
    );

    // Page size 50, then a sort change returns to page 1.
    await page.goto('/?PageNumber=3');
    await showColumns(page, ['Created']);
    await page.locator('.rtc-pagination').getByRole('combobox').click();
    await page.getByRole('option', { name: '50 / page' }).click();
    await expect(page).toHaveURL(/\?PageSize=50$/);
    await expect(rows(page)).toHaveCount(50);
    await page.getByRole('listitem', { name: 'Next Page' }).click();
    await expect(page).toHaveURL(/\?PageNumber=2&PageSize=50$/);
    await page.locator('th[data-column-id="GmtCreateMillis"]').getByRole('button').click();
    await expect(page).toHaveURL(/\?Direction=asc&PageSize=50$/);
    await expect(page.getByText(`1–50 of ${p1.Page.TotalCount.toLocaleString('en-US')}`)).toBeVisible();
  });

  test('the column chooser is remembered across reloads', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('th[data-column-id="Creator"]')).toHaveCount(0);
    await page.getByTestId('column-chooser').click();
    await page.getByRole('checkbox', { name: 'Creator' }).check();
    await page.getByRole('checkbox', { name: 'Action (scene)', exact: true }).uncheck();
    await page.keyboard.press('Escape');
    await expect(page.locator('th[data-column-id="Creator"]')).toHaveCount(1);
    await expect(page.locator('th[data-column-id="SceneName"]')).toHaveCount(0);
    await page.reload();
    await expect(page.locator('th[data-column-id="Creator"]')).toHaveCount(1);
    await expect(page.locator('th[data-column-id="SceneName"]')).toHaveCount(0);
  });
});

test.describe('errors from the API', () => {
  // The browser logs every failed request as a console error; these ones are injected.
  test.use({
    allowedConsoleErrors: [/Failed to load resource: the server responded with a status of (5\d\d|429)/],
  });

  test('show Code, Message and RequestId with Retry, and keep the last rows on screen', async ({
    page,
    emulator,
  }) => {
    await page.goto('/?PageSize=10');
    await expect(rows(page)).toHaveCount(10);
    const before = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id')));

    await emulator.setFaults({ errorRate: 1 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const error = page.getByTestId('error-state');
    await expect(error).toBeVisible({ timeout: 30_000 });
    await expect(error.getByTestId('error-code')).toHaveText(/^(InternalError|ServiceUnavailable)$/);
    await expect(error.getByTestId('error-message')).not.toBeEmpty();
    await expect(error.getByTestId('error-request-id')).toHaveText(/[0-9A-F-]{16,}/i);
    await expect(error).toContainText('The last results are still shown.');
    expect(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id')))).toEqual(
      before,
    );

    await emulator.setFaults({ errorRate: 0 });
    await error.getByTestId('retry').click();
    await expect(error).toBeHidden({ timeout: 30_000 });
    await expect(rows(page)).toHaveCount(10);
  });

  test('a RAM denial names the RAM action to grant and links only to Alibaba Cloud', async ({
    page,
    emulator,
  }) => {
    await emulator.setFaults({ ramDenyRate: 1 });
    try {
      await page.goto('/?PageSize=10');
      const error = page.getByTestId('error-state');
      await expect(error).toBeVisible({ timeout: 30_000 });
      await expect(error.getByTestId('error-code')).toHaveText('NoPermission');
      await expect(error.getByTestId('error-auth-action')).toContainText('yundun-sas:DescribeProcessTasks');
      await expect(error.getByTestId('error-no-permission-type')).toHaveText('ImplicitDeny');
      await expect(error.getByTestId('error-host-id')).toHaveText('sophonsoar.aliyuncs.com');
      const link = error.getByTestId('error-recommend-link');
      await expect(link).toHaveAttribute(
        'href',
        /^https:\/\/api\.aliyun\.com\/troubleshoot\?q=NoPermission&/,
      );
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    } finally {
      await emulator.setFaults({ ramDenyRate: 0 });
    }
  });
});

test.describe('throttling', () => {
  test.use({
    allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 429/],
  });

  test('the list asks again once, after Retry-After, then shows the throttling error', async ({
    page,
    emulator,
  }) => {
    const sent: number[] = [];
    const retryAfter: (string | null)[] = [];
    // The list's page (PageSize 10), not the summary strip's counts (PageSize 1) that
    // load once the error is on screen.
    const isListPage = (url: string) =>
      /\/api\/DescribeProcessTasks\?/.test(url) && new URL(url).searchParams.get('PageSize') === '10';
    page.on('request', (r) => {
      if (isListPage(r.url())) sent.push(Date.now());
    });
    page.on('response', (r) => {
      if (isListPage(r.url())) retryAfter.push(r.headers()['retry-after'] ?? null);
    });
    const error = page.getByTestId('error-state');
    // The upstream's hint (x-acs-retry-after 2000 ms) becomes the proxy's Retry-After: 2.
    // (The proxy's own default without a hint is 1 s since the retry-owner change.)
    await emulator.setFaults({ throttleRate: 1, throttleRetryAfterMs: 2000 });
    try {
      await page.goto('/?PageSize=10');
      await expect(error).toBeVisible({ timeout: 30_000 });
      await expect(error.getByTestId('error-code')).toHaveText(/^Throttling/);
    } finally {
      await emulator.setFaults({ throttleRate: 0, throttleRetryAfterMs: 0 });
    }
    // One retry, no sooner than the proxy's Retry-After (whole seconds), and nothing after it.
    expect(sent).toHaveLength(2);
    expect(retryAfter[0]).toMatch(/^[1-5]$/);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(Number(retryAfter[0]) * 1000);

    await error.getByTestId('retry').click();
    await expect(error).toBeHidden({ timeout: 30_000 });
    await expect(rows(page)).toHaveCount(10);
  });
});

test.describe('while the next page loads', () => {
  test('the next page is prefetched and the previous rows stay on screen', async ({ page, emulator }) => {
    const prefetched = page.waitForRequest((r) =>
      /\/api\/DescribeProcessTasks\?.*PageNumber=2(&|$)/.test(r.url()),
    );
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await prefetched;

    // Page 2 comes from the cache at once; page 3 (prefetched only from page 2) is slow:
    // while it loads, the rows of page 2 stay on screen, marked busy.
    await emulator.setFaults({ latencyMs: 3000 });
    await page.getByRole('listitem', { name: 'Next Page' }).click();
    await expect(page).toHaveURL(/\?PageNumber=2$/);
    await expect(page.locator('table.rtc-table')).toHaveAttribute('aria-busy', 'false');
    const page2 = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id')));
    await page.getByRole('listitem', { name: 'Next Page' }).click();
    await expect(page).toHaveURL(/\?PageNumber=3$/);
    await expect(page.locator('table.rtc-table')).toHaveAttribute('aria-busy', 'true');
    expect(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id')))).toEqual(
      page2,
    );
    await expect(page.locator('table.rtc-table')).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
    expect(
      await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id'))),
    ).not.toEqual(page2);
  });
});

test.describe('times', () => {
  test.use({ timezoneId: 'Asia/Shanghai' });

  test('show in the local zone with UTC on hover, and follow the zone setting', async ({ page, api }) => {
    const first = (await describe(api, { PageSize: '1', OrderField: 'gmtCreate', Direction: 'desc' }))
      .ProcessTasks[0]!;
    // Processed is the default time column since issue 11 (Created is in the column chooser).
    const ms = first.ProcessTime!;
    const shanghai = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    const utc = new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    await page.goto('/');
    const cell = cells(page, 'ProcessTime').first();
    await expect(cell.locator('time')).toHaveText(shanghai);
    await expect(cell).toContainText('ago');
    await cell.locator('time').hover();
    await expect(page.getByRole('tooltip')).toHaveText(`${utc} UTC`);

    await page.locator('#time-zone').click();
    await page.getByRole('option', { name: 'UTC' }).click();
    await expect(cell.locator('time')).toHaveText(utc);
    await page.reload();
    await expect(cells(page, 'ProcessTime').first().locator('time')).toHaveText(utc);
  });

  test('a custom range means the zone shown in the header: request, chip and picker agree', async ({
    page,
  }) => {
    // Browser in Asia/Shanghai, "Times in" UTC: 2026-11-28 00:00 → 23:59 is the UTC day.
    const START = '1795824000000';
    const END = '1795910340000';
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await page.locator('#time-zone').click();
    await page.getByRole('option', { name: 'UTC' }).click();

    await page.locator('#filter-ProcessActionStart').click();
    await page.getByRole('option', { name: 'Custom range…' }).click();
    const from = page.locator('#filter-ProcessActionStart-custom');
    const until = page.locator('#filter-ProcessActionStart-custom-end');
    const request = page.waitForRequest(
      (r) => r.url().includes('/api/DescribeProcessTasks') && r.url().includes('ProcessActionEnd='),
    );
    await from.click();
    await from.fill('2026-11-28 00:00');
    await from.press('Enter');
    await until.fill('2026-11-28 23:59');
    await until.press('Enter');

    const sent = new URL((await request).url()).searchParams;
    expect([sent.get('ProcessActionStart'), sent.get('ProcessActionEnd')]).toEqual([START, END]);
    await expect(page).toHaveURL(new RegExp(`ProcessActionStart=${START}&ProcessActionEnd=${END}`));
    const chip = page.getByTestId('chip-ProcessActionRange');
    await expect(chip).toContainText('2026-11-28 00:00:00 – 2026-11-28 23:59:00');
    await expect(from).toHaveValue('2026-11-28 00:00');
    await expect(until).toHaveValue('2026-11-28 23:59');

    // Back to the browser's zone: the same instants, shown in Shanghai time everywhere.
    await page.locator('#time-zone').click();
    await page.getByRole('option', { name: /^Local/ }).click();
    await expect(chip).toContainText('2026-11-28 08:00:00 – 2026-11-29 07:59:00');
    await expect(from).toHaveValue('2026-11-28 08:00');
    await expect(until).toHaveValue('2026-11-29 07:59');
    await expect(page).toHaveURL(new RegExp(`ProcessActionStart=${START}&ProcessActionEnd=${END}`));
  });
});

test.describe('mode banner', () => {
  test('states demo mode and how the proxy signs, never a key', async ({ page, api }) => {
    await page.goto('/?PageSize=10');
    const banner = page.getByTestId('demo-banner');
    await expect(banner).toContainText('Demo mode');
    await expect(banner.getByTestId('credential-provider')).toHaveText('Signed with: static_ak');
    const config = await api.get<Record<string, unknown>>('config');
    expect(config.body).toMatchObject({ mode: 'demo', credentialProvider: 'static_ak' });
    expect(JSON.stringify(config.body)).not.toMatch(/LTAI|Secret/i);
  });
});
