/**
 * Authenticates an RPC call the way Alibaba's gateway does: Signature V3
 * (ACS3-HMAC-SHA256, Authorization header) or V1 (HMAC-SHA1 in the parameters).
 */
import { timingSafeEqual } from 'node:crypto';
import {
  V3_ALGORITHM,
  parseV3Authorization,
  sha256Hex,
  v1Signature,
  v1StringToSign,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
  type ParamPair,
} from './signing';
import { ERRORS, type ApiFailure } from './errors';
import type { NonceStore } from './nonce-store';

export const DATE_WINDOW_MS = 15 * 60_000;

export interface IncomingCall {
  method: string;
  /** Lower-case header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Decoded query parameters. */
  query: ParamPair[];
  /** Decoded form-body parameters (POST application/x-www-form-urlencoded), else empty. */
  form: ParamPair[];
  body: Buffer;
}

export interface VerifiedCall {
  signatureVersion: 'v3' | 'v1';
  accessKeyId: string;
  action: string | undefined;
  version: string | undefined;
  /** Query and form parameters, in that order. */
  params: ParamPair[];
}

export interface VerifyContext {
  secretFor(accessKeyId: string): string | undefined;
  now: number;
  nonces: NonceStore;
}

const header = (call: IncomingCall, name: string): string | undefined => {
  const v = call.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

const first = (params: ParamPair[], name: string) => params.find(([k]) => k === name)?.[1];

/** `YYYY-MM-DDTHH:mm:ssZ` (milliseconds tolerated); NaN when it is anything else. */
export function parseAcsDate(s: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(s)) return NaN;
  return Date.parse(s);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function checkDate(ctx: VerifyContext, dateName: string, date: string): ApiFailure | number {
  const ms = parseAcsDate(date);
  if (Number.isNaN(ms)) return ERRORS.timestampFormat(dateName);
  if (Math.abs(ctx.now - ms) > DATE_WINDOW_MS) return ERRORS.timestampExpired();
  return ms;
}

function useNonce(ctx: VerifyContext, accessKeyId: string, nonce: string, dateMs: number): ApiFailure | null {
  const r = ctx.nonces.use(`${accessKeyId}\u0000${nonce}`, dateMs, ctx.now);
  if (r === 'full') return ERRORS.unavailable();
  return r ? null : ERRORS.nonceUsed();
}

export function verifyCall(call: IncomingCall, ctx: VerifyContext): VerifiedCall | ApiFailure {
  const params = [...call.query, ...call.form];
  const authorization = header(call, 'authorization');
  if (authorization !== undefined) return verifyV3(call, authorization, params, ctx);
  if (params.some(([k]) => k === 'Signature' || k === 'AccessKeyId' || k === 'SignatureMethod')) {
    return verifyV1(call, params, ctx);
  }
  return ERRORS.incompleteSignature(
    `The request carries no signature: send an ${V3_ALGORITHM} Authorization header or the V1 Signature parameters.`,
  );
}

function verifyV3(
  call: IncomingCall,
  authorization: string,
  params: ParamPair[],
  ctx: VerifyContext,
): VerifiedCall | ApiFailure {
  const auth = parseV3Authorization(authorization);
  if (typeof auth === 'string')
    return ERRORS.incompleteSignature(`${auth[0]!.toUpperCase()}${auth.slice(1)}.`);
  for (const name of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
    if (!header(call, name)) return ERRORS.incompleteSignature(`The header ${name} is missing.`);
  }
  const signed = new Set(auth.signedHeaders);
  const mustSign = Object.keys(call.headers).filter(
    (h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'),
  );
  if (!signed.has('host')) mustSign.push('host');
  for (const h of mustSign) {
    if (!signed.has(h)) return ERRORS.incompleteSignature(`SignedHeaders must include ${h}.`);
  }
  for (const h of signed) {
    if (header(call, h) === undefined)
      return ERRORS.incompleteSignature(`SignedHeaders lists ${h}, which the request does not carry.`);
  }
  const secret = ctx.secretFor(auth.accessKeyId);
  if (secret === undefined) return ERRORS.keyNotFound();
  const date = checkDate(ctx, 'x-acs-date', header(call, 'x-acs-date')!);
  if (typeof date !== 'number') return date;
  const claimedHash = header(call, 'x-acs-content-sha256')!.trim();
  if (claimedHash.toLowerCase() !== sha256Hex(call.body)) {
    return ERRORS.signatureMismatch(
      'The x-acs-content-sha256 header does not match the SHA-256 of the request body.',
    );
  }
  const headers: Record<string, string | undefined> = {};
  for (const h of signed) headers[h] = header(call, h);
  const canonical = v3CanonicalRequest({
    method: call.method,
    query: call.query,
    headers,
    signedHeaders: auth.signedHeaders,
    hashedPayload: claimedHash,
  });
  const stringToSign = v3StringToSign(canonical);
  if (!safeEqual(v3Signature(secret, stringToSign), auth.signature)) {
    // Like the real gateway, show the server's string to sign (it holds no secret).
    return ERRORS.signatureMismatch(`server string to sign is:${stringToSign}`);
  }
  const nonceError = useNonce(ctx, auth.accessKeyId, header(call, 'x-acs-signature-nonce')!, date);
  if (nonceError) return nonceError;
  return {
    signatureVersion: 'v3',
    accessKeyId: auth.accessKeyId,
    action: header(call, 'x-acs-action'),
    version: header(call, 'x-acs-version'),
    params,
  };
}

function verifyV1(call: IncomingCall, params: ParamPair[], ctx: VerifyContext): VerifiedCall | ApiFailure {
  const accessKeyId = first(params, 'AccessKeyId');
  const signature = first(params, 'Signature');
  if (!accessKeyId) return ERRORS.incompleteSignature('The parameter AccessKeyId is missing.');
  if (!signature) return ERRORS.incompleteSignature('The parameter Signature is missing.');
  const method = first(params, 'SignatureMethod');
  if (!method) return ERRORS.missing('SignatureMethod');
  if (method !== 'HMAC-SHA1')
    return ERRORS.incompleteSignature(`SignatureMethod ${method} is not supported.`);
  const sigVersion = first(params, 'SignatureVersion');
  if (sigVersion !== undefined && sigVersion !== '1.0')
    return ERRORS.incompleteSignature(`SignatureVersion ${sigVersion} is not supported.`);
  const timestamp = first(params, 'Timestamp');
  if (!timestamp) return ERRORS.missing('Timestamp');
  const nonce = first(params, 'SignatureNonce');
  if (!nonce) return ERRORS.missing('SignatureNonce');
  const secret = ctx.secretFor(accessKeyId);
  if (secret === undefined) return ERRORS.keyNotFound();
  const date = checkDate(ctx, 'Timestamp', timestamp);
  if (typeof date !== 'number') return date;
  const stringToSign = v1StringToSign(call.method, params);
  if (!safeEqual(v1Signature(secret, stringToSign), signature)) {
    return ERRORS.signatureMismatch(`server string to sign is:${stringToSign}`);
  }
  const nonceError = useNonce(ctx, accessKeyId, nonce, date);
  if (nonceError) return nonceError;
  return {
    signatureVersion: 'v1',
    accessKeyId,
    action: first(params, 'Action'),
    version: first(params, 'Version'),
    params,
  };
}
