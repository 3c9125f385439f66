/** Headless Chromium: Playwright's own when installed, else Debian's /usr/bin/chromium. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export async function launchChromium(): Promise<Browser> {
  let own: string | undefined;
  try {
    const p = chromium.executablePath();
    if (existsSync(p)) own = p;
  } catch {
    own = undefined;
  }
  if (own) return chromium.launch({ headless: true });
  return chromium.launch({
    headless: true,
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
