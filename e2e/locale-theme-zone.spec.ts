/**
 * The analyst's language, theme and time zone end to end (issue 13): Chinese labels,
 * numbers and dates in the table, the drawer and the export dialog; `<html lang>`; the
 * browser's language as the default; times of a known task in America/New_York and
 * Asia/Shanghai in the table, the drawer, the range picker and the CSV; axe colour
 * contrast in both themes and both languages. Text is checked as text: nothing depends on
 * the fonts installed (the machine has no CJK fonts).
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page, Request } from '@playwright/test';
import Papa from 'papaparse';
import type { ProcessTask } from '../src/shared/sophonsoar';
import { expect, test, type ApiClient } from './fixtures';
import { cells, describe, rows, wallClock } from './helpers';

/** A failed task with every label this spec checks (product, source, entity type). */
async function knownFailedTask(api: ApiClient): Promise<{ task: ProcessTask; total: number }> {
  const list = await describe(api, { TaskStatus: '["90"]', PageSize: '20' });
  const task = list.ProcessTasks.find(
    (t) => t.YunCode && t.Source && t.EntityType && t.GmtCreateMillis && t.ProcessTime && t.ErrCode,
  ) as ProcessTask;
  expect(task, 'a failed task with product, source and entity type').toBeTruthy();
  return { task, total: list.Page.TotalCount };
}

async function chooseOption(page: Page, selectId: string, name: string | RegExp, search?: string) {
  const input = page.locator(`#${selectId}`);
  await input.click();
  if (search !== undefined) await input.fill(search);
  await page.getByRole('option', { name, exact: typeof name === 'string' }).click();
}

const apiRequests = (page: Page): Request[] => {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) seen.push(r);
  });
  return seen;
};

const ZH_STATUS: Record<string, string> = { '90': '失败' };
const ZH_PRODUCT: Record<string, string> = { WAF: 'Web应用防火墙', CFW: '云防火墙', Aegis: '云安全中心' };
const ZH_SOURCE: Record<string, string> = {
  system: '手动处置事件触发',
  custom: '自动响应规则，事件触发',
  custom_alert: '自动响应规则，告警触发',
  'soar-manual': 'SOAR手动调用剧本触发',
  'soar-mdr': '由安全管家服务触发',
};

test.describe('Chinese', () => {
  test.use({ timezoneId: 'Asia/Shanghai' });

  test('switched in the header: labels, numbers and dates in table, drawer and export dialog; remembered; Lang=zh', async ({
    page,
    api,
  }) => {
    const { task, total } = await knownFailedTask(api);
    const requests = apiRequests(page);
    await page.goto('/?TaskStatus=90');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('total-count')).toHaveText(`${total.toLocaleString('en-US')} tasks`);

    await chooseOption(page, 'ui-language', '简体中文');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('响应任务控制台');
    // Numbers: grouped by the zh-CN rules, inside the ICU plural.
    await expect(page.getByTestId('total-count')).toHaveText(`共 ${total.toLocaleString('zh-CN')} 个任务`);

    const row = page.locator(`tbody tr[data-task-id="${task.TaskId}"]`);
    await expect(row.locator('td[data-column-id="TaskStatus"]')).toHaveText(`${ZH_STATUS['90']}（90）`);
    await expect(row.locator('td[data-column-id="YunCode"]')).toContainText(ZH_PRODUCT[task.YunCode!]!);
    await expect(row.locator('td[data-column-id="Source"]')).toContainText(ZH_SOURCE[task.Source!]!);
    // Dates: the same digits, the age in Chinese (dayjs zh-cn), in the default Processed column.
    const processed = row.locator('td[data-column-id="ProcessTime"]');
    await expect(processed.locator('time')).toHaveText(wallClock(task.ProcessTime!, 'Asia/Shanghai').text);
    await expect(processed.locator('.rtc-age')).toHaveText(
      /^\d+ (秒|分钟|小时|天|个月|年)前$|^(几秒|1 分钟|1 小时|1 天|1 个月|1 年)前$/,
    );

    // The drawer.
    await row.click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-TaskId')).toHaveText(task.TaskId);
    await expect(drawer.getByTestId('drawer-error')).toContainText('此任务失败：失败（90）');
    await expect(drawer.getByRole('heading', { name: '概要' })).toBeVisible();
    await expect(drawer.getByTestId('drawer-GmtCreateMillis')).toContainText(
      `${wallClock(task.GmtCreateMillis!, 'Asia/Shanghai').text} UTC+08:00`,
    );
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // The export dialog.
    await page.getByTestId('export-button').click();
    const dialog = page.getByRole('dialog', { name: '将任务导出为 CSV' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`${total.toLocaleString('zh-CN')} 个匹配的任务`);
    await expect(dialog.getByTestId('export-start')).toHaveText(/导\s*出/);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Every operation that takes Lang asks in Chinese (the scene list is asked for by the filter).
    await page.getByRole('button', { name: '更多筛选' }).click();
    await page.locator('#filter-SceneCode').click();
    await expect
      .poll(() =>
        requests
          .filter((r) => r.url().includes('/api/DescribeEnumItems'))
          .map((r) => new URL(r.url()).searchParams.get('Lang')),
      )
      .toContain('zh');
    const langs = requests
      .map((r) => new URL(r.url()))
      .filter((u) => u.searchParams.has('Lang') && !u.pathname.endsWith('/DescribeProcessTasks'))
      .map((u) => `${u.pathname.split('/').pop()} ${u.searchParams.get('Lang')}`);
    const afterSwitch = langs.slice(langs.findIndex((l) => l.endsWith(' zh')));
    expect(
      afterSwitch.every((l) => l.endsWith(' zh')),
      afterSwitch.join(', '),
    ).toBe(true);

    // Remembered.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('total-count')).toHaveText(`共 ${total.toLocaleString('zh-CN')} 个任务`);
    await chooseOption(page, 'ui-language', 'English');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('total-count')).toHaveText(`${total.toLocaleString('en-US')} tasks`);
  });

  test.describe('when the Chinese files cannot be loaded', () => {
    test.use({
      allowedConsoleErrors: [/could not be loaded|Failed to load resource|dynamically imported module/],
    });

    test('the language stays English, says so, and is not remembered', async ({ page }) => {
      await page.route(/\/assets\/messages-zh-[^/]+\.js$/, (route) => route.abort());
      await page.goto('/');
      await expect(rows(page).first()).toBeVisible();
      await chooseOption(page, 'ui-language', '简体中文');
      await expect(
        page.getByRole('alert').filter({ hasText: 'The language could not be loaded' }),
      ).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Response Task Console');
      await page.unroute(/\/assets\/messages-zh-[^/]+\.js$/);
      await page.reload();
      await expect(rows(page).first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    });
  });

  test.describe('from the browser', () => {
    test.use({ locale: 'zh-CN' });

    test('a zh-CN browser opens in Chinese, with antd in Chinese too', async ({ page }) => {
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('响应任务控制台');
      await expect(rows(page).first()).toBeVisible();
      await expect(page.locator('label[for="time-zone"]')).toHaveText('时区');
      // antd's own strings (pagination's page-size suffix) come from its zh_CN locale.
      await expect(page.locator('.ant-pagination')).toContainText('条/页');
    });
  });

  test.describe('an English browser', () => {
    test.use({ locale: 'en-GB' });

    test('opens in English without loading the Chinese catalogs, antd zh_CN or dayjs zh-cn', async ({
      page,
    }) => {
      const scripts: Promise<string>[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('.js'))
          scripts.push(r.text().then((body) => `${new URL(r.url()).pathname} ${body}`));
      });
      await page.goto('/');
      await expect(rows(page).first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Response Task Console');
      await expect(page.locator('#ui-language')).toBeVisible();
      // Text only the Chinese catalog, antd's zh_CN (date picker) and dayjs' zh-cn hold.
      const chinese = (await Promise.all(scripts)).filter((s) =>
        /响应任务控制台|选择日期|name:"zh-cn"|name:`zh-cn`/.test(s),
      );
      expect(chinese.map((s) => s.split(' ')[0])).toEqual([]);
    });
  });
});

test.describe('time zones', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  for (const zone of ['America/New_York', 'Asia/Shanghai']) {
    test(`${zone}: a known task's times in table, drawer, picker and CSV; remembered`, async ({
      page,
      api,
    }) => {
      test.setTimeout(90_000);
      const { task } = await knownFailedTask(api);
      const ms = task.GmtCreateMillis!;
      const { text, offset } = wallClock(ms, zone);
      const path = `/?TaskId=${encodeURIComponent(task.TaskId)}`;
      await page.goto(path);
      await expect(rows(page)).toHaveCount(1);

      // Searchable: typed part of the name.
      await chooseOption(page, 'time-zone', `${zone} (${offset})`, zone.split('/')[1]!.slice(0, 6));
      await expect(page.locator('#time-zone').locator('xpath=..')).toBeVisible();
      await expect(cells(page, 'ProcessTime').locator('time')).toHaveText(
        wallClock(task.ProcessTime!, zone).text,
      );

      // Drawer: the zone's time with its offset, and UTC.
      await rows(page).first().click();
      const drawer = page.getByRole('dialog');
      await expect(drawer.getByTestId('drawer-GmtCreateMillis')).toContainText(`${text} UTC${offset}`);
      await page.keyboard.press('Escape');
      // Closing returns focus to the row; a select opened before that would close on the blur.
      await expect(drawer).toBeHidden();
      await expect(rows(page).first()).toBeFocused();

      // Picker: a custom range typed now means this zone's wall clock.
      const request = page.waitForRequest(
        (r) => r.url().includes('/api/DescribeProcessTasks') && r.url().includes('ProcessActionEnd='),
        { timeout: 30_000 },
      );
      await page.locator('#filter-ProcessActionStart').click();
      await page.getByRole('option', { name: 'Custom range…' }).click();
      const from = page.locator('#filter-ProcessActionStart-custom');
      const until = page.locator('#filter-ProcessActionStart-custom-end');
      await from.click();
      await from.fill('2026-11-28 00:00');
      await from.press('Enter');
      await until.fill('2026-11-28 23:59');
      await until.press('Enter');
      const sent = new URL((await request).url()).searchParams;
      const midnight = Date.parse(`2026-11-28T00:00:00${wallClock(Date.UTC(2026, 10, 28, 12), zone).offset}`);
      expect([Number(sent.get('ProcessActionStart')), Number(sent.get('ProcessActionEnd'))]).toEqual([
        midnight,
        midnight + (23 * 60 + 59) * 60_000,
      ]);
      await expect(from).toHaveValue('2026-11-28 00:00');

      // CSV: ISO times with the zone's offset.
      await page.goto(path);
      await expect(rows(page)).toHaveCount(1);
      await page.getByTestId('export-button').click();
      const csvDownload = page.waitForEvent('download');
      await page.getByTestId('export-start').click();
      const csv = readFileSync((await (await csvDownload).path())!, 'utf8').replace(/^\uFEFF/, '');
      const [headers, first] = Papa.parse<string[]>(csv, { newline: '\r\n' }).data;
      const record = Object.fromEntries(headers!.map((h, i) => [h, first![i]]));
      expect(record.TaskId).toBe(task.TaskId);
      // The visible columns: Processed is one of them.
      const processed = task.ProcessTime!;
      const processedWall = wallClock(processed, zone);
      expect(record.ProcessTime_ISO).toBe(
        `${processedWall.text.replace(' ', 'T')}.${String(processed % 1000).padStart(3, '0')}${processedWall.offset}`,
      );
      expect(record.ProcessTime).toBe(String(processed));

      // Remembered, and shown in the header.
      await page.reload();
      await expect(page.locator('.rtc-header')).toContainText(zone);
      await expect(cells(page, 'ProcessTime').locator('time')).toHaveText(
        wallClock(task.ProcessTime!, zone).text,
      );
    });
  }
});

/** Lists that show every status tone between them (the seeded data set has few in-progress tasks). */
const TONE_VIEWS: [string, string[]][] = [
  ['/?TaskStatus=11', ['processing']],
  [
    '/?TaskStatus=21,20,24,90&OrderField=gmtCreate&Direction=desc&PageSize=50',
    ['warning', 'success', 'default', 'error'],
  ],
];

async function contrastViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  return violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`,
  );
}

test.describe('themes', () => {
  test.describe('the system in dark mode', () => {
    test.use({ colorScheme: 'dark' });

    test('is followed, and the header overrides it (remembered)', async ({ page }) => {
      await page.goto('/');
      await expect(rows(page).first()).toBeVisible();
      const html = page.locator('html');
      await expect(html).toHaveAttribute('data-theme', 'dark');
      const surface = async () =>
        page.evaluate(() =>
          getComputedStyle(document.documentElement).getPropertyValue('--rtc-surface').trim(),
        );
      const darkSurface = await surface();
      await chooseOption(page, 'ui-theme', 'Light');
      await expect(html).toHaveAttribute('data-theme', 'light');
      await expect.poll(surface).not.toBe(darkSurface);
      await page.reload();
      await expect(html).toHaveAttribute('data-theme', 'light');
      await chooseOption(page, 'ui-theme', 'System');
      await expect(html).toHaveAttribute('data-theme', 'dark');
      await expect.poll(surface).toBe(darkSurface);
    });
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['en', 'zh-CN'] as const) {
      test(`axe colour contrast is clean: ${theme}, ${locale}, list with every status tone and the drawer`, async ({
        page,
      }) => {
        await page.addInitScript(
          ([th, lo]) => {
            localStorage.setItem('rtc.theme.v1', JSON.stringify(th));
            localStorage.setItem('rtc.locale.v1', JSON.stringify(lo));
          },
          [theme, locale],
        );
        // Every status tone: in progress (11) alone, then blocked, succeeded, whitelisted
        // and failed on one page (newest first).
        for (const [query, tones] of TONE_VIEWS) {
          await page.goto(query);
          await expect(rows(page).first()).toBeVisible();
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
          await expect(page.locator('html')).toHaveAttribute('lang', locale);
          for (const tone of tones)
            await expect(page.locator(`.rtc-status[data-tone="${tone}"]`).first()).toBeVisible();
          await expect(page.locator('#ui-theme')).toBeVisible();
          expect(await contrastViolations(page), query).toEqual([]);
        }

        await rows(page).first().click();
        await expect(page.getByRole('dialog').getByTestId('drawer-TaskId')).toBeVisible();
        await page.waitForTimeout(400); // the drawer's opening animation
        expect(await contrastViolations(page)).toEqual([]);
      });
    }
  }
});
