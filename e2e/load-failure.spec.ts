/**
 * When the server goes away or a part's code cannot be fetched (the server unreachable, or
 * the console updated since the page was opened), the page says so instead of going blank:
 * the failed refresh's error line is fetched ahead, a part that still cannot load shows a
 * plain line, and anything else shows the failure screen with Reload
 * (components/load-failure.tsx). Against the real server and seeded emulator.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { rows } from './helpers';

// What these failures print in the console, on purpose: refused connections, the 503s, the
// chunk that could not be fetched (React reports the error its boundary caught).
test.use({
  allowedConsoleErrors: [
    [/net::ERR_CONNECTION_REFUSED/, /status of 503/, /Failed to fetch dynamically imported module/],
    { scope: 'test' },
  ],
});

const ALIBABA_503 = JSON.stringify({
  RequestId: 'E2E-503',
  Code: 'ServiceUnavailable',
  Message: 'The request has failed due to a temporary failure of the server.',
  HostId: 'sophonsoar.aliyuncs.com',
});

/** The first rows, and the lazy parts that load after them (the error line's code among them). */
async function loaded(page: Page): Promise<void> {
  const errorChunk = page.waitForResponse((r) => /\/assets\/error-state-[^/]+\.js$/.test(r.url()));
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  await errorChunk;
}

test('with the server gone, a failed refresh still says so over the rows it keeps', async ({ page }) => {
  await loaded(page);
  const first = await rows(page).first().getAttribute('data-task-id');
  // Nothing reaches the server any more: data, code, anything.
  await page.route('**/*', (route) => route.abort('connectionrefused'));
  await page.getByTestId('refresh').click();
  const error = page.getByTestId('error-state');
  await expect(error).toBeVisible();
  await expect(error).toContainText('The tasks could not be loaded');
  await expect(rows(page).first()).toHaveAttribute('data-task-id', first!);
  await expect(page.getByTestId('page-failure')).toHaveCount(0);
});

test('when the error line’s own code cannot be fetched, a plain line says it, with Retry', async ({
  page,
}) => {
  await page.route(/\/assets\/error-state-[^/]+\.js$/, (route) => route.abort('connectionrefused'));
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  let failing = true;
  await page.route(/\/api\/DescribeProcessTasks/, (route) =>
    failing
      ? route.fulfill({ status: 503, contentType: 'application/json', body: ALIBABA_503 })
      : route.continue(),
  );
  await page.getByTestId('refresh').click();
  const line = page.getByTestId('error-state-plain');
  await expect(line).toBeVisible();
  await expect(line).toHaveAttribute('role', 'alert');
  await expect(line).toContainText('The tasks could not be loaded');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByTestId('page-failure')).toHaveCount(0);
  // Retry goes to the server again; once it answers, the line goes.
  failing = false;
  await line.getByRole('button', { name: 'Retry' }).click();
  await expect(line).toHaveCount(0);
  await expect(rows(page).first()).toBeVisible();
});

for (const [locale, title, reload] of [
  ['en', 'Part of the page could not be loaded', 'Reload the page'],
  ['zh-CN', '页面的一部分无法加载', '重新加载页面'],
] as const) {
  test(`${locale}: a part whose code cannot be fetched shows the failure screen with Reload, not a blank page`, async ({
    page,
  }) => {
    await page.addInitScript((lo) => localStorage.setItem('rtc.locale.v1', JSON.stringify(lo)), locale);
    // The filter controls load just after the first rows; their code is gone.
    await page.route(/\/assets\/filter-controls-[^/]+\.js$/, (route) => route.abort('connectionrefused'));
    await page.goto('/?TaskStatus=90');
    const failure = page.getByTestId('page-failure');
    await expect(failure).toBeVisible();
    await expect(failure.getByRole('heading')).toHaveText(title);
    await page.unroute(/\/assets\/filter-controls-[^/]+\.js$/);
    await failure.getByRole('button', { name: reload }).click();
    // Reloaded at the same link: the filters are kept.
    await expect(rows(page).first()).toBeVisible();
    await expect(page).toHaveURL(/\?TaskStatus=90$/);
    await expect(failure).toHaveCount(0);
  });
}
