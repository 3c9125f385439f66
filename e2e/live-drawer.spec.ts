/**
 * Auto-refresh and the open drawer, against the emulator in live mode (a tick every 3 s:
 * tasks in progress settle, new tasks arrive). The drawer's own queries (the task, the
 * other tasks on its entity and of its event) refresh in the list's tick, with priority
 * 'background', and the drawer keeps its scroll, focus and text selection. Every expected
 * value is read from the API once live mode is off again.
 */
import type { Request } from '@playwright/test';
import { HOSTILE_TASK_IDS, TRIAGE_TASK_IDS } from '../src/server/emulator/index';
import type { DescribeProcessTasksResponse } from '../src/shared/sophonsoar';
import { test, expect } from './fixtures';
import { chooseAutoRefresh, describe as describeTasks, rows } from './helpers';

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

test.describe('auto-refresh and the open drawer', () => {
  test('the drawer refreshes in the list’s tick (background priority): its task and the other tasks on its entity match the API; scroll, focus and selection stay', async ({
    page,
    api,
    emulator,
  }) => {
    test.setTimeout(240_000);
    // A regular task in progress: live mode settles it (the hostile and triage records never change).
    const fixed = new Set<string>([...Object.values(HOSTILE_TASK_IDS), ...Object.values(TRIAGE_TASK_IDS)]);
    const inProgress = await describeTasks(api, { TaskStatus: '["11"]', PageNumber: '1', PageSize: '100' });
    const task = inProgress.ProcessTasks.find(
      (t: Task) => t.TaskId && !fixed.has(t.TaskId) && t.EntityName && t.SceneName,
    );
    expect(task, 'a regular task in progress').toBeTruthy();
    const id = task!.TaskId!;

    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await chooseAutoRefresh(page, 'Every 15 s');
    await page.goto(`/tasks/${id}`);
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(id);
    await expect(drawer.getByTestId('drawer-TaskStatus')).toContainText('(11)');
    await expect(drawer.getByTestId('entity-related-count')).toHaveText(
      othersText(await describeTasks(api, newestOnEntity(task!.EntityName!)), id),
    );

    // Every request for this task's detail from now on, with its priority header.
    const detailCalls: Request[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/DescribeProcessTasks' && url.searchParams.get('TaskId') === id)
        detailCalls.push(r);
    });

    // The drawer scrolled, its TaskId copy button focused, a selection in the scene's text.
    const body = page.locator('.rtc-drawer .ant-drawer-body');
    await body.evaluate((el) => (el.scrollTop = 120));
    await drawer.getByTestId('drawer-TaskId').getByRole('button').focus();
    await page.evaluate(() => {
      const w = window as unknown as {
        __focused: Element;
        __selected: string;
        __selNode: Node;
      };
      w.__focused = document.activeElement!;
      const dd = document.querySelector('[data-testid="drawer-SceneName"]')!;
      const text = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT).nextNode()!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, Math.min(4, text.textContent!.length));
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      w.__selected = window.getSelection()!.toString();
      w.__selNode = text;
    });
    expect(await body.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

    // Live mode until the API says the task has settled; then off, so the figures hold still.
    await emulator.setLive(true);
    await expect
      .poll(
        async () =>
          (await describeTasks(api, { TaskId: id, PageNumber: '1', PageSize: '10' })).ProcessTasks[0]
            ?.TaskStatus,
        { timeout: 60_000 },
      )
      .not.toBe(11);
    await emulator.setLive(false);
    const settled = (await describeTasks(api, { TaskId: id, PageNumber: '1', PageSize: '10' }))
      .ProcessTasks[0]!;

    // The next tick shows the settled task and the entity's other tasks as the API has them.
    await expect(drawer.getByTestId('drawer-TaskStatus')).toContainText(`(${settled.TaskStatus})`, {
      timeout: 2 * NEXT_REFRESH_MS,
    });
    await expect(drawer.getByTestId('entity-related-count')).toHaveText(
      othersText(await describeTasks(api, newestOnEntity(task!.EntityName!)), id),
      { timeout: NEXT_REFRESH_MS },
    );
    const related = await describeTasks(api, newestOnEntity(task!.EntityName!));
    await expect
      .poll(() =>
        drawer
          .getByTestId('entity-related')
          .locator('li[data-task-id]')
          .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-task-id'))),
      )
      .toEqual(related.ProcessTasks.map((t) => t.TaskId).filter((x) => x !== id));

    // Fetched by the tick with priority 'background'; the drawer stayed as the analyst left it.
    expect(detailCalls.length).toBeGreaterThan(0);
    for (const r of detailCalls) expect((await r.allHeaders())['x-rtc-priority']).toBe('background');
    expect(page.url()).toContain(`/tasks/${id}`);
    const kept = await page.evaluate(() => {
      const w = window as unknown as {
        __focused: Element;
        __selected: string;
        __selNode: Node;
      };
      const sel = window.getSelection();
      return {
        focus: document.activeElement === w.__focused,
        selection: sel?.toString() === w.__selected && sel.anchorNode === w.__selNode,
        // Not back at the top, and the analyst's place (the focused button) still in view: the
        // browser's scroll anchoring may move scrollTop by what changed above it, on purpose.
        scroll: (() => {
          const body = document.querySelector('.rtc-drawer .ant-drawer-body')!;
          const view = body.getBoundingClientRect();
          const place = w.__focused.getBoundingClientRect();
          return body.scrollTop > 0 && place.top >= view.top && place.bottom <= view.bottom;
        })(),
      };
    });
    expect(kept).toEqual({ focus: true, selection: true, scroll: true });
  });
});
