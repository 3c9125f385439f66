/**
 * Issue 11: a screen built for triage. Layout on a 1366×768 laptop (and at 150 % zoom:
 * 911×512 CSS pixels), the one search box, labels by meaning, "is it still blocked?",
 * and the pivots and drill-downs, each checked against the API's own answers.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { cells, describe, expectTaskIds, formatCount, rows } from './helpers';

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
    expect(await page.evaluate(() => window.getSelection()?.toString().trim().length ?? 0)).toBeGreaterThan(
      0,
    );
    await page.waitForTimeout(600);
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
