import type { Page, Request } from '@playwright/test';
import { test, expect } from './fixtures';
import { rows } from './helpers';

/** Every request the page makes from now on, in the order it starts. */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}

const apiPath = (r: Request) => new URL(r.url()).pathname;
const isScript = (r: Request) => r.resourceType() === 'script';

// The first page's request starts in the entry chunk, before the app boots, and React
// Query takes it over: one request per page, whatever the URL describes.
const CASES = [
  { url: '/', expected: { PageNumber: '1', PageSize: '20', OrderField: 'gmtCreate', Direction: 'desc' } },
  {
    url: '/?TaskStatus=90,91&PageNumber=2&PageSize=10',
    expected: { TaskStatus: '["90","91"]', PageNumber: '2', PageSize: '10' },
  },
];

test.describe('first load', () => {
  for (const { url, expected } of CASES) {
    test(`${url}: one DescribeProcessTasks and one config request, started before the app renders`, async ({
      page,
    }) => {
      const requests = recordRequests(page);
      await page.goto(url);
      await expect(rows(page).first()).toBeVisible();
      // Let the next page's prefetch and any late request happen before counting.
      await page.waitForLoadState('networkidle');

      const list = requests.filter((r) => apiPath(r) === '/api/DescribeProcessTasks');
      const firstPage = list.filter(
        (r) => new URL(r.url()).searchParams.get('PageNumber') === expected.PageNumber,
      );
      expect(firstPage, 'requests for the first page').toHaveLength(1);
      const params = Object.fromEntries(new URL(firstPage[0]!.url()).searchParams);
      expect(params).toMatchObject(expected);
      expect(requests.filter((r) => apiPath(r) === '/api/config')).toHaveLength(1);
      // Any other list request is the next page's prefetch, made once.
      for (const r of list) {
        if (r === firstPage[0]) continue;
        expect(new URL(r.url()).searchParams.get('PageNumber')).toBe(String(Number(expected.PageNumber) + 1));
      }
      expect(list.length).toBeLessThanOrEqual(2);

      // The list request starts from the entry chunk: before the app's chunks are even
      // requested (the entry module's body runs the fetch before its dynamic import),
      // and before the React root renders.
      const firstIndex = requests.indexOf(firstPage[0]!);
      const scripts = requests.filter(isScript);
      const entry = scripts[0]!;
      expect(requests.indexOf(entry)).toBeLessThan(firstIndex);
      const appChunk = scripts.find((r) => /\/assets\/bootstrap-[^/]+\.js$/.test(r.url()));
      expect(appChunk, 'the app chunk is requested').toBeDefined();
      expect(firstIndex).toBeLessThan(requests.indexOf(appChunk!));
      const marks = await page.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
      );
      expect(marks['rtc:early-requests']).toBeDefined();
      expect(marks['rtc:app-render']).toBeDefined();
      expect(marks['rtc:early-requests']!).toBeLessThan(marks['rtc:app-render']!);
    });
  }
});
