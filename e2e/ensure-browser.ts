/**
 * Makes sure a Chromium exists for the end-to-end tests before they run.
 * Playwright's own browser is used when installed (`npx playwright install chromium`);
 * otherwise Debian's /usr/bin/chromium, which this script installs with apt-get when it
 * runs as root on a Debian-like machine (as CI does). Anything else: a clear message.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { playwrightChromium, SYSTEM_CHROMIUM } from './chromium';

function main(): void {
  const own = playwrightChromium();
  if (own) {
    console.log(`Chromium for e2e: Playwright's own (${own})`);
    return;
  }
  if (existsSync(SYSTEM_CHROMIUM)) {
    console.log(`Chromium for e2e: ${SYSTEM_CHROMIUM}`);
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('No Chromium found: installing Debian chromium with apt-get…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (existsSync(SYSTEM_CHROMIUM)) return;
  }
  console.error(
    'No Chromium for the end-to-end tests. Install one of:\n' +
      '  npx playwright install chromium      (Playwright’s own build)\n' +
      '  sudo apt-get install -y chromium      (Debian/Ubuntu, /usr/bin/chromium)',
  );
  process.exit(1);
}

main();
