import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanBuffer, scanDir, secretNeedles } from './secret-scan';

const SECRET = 'kT9#q/Zr+8wX!pL2 v"N\\~?>';
const needles = secretNeedles({ TEST_SECRET: SECRET });

describe('secret scan', () => {
  const leaks: [string, (s: string) => string][] = [
    ['verbatim', (s) => s],
    ['percent-encoded', (s) => encodeURIComponent(s)],
    ['json-escaped', (s) => JSON.stringify({ k: `a"${s}` })],
    ['hex', (s) => Buffer.from(s).toString('hex')],
    ['HEX', (s) => Buffer.from(s).toString('hex').toUpperCase()],
    ['base64', (s) => Buffer.from(s).toString('base64')],
    ['base64', (s) => Buffer.from(`x${s}`).toString('base64')],
    ['base64', (s) => Buffer.from(`xy${s}`).toString('base64')],
    ['base64', (s) => Buffer.from(`id:${s}&more`).toString('base64')],
    ['base64url', (s) => Buffer.from(`zz${s}`).toString('base64url')],
  ];
  it.each(leaks)('finds a %s leak inside other text', (encoding, encode) => {
    const found = scanBuffer('log', `{"msg":"x","v":"${encode(SECRET)}"}\n`, needles);
    // An encoding that equals another (base64url without + or /) is reported under that one.
    expect(found.length, encoding).toBeGreaterThan(0);
    expect(found.every((f) => f.secret === 'TEST_SECRET')).toBe(true);
  });

  it('finds nothing in clean text, including near misses', () => {
    const near = SECRET.slice(0, -1);
    const text = `${near} ${Buffer.from(near).toString('base64')} ${encodeURIComponent(near)}`;
    expect(scanBuffer('clean', text, needles)).toEqual([]);
  });

  it('scans a directory tree, naming files and never the secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtc-scan-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<html>clean</html>');
    writeFileSync(join(dir, 'assets', 'app.js'), `const k=${JSON.stringify(SECRET)};`);
    const { files, findings } = scanDir(dir, needles, dir);
    expect(files).toBe(2);
    expect(findings.map((f) => f.where)).toEqual(['assets/app.js']);
    expect(JSON.stringify(findings)).not.toContain(SECRET);
  });

  it('refuses secrets too short to scan for', () => {
    expect(() => secretNeedles({ S: 'abc' })).toThrow(/too short/);
  });
});
