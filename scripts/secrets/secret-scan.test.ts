import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scanBuffer, scanDir, secretNeedles, zipEntries } from './secret-scan';

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

  it('opens zip archives (Playwright traces) and scans their stored and deflated entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtc-scan-zip-'));
    const zip = makeZip([
      { name: 'trace.trace', data: Buffer.from('{"clean":true}'), deflate: false },
      {
        name: 'resources/body.json',
        data: Buffer.from(`{"k":${JSON.stringify(SECRET)}}`.repeat(50)),
        deflate: true,
      },
    ]);
    expect(zipEntries(zip).map((e) => e.name)).toEqual(['trace.trace', 'resources/body.json']);
    writeFileSync(join(dir, 'trace.zip'), zip);
    const { findings } = scanDir(dir, needles, dir);
    expect([...new Set(findings.map((f) => f.where))]).toEqual(['trace.zip!resources/body.json']);
    writeFileSync(join(dir, 'broken.zip'), zip.subarray(0, 40));
    expect(() => scanDir(dir, needles, dir)).toThrow(/Cannot open broken.zip/);
  });
});

/** A minimal zip writer (CRCs left at zero: the scanner does not check them). */
function makeZip(entries: { name: string; data: Buffer; deflate: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
