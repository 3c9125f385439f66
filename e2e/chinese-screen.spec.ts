/**
 * The Chinese screen at a laptop's 1366×768, where a review found seams: lists joined with
 * an English comma, 释放 beside 解除隔离 for the same action, the API operation's name in
 * the entity pivot, saved-view import errors in zod's English, Source and TriggerSource
 * repeated side by side in the spreadsheet file. Expected figures come from the API.
 * Screenshots of each screen are attached to the test's results for review.
 */
import { readFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import Papa from 'papaparse';
import { TRIAGE, TRIAGE_TASK_IDS } from '../src/server/emulator/index';
import type { DescribeProcessTaskCountResponse } from '../src/shared/sophonsoar';
import { test, expect } from './fixtures';
import { describe, rows } from './helpers';

test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });

/** Alibaba's Chinese for each Source code (openapi-meta zh-CN DescribeProcessTasks, Source). */
const ZH_SOURCES: Readonly<Record<string, string>> = {
  system: '手动处置事件触发',
  custom: '自动响应规则，事件触发',
  custom_alert: '自动响应规则，告警触发',
  'soar-manual': 'SOAR手动调用剧本触发',
  'soar-mdr': '由安全管家服务触发',
};

async function shot(page: Page, info: TestInfo, name: string) {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}

test.describe('the Chinese screen', () => {
  test('lists of labels use 、; the tab title too', async ({ page }, info) => {
    await page.goto('/?TaskStatus=90,91&YunCode=WAF,CFW');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(rows(page).first()).toBeVisible();
    const chip = page.getByTestId('chip-TaskStatus');
    await expect(chip).toContainText('失败（90）、解封失败（91）');
    // The label ends with the full-width colon, no ASCII colon and space.
    await expect(chip.locator('.rtc-chip-label')).toHaveText('状态：');
    await expect(page.getByTestId('chip-YunCode')).toContainText('Web应用防火墙（WAF）、云防火墙（CFW）');
    await expect(page).toHaveTitle(/^状态：失败（90）、解封失败（91）、云产品：/);
    expect(await page.title()).not.toMatch(/, /);
    await shot(page, info, 'list-zh');
  });

  test('block and quarantine each have their own words: 解封 for an IP, 解除隔离 for a file, never 释放', async ({
    page,
    api,
  }, info) => {
    const byId = new Map(
      (await describe(api, { ParamContent: 'triage', PageSize: '100' })).ProcessTasks.map((t) => [
        t.TaskId,
        t,
      ]),
    );
    const file = byId.get(TRIAGE_TASK_IDS.triageFileReleased)!;
    const ip = byId.get(TRIAGE_TASK_IDS.triageCfwUnblocked)!;
    expect(file.EntityType).toBe('file');
    expect(ip.EntityType).toBe('ip');

    // The table: the Reason column speaks of each task's own action.
    await page.goto('/?ParamContent=triage&PageSize=100');
    const reason = (id: string) => page.locator(`tbody tr[data-task-id="${id}"] td[data-column-id="Reason"]`);
    await expect(reason(file.TaskId!)).toContainText('解除隔离');
    await expect(reason(ip.TaskId!)).toContainText('解封');
    await expect(page.locator('tbody')).not.toContainText('释放');

    // The drawer: the block line and the RemoveTime row of each.
    for (const [task, words, other] of [
      [file, '解除隔离时间', '解封'],
      [ip, '解封时间', '隔离'],
    ] as const) {
      await page.goto(`/tasks/${task.TaskId}?ParamContent=triage&PageSize=100`);
      const drawer = page.getByRole('dialog');
      await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(task.TaskId!);
      await expect(drawer.getByTestId('drawer-RemoveTime').locator('th')).toHaveText(words);
      await expect(drawer.getByTestId('drawer-block-state')).not.toContainText(other);
      await expect(drawer).not.toContainText('释放');
      await drawer.getByTestId('drawer-RemoveTime').scrollIntoViewIfNeeded();
      await shot(page, info, `drawer-${task.EntityType}-zh`);
    }
  });

  test('the entity pivot says what it counts; the operation is in the tooltip', async ({
    page,
    api,
  }, info) => {
    const count = await api.get<DescribeProcessTaskCountResponse>('DescribeProcessTaskCount', {
      'EntityUuidList.1': TRIAGE.ipEntityUuid,
    });
    const n = count.body.Data.find((d) => d.EntityUuid === TRIAGE.ipEntityUuid)!.Count!;
    await page.goto(`/?EntityName=${TRIAGE.ip}`);
    const line = page.getByTestId('entity-summary').getByTestId('entity-uuid-count');
    await expect(line).toHaveText(`实体UUID ${TRIAGE.ipEntityUuid}：共 ${n} 个处置任务`);
    await expect(line).toHaveAttribute('title', /DescribeProcessTaskCount/);
    await expect(page.getByTestId('entity-products')).toContainText('、');
    await shot(page, info, 'entity-pivot-zh');
  });

  test('a bad saved-views file: each problem in Chinese, naming the view and the field; nothing changes', async ({
    page,
  }, info) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await page.getByTestId('saved-views').click();
    const dialog = page.getByRole('dialog', { name: '保存的视图' });
    const bad = JSON.stringify({
      format: 'rtc-saved-views',
      version: 1,
      views: [
        { name: 'evil', search: 'Foo=1', columns: {}, density: 'compact' },
        { name: 5, search: '', columns: { Scope: 'yes' }, density: 'tiny' },
      ],
    });
    await dialog.getByTestId('saved-views-file').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(bad),
    });
    const error = dialog.getByTestId('saved-views-error');
    await expect(error).toContainText('未导入任何视图：已保存的视图保持不变');
    // zod finds the shape's problems first (the query is read once the shape is right).
    await expect(error.getByTestId('saved-views-problems').locator('li')).toHaveText([
      '第 2 个视图（无名称）的名称：应为文本，实际为数字',
      '第 2 个视图（无名称）的列“Scope”：应为布尔值（true 或 false），实际为文本',
      '第 2 个视图（无名称）的行密度：应为 "compact"或"comfortable"',
    ]);
    await expect(error).not.toContainText(/Invalid|expected|received/);
    await expect(dialog.locator('[data-view-name]')).toHaveCount(0);
    await shot(page, info, 'saved-views-error-zh');

    // The right shape, a filter wrong: the file is refused, and nothing says 已忽略.
    await dialog.getByTestId('saved-views-file').setInputFiles({
      name: 'filters.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'rtc-saved-views',
          version: 1,
          views: [{ name: '失败', search: 'TaskStatus=90,abc', columns: {}, density: 'compact' }],
        }),
      ),
    });
    await expect(error).toContainText('该文件被拒绝导入：其中的视图共有 1 处问题。');
    await expect(error.getByTestId('saved-views-problems').locator('li')).toHaveText([
      '第 1 个视图（失败）的筛选和排序：状态（TaskStatus）：值“abc”不是已知取值',
    ]);
    await expect(error).not.toContainText('忽略');
    await expect(dialog.locator('[data-view-name]')).toHaveCount(0);
    await shot(page, info, 'saved-views-filter-refused-zh');
  });

  test('the spreadsheet CSV: one Source column, RemoveTime headed for both actions', async ({
    page,
    api,
  }) => {
    const task = (await describe(api, { TaskId: TRIAGE_TASK_IDS.triageFileReleased })).ProcessTasks[0]!;
    await page.goto(`/?TaskId=${task.TaskId}`);
    await expect(rows(page)).toHaveCount(1);
    // All fields in one form: the header row and the task's row of the downloaded file.
    const exportAll = async (form: RegExp) => {
      await page.getByTestId('export-button').click();
      const dialog = page.getByRole('dialog', { name: '将任务导出为 CSV' });
      await dialog.getByRole('radio', { name: /^全部字段/ }).check();
      await dialog.getByRole('radio', { name: form }).check();
      const download = page.waitForEvent('download');
      await dialog.getByTestId('export-start').click();
      const bytes = readFileSync((await (await download).path())!);
      return Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    };
    const [headers, row] = await exportAll(/^电子表格/);
    expect(headers!.filter((h) => h === '来源 / 触发源')).toHaveLength(1);
    expect(headers).not.toContain('触发来源');
    expect(headers).not.toContain('触发源');
    // The source as the table shows it: Alibaba's Chinese label (zh-CN metadata), not the code.
    const label = (code: string | undefined) => ZH_SOURCES[code ?? ''] ?? code ?? '';
    const sourceCell =
      task.Source && task.TriggerSource && task.Source !== task.TriggerSource
        ? `${label(task.Source)} / ${label(task.TriggerSource)}`
        : label(task.Source || task.TriggerSource);
    expect(ZH_SOURCES[task.Source!], 'a documented source').toBeTruthy();
    expect(row![headers!.indexOf('来源 / 触发源')]).toBe(sourceCell);
    await expect(
      page.locator(`tbody tr[data-task-id="${task.TaskId}"] td[data-column-id="Source"]`),
    ).toContainText(label(task.Source));
    expect(headers).toContain('解封/解除隔离时间 (Asia/Shanghai)');
    expect(headers!.join('')).not.toContain('释放');

    // The raw form of the same task, on the same Chinese screen: the API's names and codes.
    const [rawHeaders, rawRow] = await exportAll(/^原始/);
    expect(rawRow![rawHeaders!.indexOf('Source')]).toBe(task.Source);
    expect(rawRow![rawHeaders!.indexOf('TriggerSource')]).toBe(task.TriggerSource ?? '');
  });
});
