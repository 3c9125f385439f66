/**
 * Issue 13's habits: the table driven by the keyboard alone, saved views (after a reload,
 * after an import, and a bad import changing nothing), ticket notes read back from the
 * clipboard, and the spreadsheet-form CSV. Against the real server and seeded emulator.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { HOSTILE_TASK_IDS } from '../src/server/emulator/index';
import type { ProcessTask } from '../src/shared/sophonsoar';
import { test, expect } from './fixtures';
import { describe, rows, wallClock } from './helpers';

const ZONE = 'Asia/Shanghai';
/** The table's English for each Source code (Alibaba's en-US metadata, Source, in short). */
const EN_SOURCES: Readonly<Record<string, string>> = {
  system: 'Manual (event handling)',
  custom: 'Automatic rule (event)',
  custom_alert: 'Automatic rule (alert)',
  'soar-manual': 'Playbook, run manually',
  'soar-mdr': 'Managed security service',
};
test.use({ timezoneId: ZONE });

const focusedTaskId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-task-id') ?? null);
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('keyboard', () => {
  test('the whole table by keyboard alone: skip link, rows, open, next/prev, copy, close, search, help', async ({
    page,
    context,
    api,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const list = await describe(api, { TaskStatus: '["90"]', PageSize: '20' });
    const ids = list.ProcessTasks.map((t) => t.TaskId);
    await page.goto('/?TaskStatus=90');
    await expect(rows(page)).toHaveCount(20);
    const origin = new URL(page.url()).origin;

    // The skip link is the first Tab stop, and lands on the table's first row.
    await page.keyboard.press('Tab');
    await expect(page.locator('.rtc-skip-link')).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    expect(await focusedTaskId(page)).toBe(ids[0]);
    // Roving tabindex: one row in the tab order.
    await expect(page.locator('tbody tr.rtc-row[tabindex="0"]')).toHaveCount(1);

    await page.keyboard.press('j');
    expect(await focusedTaskId(page)).toBe(ids[1]);
    await expect(page.getByTestId('row-announcement')).toHaveText(`Row 2 of 20: task ${ids[1]}`);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await focusedTaskId(page)).toBe(ids[1]);
    await page.keyboard.press('ArrowDown');
    expect(await focusedTaskId(page)).toBe(ids[2]);
    await expect(page.locator(`tbody tr[data-task-id="${ids[2]}"]`)).toHaveAttribute('tabindex', '0');

    // c and l copy the focused row's Task ID and link.
    await page.keyboard.press('c');
    await expect.poll(() => clipboard(page)).toBe(ids[2]);
    await page.keyboard.press('l');
    await expect.poll(() => clipboard(page)).toBe(`${origin}/tasks/${ids[2]}?TaskStatus=90`);

    // Enter opens; ] and [ step through the page's tasks in the drawer.
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(ids[2]!);
    await page.keyboard.press(']');
    await expect(page).toHaveURL(new RegExp(`/tasks/${ids[3]}\\?TaskStatus=90$`));
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(ids[3]!);
    await page.keyboard.press(']');
    await page.keyboard.press('[');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(ids[3]!);
    await page.keyboard.press('c');
    await expect.poll(() => clipboard(page)).toBe(ids[3]);
    await page.keyboard.press('l');
    await expect.poll(() => clipboard(page)).toBe(`${origin}/tasks/${ids[3]}?TaskStatus=90`);

    // Esc closes and gives focus back to the row of the task shown.
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/\/\?TaskStatus=90$/);
    await expect(drawer).toBeHidden();
    await expect.poll(() => focusedTaskId(page)).toBe(ids[3]);

    // / focuses the search; typed keys stay text and fire nothing.
    await page.keyboard.press('/');
    const search = page.locator('#filter-search');
    await expect(search).toBeFocused();
    await page.keyboard.type('jk?c');
    await expect(search).toHaveValue('jk?c');
    await expect(page.getByTestId('shortcuts-help')).toBeHidden();
    await expect(rows(page).first()).toBeVisible();
    await search.fill('');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');

    // Back on the table: ? lists the shortcuts.
    await page.locator('.rtc-skip-link').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-help');
    await expect(help).toBeVisible();
    for (const label of [
      'Focus the next row',
      'Open the focused task',
      'Copy the Task ID of the focused or open task',
    ])
      await expect(help).toContainText(label);
    // Inside the dialog, j is not a row move.
    await page.keyboard.press('j');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });
});

test.describe('saved views', () => {
  const SEARCH = 'TaskStatus=90,91&ProcessActionStart=now-7d&Direction=asc&PageSize=50';

  test('saved, applied after a reload, exported, imported; a bad import changes nothing', async ({
    page,
  }) => {
    // Three reloads and two imports; slow when the machine is shared.
    test.setTimeout(150_000);
    await page.goto(`/?${SEARCH}`);
    await expect(rows(page).first()).toBeVisible();
    // Columns: show Account (Scope); density: comfortable.
    await page.getByTestId('column-chooser').click();
    await page.getByRole('checkbox', { name: 'Account' }).check();
    await page.keyboard.press('Escape');
    await expect(page.locator('th[data-column-id="Scope"]')).toBeVisible();
    await page.evaluate(() => localStorage.setItem('rtc.process-tasks.density.v1', '"comfortable"'));
    await page.reload();
    await expect(rows(page).first()).toBeVisible();

    await page.getByTestId('saved-views').click();
    const dialog = page.getByRole('dialog', { name: 'Saved views' });
    await dialog.getByTestId('saved-views-name').fill('Failed, last week');
    await dialog.getByTestId('saved-views-save').click();
    await expect(dialog.locator('[data-view-name="Failed, last week"]')).toContainText('Last 7 days');

    // Rename, then export the set.
    await dialog
      .locator('[data-view-name="Failed, last week"]')
      .getByRole('button', { name: 'Rename' })
      .click();
    await dialog.getByRole('textbox', { name: 'New name for "Failed, last week"' }).fill('失败 · last week');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    const item = dialog.locator('[data-view-name="失败 · last week"]');
    await expect(item).toBeVisible();
    const downloaded = page.waitForEvent('download');
    await dialog.getByTestId('saved-views-export').click();
    const file = readFileSync((await (await downloaded).path())!, 'utf8');
    const json = JSON.parse(file) as {
      format: string;
      views: { name: string; search: string; density: string }[];
    };
    expect(json.format).toBe('rtc-saved-views');
    expect(json.views).toMatchObject([{ name: '失败 · last week', search: SEARCH, density: 'comfortable' }]);
    await page.keyboard.press('Escape');

    // A different state, then a reload: the view is still there and brings everything back.
    await page.goto('/');
    await page.evaluate(() => localStorage.setItem('rtc.process-tasks.density.v1', '"compact"'));
    await page.getByTestId('column-chooser').click();
    await page.getByRole('checkbox', { name: 'Account' }).uncheck();
    await page.keyboard.press('Escape');
    await page.reload();
    await expect(page.locator('th[data-column-id="Scope"]')).toHaveCount(0);
    await page.getByTestId('saved-views').click();
    await item.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(new RegExp(`/\\?${SEARCH.replace(/[?.]/g, '\\$&')}$`));
    await expect(page.locator('th[data-column-id="Scope"]')).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('rtc.process-tasks.density.v1'))).toBe(
      '"comfortable"',
    );
    // PageSize=50: more than the default 20 rows.
    expect(await rows(page).count()).toBeGreaterThan(20);

    // Import into an empty browser.
    await page.goto('/');
    await page.evaluate(() => localStorage.removeItem('rtc.process-tasks.saved-views.v1'));
    await page.reload();
    await page.getByTestId('saved-views').click();
    await expect(dialog.getByText('No saved views yet.')).toBeVisible();
    await dialog.getByTestId('saved-views-file').setInputFiles({
      name: 'views.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });
    await expect(item).toBeVisible();
    const stored = await page.evaluate(() => localStorage.getItem('rtc.process-tasks.saved-views.v1'));

    // A bad file: a clear error, and nothing changed.
    const bad = JSON.stringify({
      format: 'rtc-saved-views',
      version: 1,
      views: [{ name: 'evil', search: 'Foo=1', columns: {}, density: 'compact' }],
    });
    await dialog.getByTestId('saved-views-file').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(bad),
    });
    await expect(dialog.getByTestId('saved-views-error')).toContainText(
      'Nothing was imported: your saved views are unchanged',
    );
    // Refused as a whole: the link notices' "ignored" would say otherwise.
    await expect(dialog.getByTestId('saved-views-error')).toContainText(
      'The file was refused: its views have 1 problem.',
    );
    await expect(dialog.getByTestId('saved-views-problems').locator('li')).toHaveText([
      'View 1 (evil), filters and sort: Foo is not a parameter of the task list',
    ]);
    await expect(dialog.getByTestId('saved-views-error')).not.toContainText('ignored');
    // Sentences wrap between words (a long token anywhere), not in the middle of "parameter".
    const problem = dialog.getByTestId('saved-views-problems').locator('li').first();
    await expect(problem).toHaveCSS('word-break', 'normal');
    await expect(problem).toHaveCSS('overflow-wrap', 'anywhere');
    await dialog.getByTestId('saved-views-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":'),
    });
    await expect(dialog.getByTestId('saved-views-error')).toContainText('The file is not JSON');
    await expect(dialog.locator('[data-view-name]')).toHaveCount(1);
    expect(await page.evaluate(() => localStorage.getItem('rtc.process-tasks.saved-views.v1'))).toBe(stored);
    expect(await seriousViolations(page)).toEqual([]);

    await item.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(new RegExp(`/\\?${SEARCH.replace(/[?.]/g, '\\$&')}$`));
  });
});

test.describe('ticket notes', () => {
  test('a task and the filtered list, read back from the clipboard', async ({ page, context, api }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const list = await describe(api, { TaskStatus: '["90"]', PageSize: '20' });
    const task = list.ProcessTasks.find((t) => t.ErrMsg && t.ProcessTime && t.EntityName) as ProcessTask;
    expect(task).toBeTruthy();
    await page.goto(`/tasks/${task.TaskId}?TaskStatus=90`);
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(task.TaskId);
    const origin = new URL(page.url()).origin;

    await drawer.getByTestId('task-note').click();
    await expect.poll(() => clipboard(page)).toContain(`Response task ${task.TaskId}`);
    const text = await clipboard(page);
    for (const line of [
      'Status: Failed (90)',
      `Task ID: ${task.TaskId}`,
      `Account: ${task.Scope}`,
      `Processed: ${wallClock(task.ProcessTime!, ZONE).text} UTC+08:00 (${ZONE})`,
      `Error message: ${task.ErrMsg}`,
      `Link: ${origin}/tasks/${task.TaskId}?TaskStatus=90`,
    ])
      expect(text.split('\n')).toContain(line);
    if (task.ErrTip) expect(text).toContain(`Error tip: ${task.ErrTip}`);

    await drawer.getByTestId('task-note-formats').click();
    await page.getByRole('menuitem', { name: 'Markdown' }).click();
    await expect.poll(() => clipboard(page)).toContain('- **Status:** Failed (90)');
    expect(await clipboard(page)).toContain(`- **Link:** <${origin}/tasks/${task.TaskId}?TaskStatus=90>`);
    await expect(page.getByRole('menuitem', { name: 'Markdown' })).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // The list: filter summary, count and link.
    await page.getByTestId('list-note').click();
    await expect.poll(() => clipboard(page)).toContain('Response tasks: ');
    const listText = (await clipboard(page)).split('\n');
    expect(listText).toContain('Status: Failed (90)');
    expect(listText).toContain(`Matching tasks: ${list.Page.TotalCount}`);
    expect(listText).toContain(`Link: ${origin}/?TaskStatus=90`);
  });

  test('hostile data stays inert in the note', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const id = HOSTILE_TASK_IDS.rightToLeftText;
    await page.goto(`/tasks/${id}?TaskId=${id}`);
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(id);
    await drawer.getByTestId('task-note').click();
    await expect.poll(() => clipboard(page)).toContain('Entity: invoice⟨U+202E⟩gpj.exe');
    expect(await clipboard(page)).not.toContain('\u202E');

    const script = HOSTILE_TASK_IDS.scriptInEntityName;
    await page.goto(`/tasks/${script}?TaskId=${script}`);
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(script);
    await drawer.getByTestId('task-note-formats').click();
    await page.getByRole('menuitem', { name: 'Markdown' }).click();
    await expect.poll(() => clipboard(page)).toContain('\\<script\\>alert("xss-entity")\\</script\\>');
  });
});

test.describe('spreadsheet export', () => {
  test('headers in words, dates in the zone, the account ID whole, error and tip', async ({ page, api }) => {
    const list = await describe(api, { TaskStatus: '["90"]', PageSize: '20' });
    const task = list.ProcessTasks.find((t) => t.ErrMsg && t.ProcessTime && /^\d{16,}$/.test(t.Scope ?? ''));
    expect(task, 'a failed task with a 16-digit account').toBeTruthy();
    await page.goto(`/?TaskId=${task!.TaskId}`);
    await expect(rows(page)).toHaveCount(1);
    await page.getByTestId('export-button').click();
    const dialog = page.getByRole('dialog', { name: 'Export tasks as CSV' });
    await expect(dialog.getByRole('radio', { name: /^Raw/ })).toBeChecked();
    await dialog.getByRole('radio', { name: /^All fields/ }).check();
    await dialog.getByRole('radio', { name: /^For spreadsheets/ }).check();
    const download = page.waitForEvent('download');
    await dialog.getByTestId('export-start').click();
    const bytes = readFileSync((await (await download).path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [headers, row] = Papa.parse<string[]>(bytes.toString('utf8').slice(1), {
      skipEmptyLines: true,
    }).data;
    const cell = (h: string) => row![headers!.indexOf(h)];
    expect(headers).toContain('Task ID');
    expect(headers).toContain('Error message');
    expect(headers).toContain('Error tip');
    expect(cell(`Processed (${ZONE})`)).toBe(wallClock(task!.ProcessTime!, ZONE).text);
    expect(cell('Status')).toBe('Failed');
    expect(cell('Status code')).toBe('90');
    expect(cell('Error message')).toBe(task!.ErrMsg);
    // 16 digits: a bare number would lose the last one in Excel and LibreOffice.
    expect(cell('Account')).toBe(`="${task!.Scope}"`);
    expect(cell('Created (' + ZONE + ')')).toBe(wallClock(task!.GmtCreateMillis!, ZONE).text);
    // The source as its label, as the table shows it; the raw form keeps the codes.
    const label = (code: string | undefined) => EN_SOURCES[code ?? ''] ?? code ?? '';
    expect(EN_SOURCES[task!.Source!], 'a documented source').toBeTruthy();
    expect(cell('Source / trigger')).toBe(
      task!.TriggerSource && task!.TriggerSource !== task!.Source
        ? `${label(task!.Source)} / ${label(task!.TriggerSource)}`
        : label(task!.Source),
    );
    expect(headers).not.toContain('Source');
  });
});
