/**
 * Looks for secrets in text and files: verbatim, and in the encodings a leak would most
 * likely take (base64 at any alignment, base64url, percent-encoding, hex, JSON escapes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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

export function scanDir(
  dir: string,
  needles: Needle[],
  base = process.cwd(),
): { files: number; findings: SecretFinding[] } {
  const files = listFiles(dir);
  const findings: SecretFinding[] = [];
  for (const f of files) {
    findings.push(...scanBuffer(relative(base, f) || f, readFileSync(f), needles));
  }
  return { files: files.length, findings };
}
