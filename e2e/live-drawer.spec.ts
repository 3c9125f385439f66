/**
 * Auto-refresh and the open drawer, against the emulator in live mode (a tick every 3 s:
 * tasks in progress settle, new tasks arrive). The drawer's own queries (the task, the
 * other tasks on its entity and of its event) refresh in the list's tick, with priority
 * 'background', and the drawer keeps its scroll, focus and text selection. Every expected
 * value is read from the API once live mode is off again.
 */
import type { Locator, Page, Request } from '@playwright/test';
import { HOSTILE_TASK_IDS, TRIAGE_TASK_IDS } from '../src/server/emulator/index';
import type { DescribeProcessTasksResponse } from '../src/shared/sophonsoar';
import { test, expect, type ApiClient, type EmulatorAdmin } from './fixtures';
import { chooseAutoRefresh, describe as describeTasks, rows, selectTextStart } from './helpers';

/** One auto-refresh period (15 s) plus the time an answer may take under load. */
const NEXT_REFRESH_MS = 30_000;
const RELATED_PAGE = 20;
type Task = DescribeProcessTasksResponse['ProcessTasks'][number];

/** "N other tasks" as the drawer words it, from the API's newest page on the entity. */
function othersText(answer: DescribeProcessTasksResponse, taskId: string): string {
  const all = answer.ProcessTasks;
  const total = answer.Page?.TotalCount ?? all.length;
  const others = total - (all.some((t) => t.TaskId === taskId) ? 1 : 0);
  const count = `${others} other task${others === 1 ? '' : 's'}`;
  return total > all.length ? `${count}; the newest ${all.length} are listed` : count;
}

const newestOnEntity = (entity: string) => ({
  EntityName: entity,
  OrderField: 'gmtCreate',
  Direction: 'desc',
  PageNumber: '1',
  PageSize: String(RELATED_PAGE),
});

const FIXED_TASK_IDS = new Set<string>([
  ...Object.values(HOSTILE_TASK_IDS),
  ...Object.values(TRIAGE_TASK_IDS),
]);

/** A regular task in progress with an entity and a scene: live mode settles it (the hostile and triage records never change). */
async function regularTaskInProgress(api: ApiClient): Promise<Task & { TaskId: string; EntityName: string }> {
  const inProgress = await describeTasks(api, { TaskStatus: '["11"]', PageNumber: '1', PageSize: '100' });
  const task = inProgress.ProcessTasks.find(
    (t: Task) => t.TaskId && !FIXED_TASK_IDS.has(t.TaskId) && t.EntityName && t.SceneName,
  );
  expect(task, 'a regular task in progress').toBeTruthy();
  return task as Task & { TaskId: string; EntityName: string };
}

/** Live mode until the API says task `id` has settled; then off, so the figures hold still. Returns the settled task. */
async function settleUpstream(api: ApiClient, emulator: EmulatorAdmin, id: string): Promise<Task> {
  const byId = async () =>
    (await describeTasks(api, { TaskId: id, PageNumber: '1', PageSize: '10' })).ProcessTasks[0];
  await emulator.setLive(true);
  await expect.poll(async () => (await byId())?.TaskStatus, { timeout: 60_000 }).not.toBe(11);
  await emulator.setLive(false);
  return (await byId())!;
}

/** The drawer lists the entity's other tasks as the API's newest page on it has them (`related`), in order. */
async function expectRelatedTasks(drawer: Locator, related: DescribeProcessTasksResponse, taskId: string) {
  await expect
    .poll(() =>
      drawer
        .getByTestId('entity-related')
        .locator('li[data-task-id]')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-task-id'))),
    )
    .toEqual(related.ProcessTasks.map((t) => t.TaskId).filter((x) => x !== taskId));
}

/** Marks the drawer's place (scroll, focus on the TaskId copy button, a selection in `selectIn`). */
async function markAnalystPlace(page: Page, selectIn: string) {
  const body = page.locator('.rtc-drawer .ant-drawer-body');
  await body.evaluate((el) => (el.scrollTop = 120));
  await page.getByRole('dialog').getByTestId('drawer-TaskId').getByRole('button').focus();
  await page.evaluate(() => {
    const w = window as unknown as { __focused: Element; __body: Element };
    w.__focused = document.activeElement!;
    w.__body = document.querySelector('.rtc-drawer .rtc-drawer-body')!;
  });
  await selectTextStart(page.getByRole('dialog').getByTestId(selectIn));
  expect(await body.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
}

/** Whether the drawer is as the analyst left it: same content element, focus, selection, place in view. */
async function analystPlaceKept(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as {
      __focused: Element;
      __selected: string;
      __selNode: Node;
      __body: Element;
    };
    const sel = window.getSelection();
    const body = document.querySelector('.rtc-drawer .ant-drawer-body')!;
    const view = body.getBoundingClientRect();
    const place = w.__focused.getBoundingClientRect();
    return {
      sameContent:
        document.querySelector('.rtc-drawer .rtc-drawer-body') === w.__body && w.__body.isConnected,
      focus: document.activeElement === w.__focused,
      selection: sel?.toString() === w.__selected && sel.anchorNode === w.__selNode,
      scroll: body.scrollTop > 0 && place.top >= view.top && place.bottom <= view.bottom,
    };
  });
}

test.describe('auto-refresh and the open drawer', () => {
  test('the drawer refreshes in the list’s tick (background priority): its task and the other tasks on its entity match the API; scroll, focus and selection stay', async ({
    page,
    api,
    emulator,
  }) => {
    test.setTimeout(240_000);
    const task = await regularTaskInProgress(api);
    const id = task.TaskId;

    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await chooseAutoRefresh(page, 'Every 15 s');
    await page.goto(`/tasks/${id}`);
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(id);
    await expect(drawer.getByTestId('drawer-TaskStatus')).toContainText('(11)');
    await expect(drawer.getByTestId('entity-related-count')).toHaveText(
      othersText(await describeTasks(api, newestOnEntity(task.EntityName)), id),
    );

    // Every request for this task's detail from now on, with its priority header.
    const detailCalls: Request[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/DescribeProcessTasks' && url.searchParams.get('TaskId') === id)
        detailCalls.push(r);
    });

    // The drawer scrolled, its TaskId copy button focused, a selection in the scene's text.
    await markAnalystPlace(page, 'drawer-SceneName');

    // Live mode until the API says the task has settled; then off, so the figures hold still.
    const settled = await settleUpstream(api, emulator, id);

    // The next tick shows the settled task and the entity's other tasks as the API has them.
    await expect(drawer.getByTestId('drawer-TaskStatus')).toContainText(`(${settled.TaskStatus})`, {
      timeout: 2 * NEXT_REFRESH_MS,
    });
    await expect(drawer.getByTestId('entity-related-count')).toHaveText(
      othersText(await describeTasks(api, newestOnEntity(task.EntityName)), id),
      { timeout: NEXT_REFRESH_MS },
    );
    const related = await describeTasks(api, newestOnEntity(task.EntityName));
    await expectRelatedTasks(drawer, related, id);

    // Fetched by the tick with priority 'background'; the drawer stayed as the analyst left it.
    expect(detailCalls.length).toBeGreaterThan(0);
    for (const r of detailCalls) expect((await r.allHeaders())['x-rtc-priority']).toBe('background');
    expect(page.url()).toContain(`/tasks/${id}`);
    // Not back at the top, and the analyst's place (the focused button) still in view: the
    // browser's scroll anchoring may move scrollTop by what changed above it, on purpose.
    expect(await analystPlaceKept(page)).toEqual({
      sameContent: true,
      focus: true,
      selection: true,
      scroll: true,
    });
  });
});

test.describe('the open drawer follows the screen', () => {
  test('"so far" durations move with the screen’s clock (useNow), in place (no remount: scroll, focus and selection stay)', async ({
    page,
    api,
  }) => {
    // Tasks whose block is in force (blocked, no RemoveTime): their time blocked counts up to now.
    const blocked = await describeTasks(api, { TaskStatus: '["21"]', PageNumber: '1', PageSize: '20' });
    expect(blocked.ProcessTasks.length).toBeGreaterThan(0);
    await page.addInitScript(() =>
      localStorage.setItem('rtc.process-tasks.columns.v1', JSON.stringify({ TimeBlocked: true })),
    );
    await page.clock.install();
    await page.goto('/?TaskStatus=21');
    await expect(rows(page)).toHaveCount(blocked.ProcessTasks.length);
    const ongoing = page.locator('td[data-column-id="TimeBlocked"] [data-ongoing]');
    const row = rows(page).filter({ has: ongoing }).first();
    await expect(row).toBeVisible();
    const id = (await row.getAttribute('data-task-id'))!;
    await row.click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(id);
    const drawerBlocked = drawer.getByTestId('drawer-TimeBlocked').locator('[data-ms]');
    await expect(drawerBlocked).toHaveAttribute('data-ongoing', 'true');
    await expect(drawer.getByTestId('entity-related')).toBeVisible();
    const drawerMs = async () => Number(await drawerBlocked.getAttribute('data-ms'));
    const opened = await drawerMs();
    await markAnalystPlace(page, 'drawer-SceneName');

    // 95 s pass: the screen's clock (lib/use-now.ts, every 30 s) has ticked at least 65 s
    // after the drawer's first reading, so its time blocked counts up by a minute or more
    // (the server clock's estimate may move it back a few hundred ms), re-rendered in place.
    await page.clock.runFor(95_000);
    await expect.poll(drawerMs).toBeGreaterThanOrEqual(opened + 60_000);
    expect(await analystPlaceKept(page)).toEqual({
      sameContent: true,
      focus: true,
      selection: true,
      scroll: true,
    });
  });

  test('Refresh refreshes the open drawer too: once per click, with the analyst’s priority (not background); the drawer stays in place', async ({
    page,
    api,
    emulator,
  }) => {
    test.setTimeout(180_000);
    const task = await regularTaskInProgress(api);
    const id = task.TaskId;

    // Auto-refresh is off (the default): only the button refreshes.
    await page.goto(`/tasks/${id}`);
    await expect(page.getByTestId('auto-refresh')).toHaveText('Off');
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskStatus')).toContainText('(11)');
    await expect(drawer.getByTestId('entity-related-count')).toHaveText(
      othersText(await describeTasks(api, newestOnEntity(task.EntityName)), id),
    );
    await markAnalystPlace(page, 'drawer-SceneName');

    // The task settles upstream.
    const settled = await settleUpstream(api, emulator, id);
    const related = await describeTasks(api, newestOnEntity(task.EntityName));
    // Nothing refreshed the drawer yet.
    await expect(drawer.getByTestId('drawer-TaskStatus')).toContainText('(11)');

    const detailCalls: Request[] = [];
    const relatedCalls: Request[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname !== '/api/DescribeProcessTasks') return;
      if (url.searchParams.get('TaskId') === id) detailCalls.push(r);
      else if (url.searchParams.get('EntityName') === task.EntityName) relatedCalls.push(r);
    });
    // The drawer covers the toolbar's Refresh (and its mask the rest): the drawer has the same button.
    await expect(page.getByTestId('refresh')).toBeVisible();
    await drawer.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(drawer.getByTestId('drawer-TaskStatus')).toContainText(`(${settled.TaskStatus})`);
    await expect(drawer.getByTestId('entity-related-count')).toHaveText(othersText(related, id));
    await expectRelatedTasks(drawer, related, id);
    expect(detailCalls).toHaveLength(1);
    expect(relatedCalls).toHaveLength(1);
    for (const r of [...detailCalls, ...relatedCalls])
      expect((await r.allHeaders())['x-rtc-priority']).toBeUndefined();
    // Same content element, scrolled where the analyst left it (the click moved focus to the button).
    const kept = await analystPlaceKept(page);
    expect({ sameContent: kept.sameContent, scroll: kept.scroll }).toEqual({
      sameContent: true,
      scroll: true,
    });
  });
});

test.describe('a refresh of the open drawer that fails', () => {
  test.use({ allowedConsoleErrors: [/status of 503/] });

  test('the drawer says so, keeps the task it shows, and Retry brings it back', async ({ page, api }) => {
    // A task not on the list's first page: the drawer fetched it by its Task ID.
    const id = (await describeTasks(api, { PageNumber: '3', PageSize: '20' })).ProcessTasks[0]!.TaskId!;
    await page.goto(`/tasks/${id}`);
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toContainText(id);
    const notOnPage = drawer.getByText('This task is not on the current page of the list', { exact: false });
    await expect(notOnPage).toBeVisible();
    let failing = true;
    await page.route(/\/api\/DescribeProcessTasks\?/, (route) =>
      failing && new URL(route.request().url()).searchParams.get('TaskId') === id
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ RequestId: 'E2E-503', Code: 'ServiceUnavailable', Message: 'Try later.' }),
          })
        : route.continue(),
    );
    await drawer.getByRole('button', { name: 'Refresh', exact: true }).click();
    const error = drawer.getByTestId('error-state');
    await expect(error).toContainText('The task could not be refreshed');
    await expect(error.getByTestId('error-code')).toHaveText('ServiceUnavailable');
    // What it showed stays, with the line saying where it came from.
    await expect(drawer.getByTestId('drawer-TaskId')).toContainText(id);
    await expect(notOnPage).toBeVisible();
    failing = false;
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(error).toHaveCount(0);
    await expect(drawer.getByTestId('drawer-TaskId')).toContainText(id);
  });
});
