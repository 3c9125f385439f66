/**
 * Issue 12, the summary strip: counts by status group, Unknown, Stuck? and the options'
 * counts, each checked against the API's own TotalCount for the same filters; a click
 * filters; the stuck list is exactly the emulator's known stuck cases, oldest first; the
 * headline is DescribeProcessStatistics'.
 */
import type { Page, Request } from '@playwright/test';
import { TRIAGE, TRIAGE_TASK_IDS } from '../src/server/emulator/index';
import {
  OPTION_COUNT_CALLS_MAX,
  SUMMARY_COUNT_CALLS,
} from '../src/features/process-tasks/model/status-counts';
import type { DescribeProcessStatisticsResponse } from '../src/shared/sophonsoar';
import { test, expect, type ApiClient } from './fixtures';
import { describe, expectTaskIds, rows } from './helpers';

const GROUPS = {
  inProgress: { label: 'In progress', codes: ['11', '21', '22'] },
  done: { label: 'Done', codes: ['20', '23', '24'] },
  failed: { label: 'Failed', codes: ['90', '91', '92'] },
} as const;

const fmt = (n: number) => n.toLocaleString('en-US');

/** TotalCount of DescribeProcessTasks for `params` (wire form). */
async function totalOf(api: ApiClient, params: Record<string, string>): Promise<number> {
  return (await describe(api, { ...params, PageSize: '1' })).Page.TotalCount;
}

const isCountCall = (r: Request) =>
  new URL(r.url()).pathname === '/api/DescribeProcessTasks' &&
  new URL(r.url()).searchParams.get('PageSize') === '1';

/** Picks a stuck threshold in the strip's control by its label ("1 h"). */
async function setThreshold(page: Page, label: string): Promise<void> {
  await page.locator('#summary-stuck-threshold').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
}

test.describe('summary strip', () => {
  for (const { name, url, wire } of [
    { name: 'no filters', url: '/', wire: {} },
    {
      name: 'products and a status filter (the status is left out)',
      url: '/?TaskStatus=90&YunCode=WAF,CFW',
      wire: { YunCode: '["WAF","CFW"]' },
    },
  ]) {
    test(`counts equal the API's TotalCount per group: ${name}`, async ({ page, api }) => {
      const total = await totalOf(api, wire);
      const expected: Record<string, number> = {};
      for (const [group, { codes }] of Object.entries(GROUPS))
        expected[group] = await totalOf(api, { ...wire, TaskStatus: JSON.stringify(codes) });
      const unknown = total - expected.inProgress! - expected.done! - expected.failed!;
      await page.goto(url);
      await expect(rows(page).first()).toBeVisible();
      const strip = page.getByRole('group', { name: /Status summary/ });
      for (const [group, { label }] of Object.entries(GROUPS)) {
        const button = strip.getByRole('button', { name: `${label} ${fmt(expected[group]!)}`, exact: true });
        await expect(button).toBeVisible();
        await expect(button).toHaveAttribute('aria-pressed', 'false');
      }
      if (unknown > 0)
        await expect(page.getByTestId('summary-unknown')).toHaveText(`Unknown ${fmt(unknown)}`);
      else await expect(page.getByTestId('summary-unknown')).toHaveCount(0);
    });
  }

  test('the dataset has tasks of an undocumented status: Unknown shows, and adds up', async ({
    page,
    api,
  }) => {
    const total = await totalOf(api, {});
    let grouped = 0;
    for (const { codes } of Object.values(GROUPS))
      grouped += await totalOf(api, { TaskStatus: JSON.stringify(codes) });
    expect(total - grouped).toBeGreaterThan(0);
    await page.goto('/');
    await expect(page.getByTestId('summary-unknown')).toHaveText(`Unknown ${fmt(total - grouped)}`);
  });

  test('a click on a group filters the list to its codes; a second click takes it off', async ({
    page,
    api,
  }) => {
    await page.goto('/?YunCode=Aegis');
    await expect(rows(page).first()).toBeVisible();
    const failed = await totalOf(api, { YunCode: '["Aegis"]', TaskStatus: '["90","91","92"]' });
    const button = page.getByTestId('summary-failed');
    await expect(button).toHaveAccessibleName(`Failed ${fmt(failed)}`);
    await button.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('TaskStatus')).toBe('90,91,92');
    await expect(page).toHaveURL(/YunCode=Aegis/);
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('total-count')).toHaveText(
      `${fmt(failed)} ${failed === 1 ? 'task' : 'tasks'}`,
    );
    // The counts leave the status filter out: the strip does not change under its own click.
    await expect(button).toHaveAccessibleName(`Failed ${fmt(failed)}`);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await expect(page).not.toHaveURL(/TaskStatus=/);
  });

  test('the stuck list is exactly the known stuck tasks for the threshold, oldest first; the link reopens it', async ({
    page,
  }) => {
    await page.goto(`/?EventUuid=${TRIAGE.stuckEventUuid}`);
    await expect(rows(page).first()).toBeVisible();
    await setThreshold(page, '1 h');
    const stuck = page.getByTestId('summary-stuck');
    await expect(stuck).toHaveAccessibleName('Stuck? 3');
    await stuck.click();
    const oldestFirst = [
      TRIAGE_TASK_IDS.triageStuckKill6h,
      TRIAGE_TASK_IDS.triageStuckBlock3h,
      TRIAGE_TASK_IDS.triageStuckIsolate90m,
    ];
    await expectTaskIds(page, oldestFirst);
    await expect(stuck).toHaveAttribute('aria-pressed', 'true');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      TaskStatus: '11',
      ProcessActionEnd: 'now-60m',
      OrderField: 'processTime',
      Direction: 'asc',
      EventUuid: TRIAGE.stuckEventUuid,
    });
    // The processed-time filter says it in words and stays relative ("stuck now").
    await expect(
      page
        .locator('#filter-ProcessActionStart')
        .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]'),
    ).toContainText('Before 60 min ago');
    await expect(page.locator('#filter-ProcessActionStart-custom')).toHaveCount(0);
    // The link reopens the same list, and the threshold is remembered.
    await page.goto(url.pathname + url.search);
    await expectTaskIds(page, oldestFirst);
    await expect(page.locator('.rtc-summary-threshold')).toContainText('1 h');
    // A longer threshold: only the task in progress for 6 h.
    await setThreshold(page, '4 h');
    await expect(stuck).toHaveAccessibleName('Stuck? 1');
    await stuck.click();
    await expectTaskIds(page, [TRIAGE_TASK_IDS.triageStuckKill6h]);
  });

  test("options show their counts only once opened, equal to the API's, that filter left out", async ({
    page,
    api,
  }) => {
    const calls: Request[] = [];
    page.on('request', (r) => {
      if (isCountCall(r)) calls.push(r);
    });
    await page.goto('/?YunCode=WAF&TaskStatus=21');
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByTestId('summary-stuck')).toHaveAccessibleName(/Stuck\? \d/);
    await page.waitForLoadState('networkidle');
    expect(calls.length).toBeLessThanOrEqual(SUMMARY_COUNT_CALLS);
    const before = calls.length;

    // Status: the product stays, the status is left out.
    await page.locator('#filter-TaskStatus').click();
    const shown = page.locator('[data-testid^="option-count-TaskStatus-"]');
    await expect(shown.first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const made = calls.length - before;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(OPTION_COUNT_CALLS_MAX);
    const ids = await shown.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      const code = id.replace('option-count-TaskStatus-', '');
      const n = await totalOf(api, { YunCode: '["WAF"]', TaskStatus: JSON.stringify([code]) });
      await expect(page.getByTestId(id)).toHaveText(fmt(n));
    }
    // The option's count is read out as its description; its name stays the label.
    await expect(page.getByRole('option', { name: 'Blocked (21)', exact: true })).toHaveAttribute(
      'aria-description',
      /^\d[\d,]* tasks?$/,
    );
    await page.keyboard.press('Escape');

    // Product: the status stays, the product is left out.
    await page.locator('#filter-YunCode').click();
    for (const code of ['WAF', 'CFW', 'Aegis']) {
      const n = await totalOf(api, { YunCode: JSON.stringify([code]), TaskStatus: '["21"]' });
      await expect(page.getByTestId(`option-count-YunCode-${code}`)).toHaveText(fmt(n));
    }
    await page.keyboard.press('Escape');

    // Source, in the "More filters" panel.
    await page.getByTestId('more-filters').click();
    await page.locator('#filter-Source').click();
    for (const code of ['system', 'custom']) {
      const n = await totalOf(api, {
        YunCode: '["WAF"]',
        TaskStatus: '["21"]',
        Source: JSON.stringify([code]),
      });
      await expect(page.getByTestId(`option-count-Source-${code}`)).toHaveText(fmt(n));
    }
  });

  test('the headline is DescribeProcessStatistics, with its age', async ({ page, api }) => {
    const res = await api.get<DescribeProcessStatisticsResponse>('DescribeProcessStatistics', { Lang: 'en' });
    expect(res.status).toBe(200);
    const m = res.body.Metrics!;
    await page.goto('/');
    const headline = page.getByTestId('summary-headline');
    await expect(headline).toContainText(
      `Account: ${fmt(m.TaskNum!)} tasks · ${fmt(m.BanIpNum!)} IPs blocked, ${fmt(m.BanFileNum!)} files quarantined, ${fmt(m.BanProcessNum!)} processes handled`,
    );
    await expect(page.getByTestId('summary-headline-age')).toHaveText(
      /^as of (a few seconds|\d+ seconds?|a minute) ago$/,
    );
  });

  test.describe('in Chinese', () => {
    test.use({ locale: 'zh-CN' });
    test("labels by meaning, in Alibaba's terms", async ({ page, api }) => {
      const failed = await totalOf(api, { TaskStatus: '["90","91","92"]' });
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      const strip = page.getByRole('group', { name: '当前筛选条件（全部状态）下的状态汇总' });
      await expect(strip.getByTestId('summary-inProgress')).toContainText('进行中');
      await expect(strip.getByTestId('summary-done')).toContainText('已完成');
      await expect(strip.getByTestId('summary-failed')).toHaveAccessibleName(
        `失败 ${failed.toLocaleString('zh-CN')}`,
      );
      await expect(strip.getByTestId('summary-stuck')).toContainText('疑似卡住');
      await expect(strip).toContainText('卡住判定');
      await expect(page.getByTestId('summary-headline')).toContainText('账号：处置任务');
    });
  });
});
