/**
 * Makes sure Debian's redis-server exists for the tests that share the upstream budget
 * between replicas (test/helpers/redis-server.ts starts it on a loopback port). Installs
 * the package with apt-get when it is missing and this runs as root on a Debian-like
 * machine (as CI does); anything else: a clear message naming the package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function main(): void {
  if (onPath('redis-server')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('No redis-server found: installing Debian redis-server with apt-get…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
    if (onPath('redis-server')) return;
  }
  console.error(
    'No redis-server for the integration tests. Install it:\n' +
      '  sudo apt-get install -y redis-server      (Debian/Ubuntu)',
  );
  process.exit(1);
}

main();
