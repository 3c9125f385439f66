/**
 * Signature V1 for RPC APIs (HMAC-SHA1 over the sorted parameters), still used by older
 * tools such as the aliyun CLI. Pure functions shared by the emulator and tests.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { acsDate } from './v3';
import { canonicalizeParams, percentEncode, type ParamPair } from './rfc3986';

/** `METHOD&%2F&enc(sorted params)`: every parameter but Signature itself. */
export function v1StringToSign(method: string, params: readonly ParamPair[]): string {
  const canonical = canonicalizeParams(params.filter(([k]) => k !== 'Signature'));
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function v1Signature(secret: string, stringToSign: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

export interface SignV1Options {
  method: 'GET' | 'POST';
  action: string;
  version: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** API parameters (all signed, whether they travel in the query or a form body). */
  params?: readonly ParamPair[];
  date?: number;
  nonce?: string;
}

/** Returns every parameter, common ones and Signature included, ready to send. */
export function signV1Params(o: SignV1Options): ParamPair[] {
  const params: ParamPair[] = [
    ['Action', o.action],
    ['Version', o.version],
    ['Format', 'JSON'],
    ['AccessKeyId', o.accessKeyId],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureVersion', '1.0'],
    ['SignatureNonce', o.nonce ?? randomBytes(16).toString('hex')],
    ['Timestamp', acsDate(o.date ?? Date.now())],
    ...(o.params ?? []),
  ];
  params.push(['Signature', v1Signature(o.accessKeySecret, v1StringToSign(o.method, params))]);
  return params;
}
