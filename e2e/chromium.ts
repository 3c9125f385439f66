/**
 * Which Chromium the end-to-end tests and benchmarks drive: Playwright's own build when it
 * is installed (`npx playwright install chromium`), otherwise Debian's /usr/bin/chromium,
 * started with flags that keep it off the network it has no business with.
 */
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The path of Playwright's own Chromium when it is installed. */
export function playwrightChromium(): string | undefined {
  try {
    const p = chromium.executablePath();
    return existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Launch options for whichever Chromium is there: none needed for Playwright's own. */
export function chromiumLaunchOptions(): LaunchOptions {
  return playwrightChromium() ? {} : { executablePath: SYSTEM_CHROMIUM, args: SYSTEM_CHROMIUM_ARGS };
}
