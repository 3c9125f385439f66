/** Small helpers shared by the task browser specs. */
import type { Locator, Page } from '@playwright/test';
import type { DescribeProcessTasksResponse } from '../src/shared/sophonsoar';
import { expect, type ApiClient } from './fixtures';

export const rows = (page: Page): Locator => page.locator('tbody tr.rtc-row');
export const cells = (page: Page, columnId: string): Locator =>
  page.locator(`tbody tr.rtc-row td[data-column-id="${columnId}"]`);

/** The list as the API returns it for the same parameters (API wire form). */
export async function describe(
  api: ApiClient,
  params: Record<string, string>,
): Promise<DescribeProcessTasksResponse> {
  const res = await api.get<DescribeProcessTasksResponse>('DescribeProcessTasks', params);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** TaskIds of the rows on screen, in order. */
async function shownTaskIds(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-task-id') ?? ''));
}

/** Waits until the table shows exactly these TaskIds (the previous page may linger while loading). */
export async function expectTaskIds(page: Page, ids: string[]): Promise<void> {
  await expect.poll(() => shownTaskIds(page)).toEqual(ids);
}

/** Epoch ms of a time column on screen (from each <time datetime>), missing values skipped. */
export async function shownTimes(page: Page, columnId: string): Promise<number[]> {
  return cells(page, columnId).evaluateAll((tds) =>
    tds
      .map((td) => td.querySelector('time')?.getAttribute('datetime'))
      .filter((v): v is string => Boolean(v))
      .map((v) => Date.parse(v)),
  );
}

/** Picks options in an antd multi-select by typing their label and pressing Enter. */
export async function pickOptions(page: Page, inputId: string, labels: string[]): Promise<void> {
  const input = page.locator(`#${inputId}`);
  for (const label of labels) {
    await input.click();
    await input.fill(label);
    await page.getByRole('option', { name: label, exact: true }).first().waitFor({ state: 'attached' });
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
}

/** The auto-refresh options' labels and the short form the toolbar shows for each. */
const AUTO_REFRESH_SHOWN: Record<string, string> = {
  'Auto-refresh off': 'Off',
  'Every 15 s': '15 s',
  'Every minute': '1 min',
  'Every 5 min': '5 min',
};

/** Chooses an auto-refresh option by its label (e.g. `Every 15 s`) and waits for the toolbar to show it. */
export async function chooseAutoRefresh(page: Page, label: keyof typeof AUTO_REFRESH_SHOWN): Promise<void> {
  await page.locator('#auto-refresh').click();
  // The dropdown's visible item (antd titles it with its label), not the listbox kept for screen readers.
  await page.locator(`.ant-select-dropdown .ant-select-item-option[title="${label}"]`).click();
  await expect(page.getByTestId('auto-refresh')).toHaveText(AUTO_REFRESH_SHOWN[label]!);
  // The pointer off the rows: resting on a cell mounts its tooltip (components/lazy-tooltip.tsx),
  // which renders the cell's text anew whatever the refresh does.
  await page.mouse.move(1, 1);
}

export const formatCount = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'task' : 'tasks'}`;

/** `2026-11-27 17:12:05` of `ms` in `zone`, and its offset `-05:00`, by the browser engine's
 * rules (Intl), an oracle apart from the app's own src/lib/wall-clock.ts. */
export function wallClock(ms: number, zone: string): { text: string; offset: string } {
  const p: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  }).formatToParts(ms))
    p[part.type] = part.value;
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName!.replace('GMT', '');
  return { text: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`, offset };
}

/**
 * Selects the first `chars` characters of the first text in `target` (as an analyst's drag
 * would), and keeps the selected text and its node in `window.__selected` / `__selNode`
 * for a later check that the selection survived.
 */
export async function selectTextStart(target: Locator, chars = 4): Promise<void> {
  await target.evaluate((el, n) => {
    const w = window as unknown as { __selected: string; __selNode: Node };
    const text = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode()!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, Math.min(n, text.textContent!.length));
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    w.__selected = window.getSelection()!.toString();
    w.__selNode = text;
  }, chars);
}
