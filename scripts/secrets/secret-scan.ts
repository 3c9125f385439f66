/**
 * Looks for secrets in text and files: verbatim, and in the encodings a leak would most
 * likely take (base64 at any alignment, base64url, percent-encoding, hex, JSON escapes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface SecretFinding {
  /** File path or label of the scanned text. */
  where: string;
  /** Name of the secret found (never the secret itself). */
  secret: string;
  encoding: string;
  offset: number;
}

interface Needle {
  secret: string;
  encoding: string;
  bytes: Buffer;
}

/** Base64 of `s` embedded at each of the three byte alignments, trimmed to the stable middle. */
function base64Variants(s: Buffer, url: boolean): Buffer[] {
  const out: Buffer[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const enc = Buffer.concat([Buffer.alloc(pad), s]).toString(url ? 'base64url' : 'base64');
    // Drop the characters that depend on the neighbouring bytes.
    const start = Math.ceil((pad * 4) / 3);
    const end = Math.floor(((pad + s.length) * 4) / 3);
    out.push(Buffer.from(enc.slice(start, end)));
  }
  return out;
}

export function secretNeedles(secrets: Record<string, string>): Needle[] {
  const needles: Needle[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (value.length < 8) throw new Error(`Secret ${name} is too short to scan for without false alarms.`);
    const raw = Buffer.from(value, 'utf8');
    const add = (encoding: string, text: string | Buffer) =>
      needles.push({ secret: name, encoding, bytes: Buffer.isBuffer(text) ? text : Buffer.from(text) });
    add('verbatim', raw);
    add('percent-encoded', encodeURIComponent(value));
    add('json-escaped', JSON.stringify(value).slice(1, -1));
    add('hex', raw.toString('hex'));
    add('HEX', raw.toString('hex').toUpperCase());
    for (const b of base64Variants(raw, false)) add('base64', b);
    for (const b of base64Variants(raw, true)) add('base64url', b);
  }
  // Identical needles (e.g. percent-encoding of a plain secret) are scanned once.
  const seen = new Set<string>();
  return needles.filter((n) => {
    const k = `${n.secret}\0${n.bytes.toString('latin1')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function scanBuffer(where: string, content: Buffer | string, needles: Needle[]): SecretFinding[] {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  const findings: SecretFinding[] = [];
  for (const n of needles) {
    const offset = buf.indexOf(n.bytes);
    if (offset >= 0) findings.push({ where, secret: n.secret, encoding: n.encoding, offset });
  }
  return findings;
}

/** Every file under `dir`, recursively (symlinks not followed). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/**
 * The entries of a zip archive (Playwright traces are zips of network logs and
 * snapshots), read through the central directory; stored and deflated entries only.
 * Throws on anything else, so an archive is never skipped silently.
 */
export function zipEntries(zip: Buffer): { name: string; data: Buffer }[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out: { name: string; data: Buffer }[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || local === 0xffffffff) throw new Error(`zip64 entry ${name} not supported`);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    if (method === 0) out.push({ name, data: raw });
    else if (method === 8) out.push({ name, data: inflateRawSync(raw) });
    else throw new Error(`entry ${name} uses compression method ${method}`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Scans every file under `dir`; zip archives are opened and their entries scanned too. */
export function scanDir(
  dir: string,
  needles: Needle[],
  base = process.cwd(),
): { files: number; findings: SecretFinding[] } {
  const files = listFiles(dir);
  const findings: SecretFinding[] = [];
  for (const f of files) {
    const where = relative(base, f) || f;
    const content = readFileSync(f);
    findings.push(...scanBuffer(where, content, needles));
    if (!f.endsWith('.zip')) continue;
    let entries: { name: string; data: Buffer }[];
    try {
      entries = zipEntries(content);
    } catch (err) {
      throw new Error(`Cannot open ${where} to scan it: ${(err as Error).message}`, { cause: err });
    }
    for (const e of entries) findings.push(...scanBuffer(`${where}!${e.name}`, e.data, needles));
  }
  return { files: files.length, findings };
}
