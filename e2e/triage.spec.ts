/**
 * Issue 11: a screen built for triage. Layout on a 1366×768 laptop (and at 150 % zoom:
 * 911×512 CSS pixels), the one search box, labels by meaning, "is it still blocked?",
 * and the pivots and drill-downs, each checked against the API's own answers.
 */
import type { Page } from '@playwright/test';
import { TRIAGE, TRIAGE_TASK_IDS } from '../src/server/emulator/index';
import type { DescribeProcessTaskCountResponse, DescribeSoarRecordsResponse } from '../src/shared/sophonsoar';
import { test, expect, type ApiClient } from './fixtures';
import { cells, describe, expectTaskIds, formatCount, rows } from './helpers';

/** `2026-11-29 12:00:00`, as the table shows a time in UTC. */
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** TaskIds of every task matching `params` (wire form), newest created first (one page of 100). */
async function idsOf(
  api: ApiClient,
  params: Record<string, string>,
): Promise<{ ids: string[]; total: number }> {
  const r = await describe(api, { ...params, OrderField: 'gmtCreate', Direction: 'desc', PageSize: '100' });
  return { ids: r.ProcessTasks.map((t) => t.TaskId), total: r.Page.TotalCount };
}

/** Types into the search box and presses Enter. */
async function search(page: Page, text: string): Promise<void> {
  const box = page.locator('#filter-search');
  await box.fill(text);
  await box.press('Enter');
}

/** Rows whose whole box is inside the viewport, without scrolling. */
async function fullyVisibleRows(page: Page): Promise<number> {
  return rows(page).evaluateAll(
    (trs) =>
      trs.filter((tr) => {
        const r = tr.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
      }).length,
  );
}

test.describe('triage layout', () => {
  for (const { name, width, height, min } of [
    { name: '1366×768 at 100 %', width: 1366, height: 768, min: 12 },
    // 150 % zoom on the same screen: 1366/1.5 × 768/1.5 CSS pixels.
    { name: '1366×768 at 150 %', width: 911, height: 512, min: 5 },
  ]) {
    test(`${name}: at least ${min} task rows visible without scrolling`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto('/');
      await expect(rows(page).first()).toBeVisible();
      // The demo banner is shown (not dismissed): the figure holds with it.
      await expect(page.getByTestId('demo-banner')).toBeVisible();
      await expect(page.locator('#filter-search')).toBeVisible();
      expect(await fullyVisibleRows(page)).toBeGreaterThanOrEqual(min);
    });
  }

  test('one-line filter bar at 1366 px; the other filters in a panel that stays as left', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/');
    await expect(page.locator('#filter-search')).toBeVisible();
    const bar = page.getByTestId('filter-bar');
    // Status, product, processed range and the search box share one line.
    const tops = await Promise.all(
      ['#filter-TaskStatus', '#filter-YunCode', '#filter-ProcessActionStart', '#filter-search'].map(
        async (sel) => {
          const box = await bar.locator(sel).boundingBox();
          return Math.round(box!.y + box!.height / 2);
        },
      ),
    );
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
    const more = page.getByTestId('more-filters');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator('#filter-Source')).toHaveCount(0);
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator('#filter-Source')).toBeVisible();
    await page.reload();
    await expect(page.locator('#filter-Source')).toBeVisible();
    await page.getByTestId('more-filters').click();
    await expect(page.locator('#filter-Source')).toHaveCount(0);
    await page.reload();
    await expect(page.locator('#filter-search')).toBeVisible();
    await expect(page.locator('#filter-Source')).toHaveCount(0);
    await expect(page.getByTestId('more-filters')).toHaveAttribute('aria-expanded', 'false');
  });

  test('the demo banner can be dismissed and stays dismissed', async ({ page }) => {
    await page.goto('/');
    const banner = page.getByTestId('demo-banner');
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'Dismiss the demo notice' }).click();
    await expect(banner).toHaveCount(0);
    await page.reload();
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);
    // The header still says the data is the emulator's.
    await expect(page.getByTestId('mode-badge')).toHaveText('Demo data (emulator)');
  });

  test('default columns in triage order; the first two stay put when the table scrolls sideways', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 911, height: 512 });
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    const ids = await page
      .locator('thead th')
      .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-column-id')));
    expect(ids).toEqual([
      'TaskStatus',
      'EntityName',
      'SceneName',
      'YunCode',
      'ProcessTime',
      'Reason',
      'Source',
      'TaskId',
    ]);
    const wrap = page.locator('.rtc-table-wrap');
    const firstStatus = cells(page, 'TaskStatus').first();
    const firstEntity = cells(page, 'EntityName').first();
    const firstScene = cells(page, 'SceneName').first();
    const before = await Promise.all([firstStatus, firstEntity, firstScene].map((l) => l.boundingBox()));
    await wrap.evaluate((el) => (el.scrollLeft = 400));
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(100);
    const after = await Promise.all([firstStatus, firstEntity, firstScene].map((l) => l.boundingBox()));
    expect(after[0]!.x).toBeCloseTo(before[0]!.x, 0);
    expect(after[1]!.x).toBeCloseTo(before[1]!.x, 0);
    // The third scrolls away under them.
    expect(after[2]!.x).toBeLessThan(before[2]!.x - 100);
    // The entity does not overlap the status column.
    expect(after[1]!.x).toBeGreaterThanOrEqual(after[0]!.x + after[0]!.width - 1);
  });

  test('density switch: comfortable rows are taller, and the choice is remembered', async ({ page }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    const height = async () => (await rows(page).nth(1).boundingBox())!.height;
    const compact = await height();
    const sw = page.getByTestId('density-switch');
    await expect(sw.getByRole('button', { name: 'Compact' })).toHaveAttribute('aria-pressed', 'true');
    await sw.getByRole('button', { name: 'Comfortable' }).click();
    await expect(page.locator('.rtc-table-wrap')).toHaveAttribute('data-density', 'comfortable');
    expect(await height()).toBeGreaterThan(compact + 4);
    await page.reload();
    await expect(page.locator('.rtc-table-wrap')).toHaveAttribute('data-density', 'comfortable');
    await expect(sw.getByRole('button', { name: 'Comfortable' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('a row click opens the drawer; selecting text in a row does not', async ({ page }) => {
    await page.goto('/?TaskStatus=21');
    const row = rows(page).first();
    await expect(row).toBeVisible();
    const taskId = await row.getAttribute('data-task-id');
    const scene = row.locator('td[data-column-id="SceneName"] .rtc-ellipsis');
    // Double-click: a word is selected, no drawer.
    await scene.dblclick();
    const word = await page.evaluate(() => window.getSelection()?.toString() ?? '');
    expect(word.trim().length).toBeGreaterThan(0);
    // The pointer rests on the text past the tooltip's delay: the selection stays (the
    // tooltip is not mounted over selected text, which would remount it).
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe(word);
    await expect(page).toHaveURL(/\/\?TaskStatus=21$/);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // Drag across the scene's text: a selection, no drawer.
    const box = (await scene.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    expect(await page.evaluate(() => window.getSelection()?.toString().length ?? 0)).toBeGreaterThan(3);
    await page.waitForTimeout(600);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // The same on a time, whose UTC tooltip waits 0.3 s.
    const time = row.locator('td[data-column-id="ProcessTime"] time');
    await time.dblclick();
    const timeWord = await page.evaluate(() => window.getSelection()?.toString() ?? '');
    expect(timeWord.trim().length).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe(timeWord);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // A plain click opens it.
    await row.locator('td[data-column-id="ProcessTime"]').click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}\\?TaskStatus=21$`));
    await expect(page.getByRole('dialog').getByTestId('drawer-TaskId')).toHaveText(taskId!);
  });

  test('every row is a real link: middle-click and Ctrl-click open the task in a new tab', async ({
    page,
    context,
  }) => {
    await page.goto('/?YunCode=CFW');
    const row = rows(page).nth(2);
    await expect(row).toBeVisible();
    const taskId = (await row.getAttribute('data-task-id'))!;
    const link = row.getByTestId('task-link');
    await expect(link).toHaveAttribute('href', `/tasks/${taskId}?YunCode=CFW`);

    // Middle-click on the link itself: the browser's own new tab.
    const [tab1] = await Promise.all([context.waitForEvent('page'), link.click({ button: 'middle' })]);
    await tab1.waitForLoadState();
    expect(new URL(tab1.url()).pathname).toBe(`/tasks/${taskId}`);
    await expect(tab1.getByRole('dialog').getByTestId('drawer-TaskId')).toHaveText(taskId);
    await tab1.close();

    // Middle-click elsewhere on the row.
    const [tab2] = await Promise.all([
      context.waitForEvent('page'),
      row.locator('td[data-column-id="Source"]').click({ button: 'middle' }),
    ]);
    await tab2.waitForLoadState();
    expect(new URL(tab2.url()).pathname).toBe(`/tasks/${taskId}`);
    await tab2.close();

    // Ctrl-click on the row.
    const [tab3] = await Promise.all([
      context.waitForEvent('page'),
      row.locator('td[data-column-id="YunCode"]').click({ modifiers: ['Control'] }),
    ]);
    await tab3.waitForLoadState();
    expect(new URL(tab3.url()).pathname).toBe(`/tasks/${taskId}`);
    await tab3.close();
    // This tab stayed on the list, without the drawer.
    await page.waitForTimeout(400);
    await expect(page).toHaveURL(/\/\?YunCode=CFW$/);
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('the tab title says what is shown', async ({ page, api }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Response tasks');
    await page.goto('/?TaskStatus=90&YunCode=WAF');
    await expect(page).toHaveTitle(
      'Status: Failed (90), Product: Web Application Firewall (WAF) · Response tasks',
    );
    const list = await describe(api, { TaskStatus: '["90"]', YunCode: '["WAF"]', PageSize: '20' });
    const id = list.ProcessTasks[0]!.TaskId;
    await rows(page).first().locator('td[data-column-id="ProcessTime"]').click();
    await expect(page).toHaveTitle(`Task ${id} · Response tasks`);
    await expect(page.getByTestId('total-count')).toHaveText(formatCount(list.Page.TotalCount));
    await expectTaskIds(
      page,
      list.ProcessTasks.map((t) => t.TaskId),
    );
  });
});

test.describe('one search box', () => {
  test('a full IP is an exact entity; Contains makes it a keyword', async ({ page, api }) => {
    await page.goto('/?PageSize=100');
    await search(page, TRIAGE.ip);
    await expect(page).toHaveURL(/\?EntityName=198\.51\.100\.23&PageSize=100$/);
    const exact = await idsOf(api, { EntityName: TRIAGE.ip });
    expect(exact.total).toBe(4);
    await expectTaskIds(page, exact.ids);
    await expect(page.getByTestId('search-outcome')).toHaveText('Entity is exactly this');

    await page.getByTestId('search-mode').click();
    await page.getByRole('option', { name: 'Contains' }).click();
    await expect(page).toHaveURL(/\?ParamContent=198\.51\.100\.23&PageSize=100$/);
    const contains = await idsOf(api, { ParamContent: TRIAGE.ip });
    await expect(page.getByTestId('total-count')).toHaveText(formatCount(contains.total));
    await expectTaskIds(page, contains.ids);
  });

  for (const [what, typed, keyword, outcome] of [
    ['a partial IP', '198.51.100.', '198.51.100.', 'Partial IP: tasks containing “198.51.100.”'],
    [
      'a partial IP without the last dot',
      '198.51.100',
      '198.51.100',
      'Partial IP: tasks containing “198.51.100”',
    ],
    ['a CIDR', '198.51.100.0/24', '198.51.100.', 'CIDR: tasks containing “198.51.100.”'],
  ] as const) {
    test(`${what} searches as contains, never a silent zero`, async ({ page, api }) => {
      await page.goto('/?PageSize=100');
      await expect(rows(page).first()).toBeVisible();
      await search(page, typed);
      await expect(page).toHaveURL(
        new RegExp(`\\?ParamContent=${keyword.replace(/\./g, '\\.')}&PageSize=100$`),
      );
      const expected = await idsOf(api, { ParamContent: keyword });
      expect(expected.total).toBeGreaterThan(0);
      await expect(page.getByTestId('total-count')).toHaveText(formatCount(expected.total));
      await expectTaskIds(page, expected.ids);
      await expect(page.getByTestId('search-outcome')).toHaveText(outcome);
      await expect(page.getByTestId('search-mode')).toContainText('Contains');
    });
  }

  test('a UUID is tried as TaskId, EventUuid, EntityUuid, ReqUuid and AlertId; the box says which matched', async ({
    page,
    api,
  }) => {
    const alerted = (await describe(api, { Source: '["custom_alert"]', PageSize: '20' })).ProcessTasks.find(
      (t) => t.AlertId,
    )!;
    expect(alerted, 'a task with an AlertId').toBeTruthy();
    const cases = [
      ['TaskId', TRIAGE_TASK_IDS.triageCfwBlocking, 'Task ID'],
      ['EventUuid', TRIAGE.eventUuid, 'Event UUID'],
      ['EntityUuid', TRIAGE.ipEntityUuid, 'Entity UUID'],
      ['ReqUuid', TRIAGE.playbookReqUuid, 'Request UUID'],
      ['AlertId', alerted.AlertId!, 'Alert ID'],
    ] as const;
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    for (const [field, value, label] of cases) {
      await search(page, value);
      await expect(page).toHaveURL(new RegExp(`\\?${field}=${value}$`));
      const expected = await idsOf(api, { [field]: value });
      expect(expected.total, field).toBeGreaterThan(0);
      await expectTaskIds(page, expected.ids);
      await expect(page.getByTestId('search-outcome')).toHaveText(`Matched as ${label} (${expected.total})`);
    }
    // A UUID no ID field holds: said so, and searched as a keyword.
    const none = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
    await search(page, none);
    await expect(page).toHaveURL(new RegExp(`\\?ParamContent=${none}$`));
    await expect(page.getByTestId('search-outcome')).toHaveText(
      'No task has this as TaskId, EventUuid, EntityUuid, ReqUuid, AlertId: searched as a keyword',
    );
  });

  test('a path and a process name are exact entities', async ({ page, api }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await search(page, '/tmp/.triage/kworkerd');
    await expect(page).toHaveURL(/\?EntityName=%2Ftmp%2F\.triage%2Fkworkerd$/);
    await expectTaskIds(page, [TRIAGE_TASK_IDS.triageFileReleased]);
    await search(page, 'kdevtmpfsi');
    await expect(page).toHaveURL(/\?EntityName=kdevtmpfsi$/);
    const expected = await idsOf(api, { EntityName: 'kdevtmpfsi' });
    expect(expected.ids).toContain(TRIAGE_TASK_IDS.triagePlaybookKill);
    await expectTaskIds(page, expected.ids.slice(0, 20));
  });

  test('an exact entity that finds nothing offers the keyword results, never a bare zero', async ({
    page,
    api,
  }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await search(page, 'kdevtmpf');
    await expect(page).toHaveURL(/\?EntityName=kdevtmpf$/);
    expect((await idsOf(api, { EntityName: 'kdevtmpf' })).total).toBe(0);
    const keyword = await idsOf(api, { ParamContent: 'kdevtmpf' });
    expect(keyword.total).toBeGreaterThan(0);
    const empty = page.getByTestId('empty-state');
    await expect(empty).toContainText('No task has the entity exactly “kdevtmpf”.');
    const n = keyword.total.toLocaleString('en-US');
    await expect(empty.getByTestId('keyword-offer-text')).toHaveText(
      `As a keyword (entity, scene or input contains it), ${keyword.total === 1 ? `${n} task matches.` : `${n} tasks match.`}`,
    );
    await empty.getByTestId('keyword-offer').click();
    await expect(page).toHaveURL(/\?ParamContent=kdevtmpf$/);
    await expect(page.getByTestId('total-count')).toHaveText(formatCount(keyword.total));
    await expectTaskIds(page, keyword.ids.slice(0, 20));
  });

  test('free text is a keyword; each row shows why it matched', async ({ page, api }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await search(page, 'kill mining');
    await expect(page).toHaveURL(/\?ParamContent=kill%20mining$/);
    const expected = await idsOf(api, { ParamContent: 'kill mining' });
    expect(expected.total).toBeGreaterThan(0);
    await expectTaskIds(page, expected.ids.slice(0, 20));
    await expect(page.getByTestId('search-outcome')).toHaveText(
      'Keyword: entity, scene or input contains it',
    );
    // The scene holds it: marked there.
    for (const mark of await cells(page, 'SceneName').locator('mark').allTextContents())
      expect(mark.toLowerCase()).toBe('kill mining');
    expect(await cells(page, 'SceneName').locator('mark').count()).toBe(Math.min(20, expected.total));

    // Only the input parameters hold it: a snippet of them, marked.
    await search(page, 'triage0001');
    await expect(page).toHaveURL(/\?ParamContent=triage0001$/);
    const inInput = await idsOf(api, { ParamContent: 'triage0001' });
    expect(inInput.total).toBe(4);
    await expectTaskIds(page, inInput.ids);
    const snippets = page.getByTestId('match-snippet');
    await expect(snippets).toHaveCount(4);
    for (const s of await snippets.locator('mark').allTextContents()) expect(s).toBe('triage0001');
  });
});

test.describe('labels and "is it still blocked?"', () => {
  test.use({ timezoneId: 'UTC' });

  test('labels by meaning with the code beside; blocked until / released at / unknown from the task’s fields', async ({
    page,
    api,
  }) => {
    const byId = new Map(
      (await describe(api, { ParamContent: 'triage', PageSize: '100' })).ProcessTasks.map((t) => [
        t.TaskId,
        t,
      ]),
    );
    const task = (name: keyof typeof TRIAGE_TASK_IDS) => byId.get(TRIAGE_TASK_IDS[name])!;
    await page.goto('/?ParamContent=triage&PageSize=100');
    const row = (name: keyof typeof TRIAGE_TASK_IDS) =>
      page.locator(`tbody tr[data-task-id="${TRIAGE_TASK_IDS[name]}"]`);
    const cell = (name: keyof typeof TRIAGE_TASK_IDS, col: string) =>
      row(name).locator(`td[data-column-id="${col}"]`);
    await expect(row('triageCfwBlocking')).toBeVisible();

    // Status labels: 23 "Ended", 24 "Whitelisted".
    await expect(cell('triageCfwUnblocked', 'TaskStatus')).toHaveText('Ended (23)');
    await expect(cell('triageWafWhitelisted', 'TaskStatus')).toHaveText('Whitelisted (24)');
    // Source labels by meaning, the code beside.
    await expect(cell('triageWafWhitelisted', 'Source')).toHaveText('Manual (event handling) system');
    await expect(cell('triageCfwBlocking', 'Source')).toHaveText('Automatic rule (event) custom');
    await expect(cell('triageCfwUnblocked', 'Source')).toHaveText('Automatic rule (alert) custom_alert');
    await expect(cell('triageWafUnblockFailed', 'Source')).toHaveText('Playbook, run manually soar-manual');
    await expect(cell('triageFileIsolated', 'Source')).toHaveText('Managed security service soar-mdr');

    // Blocked until = ProcessTime + blockDuration (s).
    const blocking = task('triageCfwBlocking');
    const duration = (JSON.parse(blocking.InputParams!) as { blockDuration: number }).blockDuration;
    await expect(cell('triageCfwBlocking', 'Reason')).toHaveText(
      `Blocked until ${utc(blocking.ProcessTime! + duration * 1000)}`,
    );
    // A failed unblock: the attempt's time, and the error.
    const failed = task('triageWafUnblockFailed');
    await expect(cell('triageWafUnblockFailed', 'Reason')).toHaveText(
      `Unblock attempt at ${utc(failed.GmtModifiedMillis!)} failed: still blocked · ${failed.ErrMsg!}`,
    );
    // Lifted: RemoveTime; files are released, not unblocked.
    await expect(cell('triageCfwUnblocked', 'Reason')).toHaveText(
      `Unblocked at ${utc(task('triageCfwUnblocked').RemoveTime!)}`,
    );
    await expect(cell('triageFileReleased', 'Reason')).toHaveText(
      `Restored from quarantine at ${utc(task('triageFileReleased').RemoveTime!)}`,
    );
    // No duration in InputParams: the data does not say.
    await expect(cell('triageFileIsolated', 'Reason')).toHaveText('Quarantined until: unknown');
    await expect(cell('triageWafWhitelisted', 'Reason')).toHaveText(
      `Whitelisted since ${utc(task('triageWafWhitelisted').ProcessTime!)}`,
    );
    // The host the task acted on, from InputParams.
    await expect(cell('triageFileReleased', 'EntityName').getByTestId('entity-host')).toHaveText(
      `on ${TRIAGE.host}`,
    );

    // A failed restore from quarantine (92) of the seeded data shows its attempt time too.
    const undo = (await describe(api, { TaskStatus: '["92"]', PageSize: '20' })).ProcessTasks[0]!;
    await page.goto('/?TaskStatus=92');
    await expect(
      page.locator(`tbody tr[data-task-id="${undo.TaskId}"] td[data-column-id="Reason"]`),
    ).toContainText(`Restore attempt at ${utc(undo.GmtModifiedMillis!)} failed: still quarantined`);
  });
});

test.describe('pivots and drill-downs', () => {
  test.use({ timezoneId: 'UTC' });

  test('one click from an entity lists every task on it across products', async ({ page, api }) => {
    await page.goto(`/?TaskStatus=21&YunCode=CFW&ParamContent=${TRIAGE.ip}`);
    const row = page.locator(`tbody tr[data-task-id="${TRIAGE_TASK_IDS.triageCfwBlocking}"]`);
    await row.getByTestId('entity-pivot').click();
    await expect(page).toHaveURL(/\/\?EntityName=198\.51\.100\.23$/);
    const all = await describe(api, { EntityName: TRIAGE.ip, PageSize: '20' });
    await expectTaskIds(
      page,
      all.ProcessTasks.map((t) => t.TaskId),
    );
    expect(new Set(all.ProcessTasks.map((t) => t.YunCode))).toEqual(new Set(['CFW', 'WAF']));
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // Above the list: per product, DescribeProcessTaskCount for the EntityUuid, the conflicts.
    const summary = page.getByTestId('entity-summary');
    const per = (code: string) => all.ProcessTasks.filter((t) => t.YunCode === code).length;
    await expect(summary.getByTestId('entity-products')).toHaveText(
      `Every task on ${TRIAGE.ip}, by product: ${[...new Set(all.ProcessTasks.map((t) => t.YunCode))]
        .map((c) => `${c === 'CFW' ? 'Cloud Firewall' : 'Web Application Firewall'} ${per(c!)}`)
        .join(', ')}`,
    );
    const count = await api.get<DescribeProcessTaskCountResponse>('DescribeProcessTaskCount', {
      'EntityUuidList.1': TRIAGE.ipEntityUuid,
    });
    await expect(summary.getByTestId('entity-uuid-count')).toHaveText(
      `Entity UUID ${TRIAGE.ipEntityUuid}: ${count.body.Data[0]!.Count} response tasks in all`,
    );
    // The operation is named for the curious, in the tooltip only.
    await expect(summary.getByTestId('entity-uuid-count')).toHaveAttribute(
      'title',
      /DescribeProcessTaskCount/,
    );
    await expect(summary.locator('[data-conflict]')).toHaveCount(2);
    await expect(summary.locator('[data-conflict="unblockFailedElsewhere"]')).toHaveText(
      `${TRIAGE.ip} is blocked by Cloud Firewall while the unblock by Web Application Firewall failed.`,
    );
  });

  test('the drawer: other tasks on the entity and of the event, the count, conflicts, the playbook run, previous and next', async ({
    page,
    api,
  }) => {
    const id = TRIAGE_TASK_IDS.triageWafUnblockFailed;
    await page.goto(`/?EntityName=${TRIAGE.ip}`);
    const pageIds = (await describe(api, { EntityName: TRIAGE.ip, PageSize: '20' })).ProcessTasks.map(
      (t) => t.TaskId,
    );
    // The entity's summary (counts, conflicts) arrives after the rows and moves them down:
    // click once it is there, so the click lands on the row it aims at.
    await expect(page.getByTestId('entity-uuid-count').first()).toBeVisible();
    await page.locator(`tbody tr[data-task-id="${id}"] td[data-column-id="ProcessTime"]`).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(id);

    // Other tasks on this entity: DescribeProcessTasks by EntityName, this task left out.
    const onEntity = await idsOf(api, { EntityName: TRIAGE.ip });
    const entityList = drawer.getByTestId('entity-related');
    await expect(entityList.getByTestId('entity-related-count')).toHaveText(
      `${onEntity.total - 1} other tasks`,
    );
    expect(
      await entityList
        .locator('li[data-task-id]')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-task-id'))),
    ).toEqual(onEntity.ids.filter((x) => x !== id));
    // DescribeProcessTaskCount for the EntityUuid.
    const count = await api.get<DescribeProcessTaskCountResponse>('DescribeProcessTaskCount', {
      'EntityUuidList.1': TRIAGE.ipEntityUuid,
    });
    const n = count.body.Data.find((d) => d.EntityUuid === TRIAGE.ipEntityUuid)!.Count!;
    await expect(drawer.getByTestId('entity-uuid-count')).toHaveText(
      `This entity has ${n} response tasks in all (counted by its Entity UUID).`,
    );
    await expect(drawer.getByTestId('entity-uuid-count')).toHaveAttribute(
      'title',
      /DescribeProcessTaskCount/,
    );
    // Conflicts: blocked by Cloud Firewall while WAF's unblock failed; blocked and whitelisted.
    const flag = drawer.getByTestId('conflict-flag');
    await expect(flag.locator('[data-conflict="unblockFailedElsewhere"]')).toHaveText(
      `${TRIAGE.ip} is blocked by Cloud Firewall while the unblock by Web Application Firewall failed.`,
    );
    await expect(flag.locator('[data-conflict="blockedAndWhitelisted"]')).toHaveText(
      `${TRIAGE.ip} is blocked by Cloud Firewall and whitelisted by Web Application Firewall at once.`,
    );

    // Other tasks of this event: DescribeProcessTasks by EventUuid.
    const ofEvent = await idsOf(api, { EventUuid: TRIAGE.eventUuid });
    expect(ofEvent.total).toBe(4);
    expect(
      await drawer
        .getByTestId('event-related')
        .locator('li[data-task-id]')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-task-id'))),
    ).toEqual(ofEvent.ids.filter((x) => x !== id));

    // The playbook run: DescribeSoarRecords by RequestUuid = the task's ReqUuid.
    const runs = await api.get<DescribeSoarRecordsResponse>('DescribeSoarRecords', {
      RequestUuid: TRIAGE.playbookReqUuid,
      PageNumber: '1',
      PageSize: '10',
    });
    const run = runs.body.SoarExecuteRecords[0]!;
    const runBox = drawer.getByTestId('playbook-run');
    await expect(runBox.getByTestId('run-Status')).toHaveText(run.Status!);
    await expect(runBox.getByTestId('run-TriggerType')).toHaveText(`${run.TriggerType} · ${run.TriggerUser}`);
    await expect(runBox.getByTestId('run-TaskName')).toHaveText(run.TaskName!);
    await expect(runBox.getByTestId('run-StartTime')).toHaveText(utc(run.StartTime!));
    await expect(runBox.getByTestId('run-EndTime')).toHaveText(utc(run.EndTime!));
    await expect(runBox.getByTestId('run-outputs').locator('li')).toHaveCount(run.OutputList.length);

    // The block state at the top; previous and next follow the page.
    await expect(drawer.getByTestId('drawer-block-state')).toContainText('failed: still blocked');
    const at = pageIds.indexOf(id);
    await drawer.getByTestId('next-task').click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${pageIds[at + 1]}\\?EntityName=`));
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(pageIds[at + 1]!);
    await drawer.getByTestId('prev-task').click();
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(id);
    // A related task opens in the drawer.
    await drawer
      .getByTestId('event-related')
      .locator(`li[data-task-id="${TRIAGE_TASK_IDS.triagePlaybookKill}"] a`)
      .click();
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(TRIAGE_TASK_IDS.triagePlaybookKill);
    await expect(page).toHaveTitle(`Task ${TRIAGE_TASK_IDS.triagePlaybookKill} · Response tasks`);
  });
});
