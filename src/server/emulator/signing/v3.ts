/**
 * Signature V3, ACS3-HMAC-SHA256: the algorithm the official SDKs use. Pure functions,
 * shared by the emulator (to verify) and tests or tools (to sign).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalizeParams, type ParamPair } from './rfc3986';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface V3CanonicalInput {
  method: string;
  /** Decoded query parameters. */
  query: readonly ParamPair[];
  /** Header names (any case) to values. Only the names in signedHeaders are used. */
  headers: Record<string, string | undefined>;
  /** Lower-case header names, as in the Authorization header. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body (x-acs-content-sha256). */
  hashedPayload: string;
  /** Always '/' for RPC. */
  pathname?: string;
}

export function canonicalHeaders(
  headers: Record<string, string | undefined>,
  signedHeaders: readonly string[],
): string {
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) lower.set(k.toLowerCase(), v);
  return [...signedHeaders]
    .map((h) => h.toLowerCase())
    .sort()
    .map((h) => `${h}:${(lower.get(h) ?? '').trim()}\n`)
    .join('');
}

export function v3CanonicalRequest(input: V3CanonicalInput): string {
  const signed = [...input.signedHeaders].map((h) => h.toLowerCase()).sort();
  return [
    input.method.toUpperCase(),
    input.pathname ?? '/',
    canonicalizeParams(input.query),
    canonicalHeaders(input.headers, signed),
    signed.join(';'),
    input.hashedPayload,
  ].join('\n');
}

export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function v3Signature(secret: string, stringToSign: string): string {
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

export interface V3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export function formatV3Authorization(a: V3Authorization): string {
  return `${V3_ALGORITHM} Credential=${a.accessKeyId},SignedHeaders=${a.signedHeaders.join(';')},Signature=${a.signature}`;
}

/** Parses an Authorization header; a string saying what is wrong when it is malformed. */
export function parseV3Authorization(header: string): V3Authorization | string {
  const m = /^(\S+)\s+(.*)$/s.exec(header.trim());
  if (!m) return 'the Authorization header has no algorithm and credentials';
  if (m[1] !== V3_ALGORITHM) return `the signature algorithm ${m[1]} is not supported (use ${V3_ALGORITHM})`;
  const parts = new Map<string, string>();
  for (const piece of m[2]!.split(',')) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const accessKeyId = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!accessKeyId) return 'the Authorization header has no Credential';
  if (!signedHeaders) return 'the Authorization header has no SignedHeaders';
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature))
    return 'the Authorization header has no valid Signature';
  return {
    accessKeyId,
    signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature: signature.toLowerCase(),
  };
}

/** `YYYY-MM-DDTHH:mm:ssZ` in UTC, no milliseconds, as x-acs-date and Timestamp want it. */
export function acsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface SignV3Options {
  method: 'GET' | 'POST';
  host: string;
  action: string;
  version: string;
  accessKeyId: string;
  accessKeySecret: string;
  query?: readonly ParamPair[];
  body?: string;
  contentType?: string;
  date?: number;
  nonce?: string;
  securityToken?: string;
  /** Extra headers to send and sign (x-acs-* or others). */
  extraHeaders?: Record<string, string>;
}

/**
 * Builds the headers of a V3-signed request the way the official client does (host,
 * x-acs-*, content-type when there is a body). For tools and tests that send raw requests.
 */
export function signV3Request(o: SignV3Options): Record<string, string> {
  const body = o.body ?? '';
  const headers: Record<string, string> = {
    host: o.host,
    'x-acs-action': o.action,
    'x-acs-version': o.version,
    'x-acs-date': acsDate(o.date ?? Date.now()),
    'x-acs-signature-nonce': o.nonce ?? randomBytes(16).toString('hex'),
    'x-acs-content-sha256': sha256Hex(body),
    ...(o.securityToken ? { 'x-acs-security-token': o.securityToken } : {}),
    ...(o.contentType ? { 'content-type': o.contentType } : {}),
    ...o.extraHeaders,
  };
  const signedHeaders = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'))
    .sort();
  const canonical = v3CanonicalRequest({
    method: o.method,
    query: o.query ?? [],
    headers,
    signedHeaders,
    hashedPayload: headers['x-acs-content-sha256']!,
  });
  const signature = v3Signature(o.accessKeySecret, v3StringToSign(canonical));
  headers.authorization = formatV3Authorization({ accessKeyId: o.accessKeyId, signedHeaders, signature });
  return headers;
}
