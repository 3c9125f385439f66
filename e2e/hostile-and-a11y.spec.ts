import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { HOSTILE_TASK_IDS } from '../src/server/emulator/index';
import { test, expect } from './fixtures';
import { rows } from './helpers';

/** Elements that would only exist if data had been interpreted as HTML. */
async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.body;
    for (const s of root.querySelectorAll('script')) found.push(`script: ${s.outerHTML.slice(0, 80)}`);
    for (const el of root.querySelectorAll(
      'img[src="x"], img[onerror], b, a[href^="javascript:"], iframe, object, embed',
    ))
      found.push(`${el.tagName.toLowerCase()}: ${el.outerHTML.slice(0, 80)}`);
    return found;
  });
}

async function seriousViolations(builder: AxeBuilder) {
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('hostile records render as inert text', () => {
  test('in the list and in the drawer, for every hostile record', async ({ page }) => {
    test.setTimeout(120_000);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const [name, id] of Object.entries(HOSTILE_TASK_IDS)) {
      await page.goto(`/tasks/${encodeURIComponent(id)}?TaskId=${encodeURIComponent(id)}`);
      await expect(rows(page), name).toHaveCount(1);
      const drawer = page.getByRole('dialog');
      await expect(drawer.getByTestId('drawer-TaskId'), name).toHaveText(id);
      await expect(drawer.getByTestId('drawer-InputParams'), name).not.toBeEmpty();
      expect(await injectedElements(page), name).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  });

  test('hostile text shows verbatim', async ({ page }) => {
    await page.goto(
      `/tasks/${HOSTILE_TASK_IDS.scriptInEntityName}?TaskId=${HOSTILE_TASK_IDS.scriptInEntityName}`,
    );
    await expect(page.getByRole('dialog').getByTestId('drawer-EntityName')).toHaveText(
      '<script>alert("xss-entity")</script>',
    );
    await expect(page.locator('tbody td[data-column-id="EntityName"]')).toContainText(
      '<script>alert("xss-entity")</script>',
    );

    await page.goto(`/tasks/${HOSTILE_TASK_IDS.scriptInErrMsg}`);
    await expect(page.getByRole('dialog').getByTestId('drawer-ErrMsg')).toHaveText(
      'Failed: <script>alert("xss-errmsg")</script><a href="javascript:alert(1)">retry</a>',
    );

    await page.goto(`/tasks/${HOSTILE_TASK_IDS.htmlInInputParams}`);
    const tree = page.getByRole('dialog').getByTestId('json-tree');
    await expect(tree).toContainText(`"<img src=x onerror=alert('xss-params')><b>bold</b>"`);
    expect(await injectedElements(page)).toEqual([]);
  });

  test('a direction-control character shows as a marked token with a warning; copy gives the raw value', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const id = HOSTILE_TASK_IDS.rightToLeftText;
    const warning = { name: 'Contains invisible or direction-control characters' };
    await page.goto(`/tasks/${id}?TaskId=${id}`);

    const cell = page.locator('tbody td[data-column-id="EntityName"]');
    await expect(cell).toHaveText('invoice⟨U+202E⟩gpj.exe');
    await expect(cell.getByRole('img', warning)).toBeVisible();
    await expect(
      cell.getByRole('img', { name: 'Invisible character U+202E RIGHT-TO-LEFT OVERRIDE' }),
    ).toHaveText('⟨U+202E⟩');

    const drawer = page.getByRole('dialog');
    const entity = drawer.getByTestId('drawer-EntityName');
    await expect(entity).toHaveText('invoice⟨U+202E⟩gpj.exe');
    await expect(entity.getByRole('img', warning)).toBeVisible();
    const tree = drawer.getByTestId('json-tree');
    await expect(tree).toContainText('invoice⟨U+202E⟩gpj.exe');
    await expect(tree.getByRole('img', warning)).toBeVisible();
    // Text without such characters carries no warning.
    await expect(drawer.getByTestId('drawer-SceneName').getByRole('img', warning)).toHaveCount(0);

    await drawer.getByRole('button', { name: 'Copy input parameters' }).first().click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('{"filePath":"C:\\\\Users\\\\Public\\\\invoice\u202Egpj.exe","note":"שלום עולם"}');
  });

  test('tab and carriage return in single-line fields show as marked tokens with the warning', async ({
    page,
  }) => {
    const warning = { name: 'Contains invisible or direction-control characters' };
    for (const [id, token, name, others] of [
      [
        HOSTILE_TASK_IDS.formulaLeadingTab,
        '⟨TAB⟩',
        'Invisible character U+0009 CHARACTER TABULATION',
        [['drawer-SceneName', '⟨TAB⟩=HYPERLINK("http://evil.example")']],
      ],
      [
        HOSTILE_TASK_IDS.formulaLeadingCarriageReturn,
        '⟨CR⟩',
        'Invisible character U+000D CARRIAGE RETURN',
        [['drawer-Creator', '⟨CR⟩@evil']],
      ],
    ] as const) {
      await page.goto(`/tasks/${id}?TaskId=${id}`);
      const cell = page.locator('tbody td[data-column-id="EntityName"]');
      await expect(cell, id).toHaveText(`${token}=1+1`);
      await expect(cell.getByRole('img', warning), id).toBeVisible();
      await expect(cell.getByRole('img', { name }), id).toHaveText(token);

      const drawer = page.getByRole('dialog');
      const entity = drawer.getByTestId('drawer-EntityName');
      await expect(entity, id).toHaveText(`${token}=1+1`);
      await expect(entity.getByRole('img', warning), id).toBeVisible();
      for (const [testId, text] of others) {
        await expect(drawer.getByTestId(testId), id).toContainText(text);
        await expect(drawer.getByTestId(testId).getByRole('img', warning), id).toBeVisible();
      }
    }
  });

  test('empty, broken and 200 KB InputParams are labelled and do not freeze the page', async ({ page }) => {
    await page.goto(`/tasks/${HOSTILE_TASK_IDS.inputParamsEmpty}`);
    await expect(page.getByRole('dialog').getByTestId('json-empty')).toContainText('Empty');

    await page.goto(`/tasks/${HOSTILE_TASK_IDS.inputParamsNotJson}`);
    const broken = page.getByRole('dialog').getByTestId('json-not-json');
    await expect(broken).toContainText('Not JSON');
    await expect(broken.getByTestId('json-raw')).toHaveText("{ip: 203.0.113.12, 'broken': [ not json");

    await page.goto(`/tasks/${HOSTILE_TASK_IDS.inputParamsHuge}`);
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('json-tree')).toContainText('ipList');
    // The page still answers promptly with the big document on screen.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(Date.now() - t0).toBeLessThan(1000);
    await drawer.getByText('Raw value').click();
    await expect(drawer.getByRole('button', { name: /Show all \(2\d\d\.\d KB\)/ })).toBeVisible();
  });

  test('unknown codes and missing fields never crash', async ({ page }) => {
    await page.goto(`/?TaskId=${HOSTILE_TASK_IDS.unknownTaskStatus}`);
    await expect(page.locator('tbody td[data-column-id="TaskStatus"]')).toHaveText('Unknown (25)');
    await page.goto(`/tasks/${HOSTILE_TASK_IDS.onlyTaskId}?TaskId=${HOSTILE_TASK_IDS.onlyTaskId}`);
    await expect(page.getByRole('dialog').getByTestId('drawer-TaskStatus')).toHaveText('—');
    // Created is no longer a default column (issue 11): Processed, the default time, and the reason.
    await expect(page.locator('tbody td[data-column-id="ProcessTime"]')).toHaveText('—');
    await expect(page.locator('tbody td[data-column-id="Reason"]')).toHaveText('—');
  });
});

test.describe('accessibility', () => {
  test('axe finds no serious or critical violation in the list and the open drawer', async ({ page }) => {
    await page.goto('/?TaskStatus=90,91');
    await expect(rows(page).first()).toBeVisible();
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);

    await rows(page).first().click();
    await expect(page.getByRole('dialog').getByTestId('drawer-TaskId')).toBeVisible();
    await expect(page.getByRole('dialog').getByTestId('json-tree')).toBeVisible();
    await page.waitForTimeout(400); // the drawer's opening animation
    expect(await seriousViolations(new AxeBuilder({ page }))).toEqual([]);
  });

  test('the table works by keyboard: Tab to a row, Enter opens, Escape closes', async ({ page }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    let onRow = false;
    for (let i = 0; i < 80 && !onRow; i++) {
      await page.keyboard.press('Tab');
      onRow = await page.evaluate(() => document.activeElement?.matches('tr.rtc-row') ?? false);
    }
    expect(onRow, 'a row is reachable with Tab').toBe(true);
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-task-id'));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/tasks/${id}$`));
    await expect(page.getByRole('dialog').getByTestId('drawer-TaskId')).toHaveText(id!);
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('dialog')).toBeHidden();
    // Focus comes back to the row, and arrow keys move between rows.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-task-id')))
      .toBe(id);
    await page.keyboard.press('ArrowDown');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('data-task-id'));
    expect(next).not.toBe(id);
    expect(next).toBeTruthy();
  });
});

test.describe('links the server cannot decode (issue 14 item 2)', () => {
  test('a damaged task link opens the list with a visible notice', async ({ page }) => {
    const response = await page.goto('/tasks/100%');
    expect(response?.status()).toBe(200);
    const notice = page.getByTestId('url-notices');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('/tasks/100%');
    await expect(notice).toContainText('damaged');
    await expect(rows(page).first()).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
  });

  test('the icon is served, and a missing file is a 404, not the app (issue 14 item 11)', async ({
    page,
  }) => {
    await page.goto('/');
    const icon = await page.request.get('/favicon.svg');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
    for (const path of ['/favicon.ico', '/robots.txt', '/assets/missing-chunk.js']) {
      const r = await page.request.get(path);
      expect([path, r.status()]).toEqual([path, 404]);
      expect(await r.text()).not.toContain('<div id="root">');
    }
  });
});
