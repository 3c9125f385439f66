/**
 * Live updates that keep the analyst's place (issue 12), against the emulator in live mode
 * (a tick every 3 s: 0–3 new tasks, in-progress tasks settle). Auto-refresh at 15 s: new
 * tasks wait behind "N new tasks: show" on page 1 newest first, nothing moves under the
 * cursor, the drawer, focus and text selection stay, a changed row updates in place; a
 * hidden tab makes no call; the choice is remembered; ages follow the server's clock.
 * Every expected figure is read from the API or from the answers the page received.
 */
import type { Page, Request, Response } from '@playwright/test';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime.js';
import type { DescribeProcessTasksResponse } from '../src/shared/sophonsoar';
import { test, expect } from './fixtures';
import { chooseAutoRefresh, describe as describeTasks, rows, selectTextStart } from './helpers';

/** One auto-refresh period as chosen in these tests, plus the time an answer may take under load. */
const PERIOD_MS = 15_000;
const NEXT_REFRESH_MS = PERIOD_MS + 15_000;
dayjs.extend(relativeTime);

const PAGE_1 = { PageNumber: '1', PageSize: '20', OrderField: 'gmtCreate', Direction: 'desc' };

type Task = DescribeProcessTasksResponse['ProcessTasks'][number];

const isPage = (n: number) => (r: Request) => {
  const url = new URL(r.url());
  return (
    url.pathname === '/api/DescribeProcessTasks' &&
    url.searchParams.get('PageNumber') === String(n) &&
    url.searchParams.get('PageSize') === '20'
  );
};
const isPage1 = isPage(1);

/** The next page-1 answer the page receives for a request made from now on. */
async function nextPage1Answer(page: Page, timeout = NEXT_REFRESH_MS): Promise<DescribeProcessTasksResponse> {
  const request = await page.waitForRequest(isPage1, { timeout });
  const response = await request.response();
  expect(response?.status()).toBe(200);
  return (await response!.json()) as DescribeProcessTasksResponse;
}

/** Records the body of every page-1 answer, in the order they arrive. */
function page1Answers(page: Page): DescribeProcessTasksResponse[] {
  const seen: DescribeProcessTasksResponse[] = [];
  page.on('response', (r: Response) => {
    if (!isPage1(r.request()) || r.status() !== 200) return;
    void r
      .json()
      .then((b) => seen.push(b as DescribeProcessTasksResponse))
      .catch(() => undefined);
  });
  return seen;
}

const shownIds = (page: Page) =>
  rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id') ?? ''));
const boxes = (page: Page) =>
  rows(page).evaluateAll((trs) =>
    trs.map((tr) => {
      const r = tr.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map(Math.round);
    }),
  );

/** The row elements, the focused element and the selection are those marked before (no remount). */
const placeKept = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as {
      __rows: Element[];
      __focused: Element;
      __selected: string;
      __selNode: Node;
    };
    const now = [...document.querySelectorAll('tbody tr.rtc-row')];
    const sel = window.getSelection();
    return {
      sameElements: now.length === w.__rows.length && now.every((el, i) => el === w.__rows[i]),
      focusKept: document.activeElement === w.__focused,
      selectionKept: sel?.toString() === w.__selected && sel.anchorNode === w.__selNode,
      debug: { selected: sel?.toString(), anchorConnected: sel?.anchorNode?.isConnected },
    };
  });

async function expectPlaceKept(page: Page) {
  const kept = await placeKept(page);
  expect(kept, JSON.stringify(kept.debug)).toMatchObject({
    sameElements: true,
    focusKept: true,
    selectionKept: true,
  });
}

test.describe('live updates', () => {
  test('new tasks wait behind the banner; rows, focus, selection and drawer stay; "show"; a changed row updates in place', async ({
    page,
    api,
    emulator,
  }) => {
    test.setTimeout(240_000);
    const answers = page1Answers(page);
    await page.goto('/');
    await expect(rows(page)).toHaveCount(20);
    await chooseAutoRefresh(page, 'Every 15 s');
    const first = answers.at(-1)!;
    const ids = await shownIds(page);
    expect(ids).toEqual(first.ProcessTasks.map((t) => t.TaskId));
    const top = first.ProcessTasks[0]!;
    const before = await boxes(page);

    // Focus on the third row, a selection in the fifth (its action's text), the elements marked.
    await rows(page).nth(2).focus();
    await page.evaluate(() => {
      const w = window as unknown as { __rows: Element[]; __focused: Element };
      w.__rows = [...document.querySelectorAll('tbody tr.rtc-row')];
      w.__focused = document.activeElement!;
    });
    await selectTextStart(rows(page).nth(4).locator('td[data-column-id="SceneName"]'));

    await emulator.setLive(true);
    const banner = page.getByTestId('new-tasks-banner');
    await expect(banner).toBeVisible({ timeout: NEXT_REFRESH_MS });
    // Nothing moved: same tasks, same boxes, same elements, focus and selection kept.
    expect(await shownIds(page)).toEqual(ids);
    expect(await boxes(page)).toEqual(before);
    await expectPlaceKept(page);

    // The count equals the API's: with live mode off the tasks stop moving, and the next
    // refresh sees them as the API answers.
    await emulator.setLive(false);
    const settled = await nextPage1Answer(page);
    const now = await describeTasks(api, { ...PAGE_1, PageSize: '100' });
    expect(now.ProcessTasks.slice(0, 20).map((t) => t.TaskId)).toEqual(
      settled.ProcessTasks.map((t) => t.TaskId),
    );
    const expected = now.ProcessTasks.filter(
      (t) => !ids.includes(t.TaskId) && (t.GmtCreateMillis ?? 0) > (top.GmtCreateMillis ?? 0),
    ).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(20);
    await expect(banner).toHaveAttribute('data-count', String(expected));
    await expect(banner).toHaveText(`${expected} new task${expected === 1 ? '' : 's'}: show`);
    expect(await shownIds(page)).toEqual(ids);
    expect(await boxes(page)).toEqual(before);
    await expectPlaceKept(page);

    // The drawer of the fourth task stays open across a refresh, over the same rows.
    await rows(page).nth(3).locator('td[data-column-id="YunCode"]').click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(ids[3]!);
    const url = page.url();
    await emulator.setLive(true);
    await nextPage1Answer(page);
    await nextPage1Answer(page);
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(ids[3]!);
    expect(page.url()).toBe(url);
    expect(await shownIds(page)).toEqual(ids);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(rows(page).nth(3)).toBeFocused();

    // "show": the last answer's rows, the newest task focused, the banner gone. Live mode
    // off first, and one more refresh, so no answer with newer tasks races the click; off
    // when the API's page 1 has a task in progress (one that just arrived), which will
    // settle once live mode is back on.
    await expect
      .poll(async () => (await describeTasks(api, PAGE_1)).ProcessTasks.some((t) => t.TaskStatus === 11))
      .toBe(true);
    await emulator.setLive(false);
    await nextPage1Answer(page);
    await expect(banner).toBeVisible();
    const latest = answers.at(-1)!;
    const countBefore = answers.length;
    await banner.click();
    await expect(banner).toBeHidden();
    expect(answers.length).toBe(countBefore); // "show" shows what was fetched; it asks for nothing
    const shown = latest.ProcessTasks.map((t) => t.TaskId);
    await expect.poll(() => shownIds(page)).toEqual(shown);
    await expect(rows(page).first()).toBeFocused();

    // A task on screen whose status changes is updated in place, highlighted; nothing moves.
    const statusOf = new Map<string, number | undefined>(
      latest.ProcessTasks.map((t) => [t.TaskId, t.TaskStatus]),
    );
    const inProgress = latest.ProcessTasks.filter((t: Task) => t.TaskStatus === 11).length;
    expect(inProgress, 'tasks in progress on screen (they settle on the next ticks)').toBeGreaterThan(0);
    await emulator.setLive(true);
    const changed = page.locator('tbody tr.rtc-row.rtc-row-changed');
    await expect(changed.first()).toBeAttached({ timeout: 2 * NEXT_REFRESH_MS });
    const fresh = answers.at(-1)!;
    const freshStatus = new Map(fresh.ProcessTasks.map((t) => [t.TaskId, t.TaskStatus]));
    const changedIds = await changed.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id')!));
    for (const id of changedIds) {
      expect(freshStatus.get(id), `${id} is on the fresh page`).toBeDefined();
      const cell = rows(page)
        .and(page.locator(`[data-task-id="${id}"]`))
        .locator('td[data-column-id="TaskStatus"]');
      await expect(cell).toContainText(`(${freshStatus.get(id)})`);
    }
    expect(changedIds.some((id) => freshStatus.get(id) !== statusOf.get(id))).toBe(true);
    expect(await shownIds(page)).toEqual(shown);
    await emulator.setLive(false);
  });

  test('a hidden tab makes no call and refreshes at once when it is shown again', async ({
    page,
    emulator,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await chooseAutoRefresh(page, 'Every 15 s');
    await emulator.setLive(true);
    const calls: Request[] = [];
    page.on('request', (r) => {
      if (isPage1(r)) calls.push(r);
    });
    const setVisibility = (state: 'hidden' | 'visible') =>
      page.evaluate((s) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    const hiddenAt = Date.now();
    // More than one period passes hidden: no list call at all.
    await page.waitForTimeout(PERIOD_MS + 3_000);
    expect(calls).toEqual([]);
    expect(Date.now() - hiddenAt).toBeGreaterThan(PERIOD_MS);
    // Shown again: a refresh fell due while hidden, so it happens now, not a period later.
    const shownAt = Date.now();
    const next = page.waitForRequest(isPage1);
    await setVisibility('visible');
    await next;
    expect(Date.now() - shownAt).toBeLessThan(PERIOD_MS);
    await emulator.setLive(false);
  });

  test('off page 1: each refresh shows the fresh page in place, with no banner', async ({
    page,
    emulator,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/?PageNumber=2');
    await expect(rows(page)).toHaveCount(20);
    await chooseAutoRefresh(page, 'Every 15 s');
    const before = await shownIds(page);
    await emulator.setLive(true);
    // New tasks push page 1's last rows onto page 2: the refresh shows them at once.
    const request = await page.waitForRequest(isPage(2), { timeout: NEXT_REFRESH_MS });
    const body = (await (await request.response())!.json()) as DescribeProcessTasksResponse;
    await emulator.setLive(false);
    const fresh = body.ProcessTasks.map((t) => t.TaskId);
    expect(fresh).not.toEqual(before);
    await expect.poll(() => shownIds(page)).toEqual(fresh);
    await expect(page.getByTestId('live-bar')).toBeVisible();
    await expect(page.getByTestId('new-tasks-banner')).toHaveCount(0);
  });

  test('the choice is remembered across a reload; off leaves no banner line', async ({ page }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByTestId('auto-refresh')).toHaveText('Off');
    await expect(page.getByRole('combobox', { name: 'Auto-refresh' })).toBeVisible();
    await chooseAutoRefresh(page, 'Every 5 min');
    await page.reload();
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByTestId('auto-refresh')).toHaveText('5 min');
    await chooseAutoRefresh(page, 'Every minute');
    await page.reload();
    await expect(page.getByTestId('auto-refresh')).toHaveText('1 min');
    await chooseAutoRefresh(page, 'Auto-refresh off');
    await page.reload();
    await expect(page.getByTestId('auto-refresh')).toHaveText('Off');
    await expect(page.getByTestId('live-bar')).toHaveCount(0);
  });
});

test.describe('ages against the server clock', () => {
  test('ages move on with the screen’s clock, without a new answer', async ({ page, api }) => {
    await page.clock.install();
    await page.goto('/');
    const first = rows(page).first();
    await expect(first).toBeVisible();
    const id = await first.getAttribute('data-task-id');
    const task = (await describeTasks(api, PAGE_1)).ProcessTasks.find((t) => t.TaskId === id)!;
    const age = first.locator('td[data-column-id="ProcessTime"] .rtc-age');
    await expect(age).toHaveText(dayjs(task.ProcessTime).from(await page.evaluate(() => Date.now())));
    // What loads after the first rows (the next page's prefetch among it) is done first: an
    // answer after the jump would correct the page's clock to the server's (lib/server-clock.ts).
    await page.clock.runFor(5_000);
    await page.waitForLoadState('networkidle');
    // The page on screen is not asked again (the next page's prefetch and the summary strip's
    // counts, PageSize 1, may run meanwhile).
    const lists: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      const q = url.searchParams;
      if (
        url.pathname === '/api/DescribeProcessTasks' &&
        q.get('PageNumber') === '1' &&
        q.get('PageSize') === '20'
      )
        lists.push(url.search);
    });
    // Forty days on, then one tick of the screen's clock (every 30 s): the ages read from it.
    const later = (await page.evaluate(() => Date.now())) + 40 * 86_400_000;
    await page.clock.setSystemTime(later);
    await page.clock.runFor(31_000);
    const expected = dayjs(task.ProcessTime).from(later);
    expect(expected).not.toBe(dayjs(task.ProcessTime).from(later - 40 * 86_400_000));
    await expect(age).toHaveText(expected);
    expect(lists, 'no new list request (auto-refresh is off)').toEqual([]);
  });

  for (const { name, skewMs } of [
    { name: '10 minutes behind', skewMs: -10 * 60_000 },
    { name: '10 minutes ahead', skewMs: 10 * 60_000 },
    // Behind by more than the age of any task on page 1: the clamp alone would read them all "a few seconds ago".
    { name: '2 days behind', skewMs: -2 * 86_400_000 },
  ]) {
    test(`with the browser clock ${name}, a task processed seconds ago reads "a few seconds ago"`, async ({
      page,
      api,
      emulator,
    }) => {
      // Live mode: tasks arrive with ProcessTime = the server's now.
      await emulator.setLive(true);
      const start = (await describeTasks(api, PAGE_1)).ProcessTasks[0]!.TaskId;
      await expect
        .poll(async () => (await describeTasks(api, PAGE_1)).ProcessTasks[0]!.TaskId, { timeout: 20_000 })
        .not.toBe(start);
      await emulator.setLive(false);
      const page1 = (await describeTasks(api, PAGE_1)).ProcessTasks;
      const newest = page1[0]!;
      await page.clock.install({ time: Date.now() + skewMs });
      await page.goto('/');
      await expect(rows(page).first()).toHaveAttribute('data-task-id', newest.TaskId);
      expect(Math.abs((await page.evaluate(() => Date.now())) - skewMs - Date.now())).toBeLessThan(5_000);
      const age = (row: number) => rows(page).nth(row).locator('td[data-column-id="ProcessTime"] .rtc-age');
      await expect(age(0)).toHaveText('a few seconds ago');
      // An older task on the page reads its age against the server's clock too (the
      // runner's clock is the server's: same machine). The page renders its ages with a
      // "now" up to 30 s old, so the age at either end of that span is right.
      const oldest = page1.at(-1)!;
      expect(Date.now() - oldest.ProcessTime!).toBeGreaterThan(60_000);
      const text = await age(page1.length - 1).textContent();
      const t = Date.now();
      expect([dayjs(oldest.ProcessTime).from(t), dayjs(oldest.ProcessTime).from(t - 31_000)]).toContain(text);
    });
  }
});
