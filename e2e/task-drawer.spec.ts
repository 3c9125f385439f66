import type { ProcessTask } from '../src/shared/sophonsoar';
import { test, expect } from './fixtures';
import { describe, rows } from './helpers';

test.describe('task drawer', () => {
  test('opens on row click with every field, InputParams and the error of a failed task', async ({
    page,
    api,
  }) => {
    const list = await describe(api, { TaskStatus: '["90"]', PageSize: '20' });
    const task = list.ProcessTasks.find((t) => t.ErrCode && t.InputParams?.startsWith('{')) as ProcessTask;
    expect(task, 'a failed task with JSON InputParams').toBeTruthy();

    await page.goto('/?TaskStatus=90');
    await page.locator(`tbody tr[data-task-id="${task.TaskId}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${task.TaskId}\\?TaskStatus=90$`));

    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(task.TaskId);
    const error = drawer.getByTestId('drawer-error');
    await expect(error).toContainText('Failed (90)');
    await expect(drawer.getByTestId('drawer-ErrCode')).toHaveText(task.ErrCode!);
    await expect(drawer.getByTestId('drawer-ErrMsg')).toHaveText(task.ErrMsg!);
    await expect(drawer.getByTestId('drawer-ErrTip')).toHaveText(task.ErrTip ?? '—');
    for (const f of [
      'EventUuid',
      'EntityUuid',
      'ReqUuid',
      'ProcessStrategyUuid',
      'Scope',
      'Creator',
    ] as const) {
      await expect(drawer.getByTestId(`drawer-${f}`)).toHaveText(task[f] ?? '—');
    }
    // Times: ms, local and UTC.
    const created = drawer.getByTestId('drawer-GmtCreateMillis');
    await expect(created).toContainText(String(task.GmtCreateMillis));
    await expect(created).toContainText(
      `${new Date(task.GmtCreateMillis!).toISOString().slice(0, 19).replace('T', ' ')} UTC`,
    );

    // InputParams: a JSON tree with its keys, and the raw string exactly as received.
    const input = drawer.getByTestId('drawer-InputParams');
    const parsed = JSON.parse(task.InputParams!) as Record<string, unknown>;
    const tree = input.getByTestId('json-tree');
    for (const key of Object.keys(parsed)) await expect(tree).toContainText(`${key}:`);
    await input.getByText('Raw value').click();
    await expect(input.getByTestId('json-raw')).toHaveText(task.InputParams!);
    await input.getByText('Formatted text').click();
    await expect(input.getByTestId('json-pretty')).toHaveText(JSON.stringify(parsed, null, 2));

    // Escape closes and keeps the list's filters.
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/\/\?TaskStatus=90$/);
    await expect(drawer).toBeHidden();
  });

  test('/tasks/<TaskId> opens a task that is not on the current page', async ({ page, api }) => {
    const far = await describe(api, { PageNumber: '60', PageSize: '20' });
    const task = far.ProcessTasks[7]!;
    await page.goto(`/tasks/${encodeURIComponent(task.TaskId)}`);
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(task.TaskId);
    await expect(drawer.getByTestId('drawer-EntityName')).toHaveText(task.EntityName ?? '—');
    await expect(drawer).toContainText('not on the current page');
    await expect(rows(page).first()).toBeVisible();
    await drawer.getByRole('button', { name: 'Close' }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('a deep-linked task is asked for at once, not after the list or the drawer code', async ({
    page,
    api,
    emulator,
  }) => {
    const far = await describe(api, { PageNumber: '40', PageSize: '20' });
    const task = far.ProcessTasks[3]!;
    const sent: { detail: boolean; at: number }[] = [];
    const answered: { detail: boolean; at: number }[] = [];
    const isDetail = (url: string) => new URL(url).searchParams.has('TaskId');
    page.on('request', (r) => {
      if (r.url().includes('/api/DescribeProcessTasks'))
        sent.push({ detail: isDetail(r.url()), at: Date.now() });
    });
    page.on('response', (r) => {
      if (r.url().includes('/api/DescribeProcessTasks'))
        answered.push({ detail: isDetail(r.url()), at: Date.now() });
    });
    // Every answer takes 1.5 s, and the drawer's code 2 s (a slow network): a task request
    // that waits for either starts after the list has answered.
    await emulator.setFaults({ latencyMs: 1500 });
    await page.route(/\/assets\/task-drawer-[^/]*\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 2000));
      await route.continue();
    });
    await page.goto(`/tasks/${encodeURIComponent(task.TaskId)}`);
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(task.TaskId);
    await expect(rows(page).first()).toBeVisible();
    const detailSent = sent.find((r) => r.detail)?.at;
    const firstListAnswer = answered.find((r) => !r.detail)?.at;
    expect(detailSent).toBeDefined();
    expect(firstListAnswer).toBeDefined();
    expect(detailSent!).toBeLessThan(firstListAnswer!);
    // One request for the task, not one from the host and another from the drawer.
    expect(sent.filter((r) => r.detail)).toHaveLength(1);
  });

  test('an unknown TaskId says so in the drawer', async ({ page }) => {
    await page.goto('/tasks/no-such-task-id');
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('error-code')).toHaveText('TaskNotFound');
    await expect(drawer.getByTestId('error-message')).toContainText('no-such-task-id');
  });

  test('reload and back/forward restore the view and the open task', async ({ page, api }) => {
    const href =
      '/?TaskStatus=90,91&YunCode=WAF,CFW&OrderField=processTime&Direction=asc&PageNumber=2&PageSize=10';
    const expected = await describe(api, {
      TaskStatus: '["90","91"]',
      YunCode: '["WAF","CFW"]',
      OrderField: 'processTime',
      Direction: 'asc',
      PageNumber: '2',
      PageSize: '10',
    });
    const ids = expected.ProcessTasks.map((t) => t.TaskId);
    const check = async () => {
      await expect
        .poll(() => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id'))))
        .toEqual(ids);
      await expect(page.locator('th[data-column-id="ProcessTime"]')).toHaveAttribute(
        'aria-sort',
        'ascending',
      );
      await expect(page.getByTestId('chip-TaskStatus')).toContainText('Failed (90), Unblock failed (91)');
      await expect(page.getByTestId('chip-YunCode')).toContainText(
        'Web Application Firewall (WAF), Cloud Firewall (CFW)',
      );
      await expect(page.locator('.rtc-pagination .ant-pagination-item-active')).toHaveText('2');
    };
    await page.goto(href);
    await check();
    await page.reload();
    await check();

    await rows(page).nth(3).click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${ids[3]}\\?TaskStatus=90,91`));
    await page.reload();
    await expect(page.getByRole('dialog').getByTestId('drawer-TaskId')).toHaveText(ids[3]!);
    await check();
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[?]/g, '\\?')}$`));
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.goForward();
    await expect(page.getByRole('dialog').getByTestId('drawer-TaskId')).toHaveText(ids[3]!);
  });

  test('a malformed link is cleaned with a visible notice, never a blank page', async ({ page }) => {
    await page.goto('/?TaskStatus=90,ninety&Foo=1&PageSize=37&ProcessActionStart=yesterday&YunCode=WAF');
    const notices = page.getByTestId('url-notices');
    await expect(notices).toBeVisible();
    await expect(notices).toContainText('Foo is not a parameter');
    await expect(notices).toContainText('TaskStatus: the value “ninety” is not a known value');
    await expect(notices).toContainText('PageSize: the value “37”');
    await expect(notices).toContainText('ProcessActionStart: the value “yesterday” is malformed');
    await expect(page).toHaveURL(/\/\?TaskStatus=90&YunCode=WAF$/);
    await expect(rows(page).first()).toBeVisible();
  });

  test('an undocumented status code in a link is kept and filters like any other', async ({ page, api }) => {
    await page.goto('/?TaskStatus=25');
    await expect(page.getByTestId('url-notices')).toHaveCount(0);
    const body = await describe(api, { TaskStatus: '["25"]', PageSize: '20' });
    expect(body.Page.TotalCount).toBeGreaterThan(0);
    await expect(rows(page)).toHaveCount(body.ProcessTasks.length);
    await expect(page.locator('tbody td[data-column-id="TaskStatus"]').first()).toHaveText('Unknown (25)');
    await expect(page.getByText('Unknown (25)', { exact: true }).first()).toBeVisible();
  });

  test('relative time presets stay relative in the URL; copy link can freeze them', async ({
    page,
    context,
    api,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/');
    const t0 = Date.now();
    await page.locator('#filter-ProcessActionStart').click();
    await page.getByRole('option', { name: 'Last 7 days' }).click();
    await expect(page).toHaveURL(/\?ProcessActionStart=now-7d$/);
    await expect(page.getByTestId('chip-ProcessActionRange')).toContainText('Last 7 days');
    // The window was resolved when the query ran, somewhere between t0 and t1.
    const all = await describe(api, { PageSize: '1' });
    await expect
      .poll(async () => Number((await page.getByTestId('total-count').textContent())?.replace(/\D/g, '')))
      .toBeLessThan(all.Page.TotalCount);
    const shown = Number((await page.getByTestId('total-count').textContent())?.replace(/\D/g, ''));
    const t1 = Date.now();
    const week = 7 * 86_400_000;
    const atT0 = await describe(api, { ProcessActionStart: String(t0 - week), PageSize: '1' });
    const atT1 = await describe(api, { ProcessActionStart: String(t1 - week), PageSize: '1' });
    expect(shown).toBeGreaterThanOrEqual(atT1.Page.TotalCount);
    expect(shown).toBeLessThanOrEqual(atT0.Page.TotalCount);

    await page.getByTestId('copy-link').click();
    const relative = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(relative).search).toBe('?ProcessActionStart=now-7d');

    await page.getByTestId('copy-link-frozen').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe(relative);
    const frozen = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    const start = Number(frozen.searchParams.get('ProcessActionStart'));
    const end = Number(frozen.searchParams.get('ProcessActionEnd'));
    expect(end - start).toBe(7 * 86_400_000);
    expect(Math.abs(end - Date.now())).toBeLessThan(60_000);
  });
});
