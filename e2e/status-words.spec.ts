/**
 * The status tags in both languages at a laptop's 1366×768: every documented status, in
 * Alibaba's words (en-US metadata: 21 "being blocked", 22 "being quarantined", 92 "restoring
 * quarantined files failed"; zh-CN: 封禁中, 隔离中, 解除隔离失败), on one line and not clipped by
 * the sticky Status column (150 px). Which statuses exist is read from the API.
 */
import type { Page, TestInfo } from '@playwright/test';
import { TASK_STATUSES } from '../src/shared/catalogue';
import { expect, test } from './fixtures';
import { describe, rows } from './helpers';

test.use({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai' });

const WORDS: Record<'en' | 'zh-CN', Record<number, string>> = {
  en: {
    11: 'In progress (11)',
    21: 'Blocked (21)',
    22: 'Quarantined (22)',
    23: 'Ended (23)',
    24: 'Whitelisted (24)',
    20: 'Succeeded (20)',
    90: 'Failed (90)',
    91: 'Unblock failed (91)',
    92: 'Restore failed (92)',
  },
  'zh-CN': {
    11: '处置中（11）',
    21: '封禁中（21）',
    22: '隔离中（22）',
    23: '已结束（23）',
    24: '已加白（24）',
    20: '成功（20）',
    90: '失败（90）',
    91: '解封失败（91）',
    92: '解除隔离失败（92）',
  },
};

/**
 * How each tag on screen sits in its cell: on one line, its text whole, and not cut off by
 * the cell (the sticky column clips at its edge: `overflow: hidden`).
 */
async function tagFits(page: Page): Promise<{ text: string; fits: boolean; why: string }[]> {
  return page.locator('tbody tr.rtc-row td[data-column-id="TaskStatus"] .rtc-status').evaluateAll((tags) =>
    tags.map((tag) => {
      const el = tag as HTMLElement;
      const box = el.getBoundingClientRect();
      const cellBox = el.closest('td')!.getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
      const why = [
        el.scrollWidth > el.clientWidth ? `text ${el.scrollWidth} px in ${el.clientWidth} px` : '',
        box.right > cellBox.right ? `ends at ${box.right} px, the cell at ${cellBox.right} px` : '',
        // Padding 1 px above and below: two lines would be twice as tall.
        box.height > lineHeight + 4 ? `${box.height} px tall for a ${lineHeight} px line` : '',
      ]
        .filter(Boolean)
        .join('; ');
      return { text: el.textContent ?? '', fits: why === '', why };
    }),
  );
}

async function shot(page: Page, info: TestInfo, name: string) {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`every status tag reads Alibaba's words and fits its column at 1366 px: ${locale}`, async ({
    page,
    api,
  }, info) => {
    await page.addInitScript((lo) => localStorage.setItem('rtc.locale.v1', JSON.stringify(lo)), locale);
    for (const code of TASK_STATUSES) {
      const total = (await describe(api, { TaskStatus: `["${code}"]`, PageSize: '10' })).Page.TotalCount;
      expect(total, `the seeded data has status ${code}`).toBeGreaterThan(0);
      await page.goto(`/?TaskStatus=${code}&PageSize=10`);
      const tags = page.locator('tbody tr.rtc-row td[data-column-id="TaskStatus"] .rtc-status');
      await expect(tags.first()).toHaveText(WORDS[locale][code]!);
      await expect(rows(page)).toHaveCount(Math.min(total, 10));
      for (const fit of await tagFits(page)) expect(fit.fits, `${fit.text}: ${fit.why}`).toBe(true);
      // For the eye: the statuses whose words changed, and the longest.
      if ([21, 22, 91, 92].includes(code)) await shot(page, info, `status-${code}-${locale}`);
    }
  });
}
