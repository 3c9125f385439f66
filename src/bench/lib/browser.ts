/** Headless Chromium: Playwright's own when installed, else Debian's /usr/bin/chromium. */
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../e2e/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ headless: true, ...chromiumLaunchOptions() });
}
