import { describe, expect, it } from 'vitest';
import {
  EMPTY_BODY_SHA256,
  canonicalizeParams,
  parseV3Authorization,
  percentEncode,
  sha256Hex,
  signV3Request,
  v1Signature,
  v1StringToSign,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
  type ParamPair,
} from './index';

describe('percentEncode (RFC 3986)', () => {
  it.each([
    ['abc-_.~XYZ019', 'abc-_.~XYZ019'],
    ['a b', 'a%20b'],
    ['*', '%2A'],
    ["!'()", '%21%27%28%29'],
    ['+/=&', '%2B%2F%3D%26'],
    ['中', '%E4%B8%AD'],
    ['["11","21"]', '%5B%2211%22%2C%2221%22%5D'],
  ])('%j → %s', (input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it('sorts by name and keeps empty values as name=', () => {
    expect(
      canonicalizeParams([
        ['b', ''],
        ['a', 'x y'],
      ]),
    ).toBe('a=x%20y&b=');
  });
});

describe('V3 ACS3-HMAC-SHA256: the published vector', () => {
  const headers = {
    host: 'ecs.cn-shanghai.aliyuncs.com',
    'x-acs-action': 'RunInstances',
    'x-acs-version': '2014-05-26',
    'x-acs-date': '2023-10-26T10:22:32Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
    'x-acs-content-sha256': EMPTY_BODY_SHA256,
  };
  const query: ParamPair[] = [
    ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
    ['RegionId', 'cn-shanghai'],
  ];
  const canonical = v3CanonicalRequest({
    method: 'POST',
    query,
    headers,
    signedHeaders:
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version'.split(';'),
    hashedPayload: EMPTY_BODY_SHA256,
  });

  it('hashes the empty body as documented', () => {
    expect(sha256Hex('')).toBe(EMPTY_BODY_SHA256);
  });
  it('gives the documented canonical request hash', () => {
    expect(sha256Hex(canonical)).toBe('7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
  });
  it('gives the documented signature', () => {
    expect(v3Signature('YourAccessKeySecret', v3StringToSign(canonical))).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });
  it('signV3Request reproduces it end to end', () => {
    const signed = signV3Request({
      method: 'POST',
      host: headers.host,
      action: 'RunInstances',
      version: '2014-05-26',
      accessKeyId: 'YourAccessKeyId',
      accessKeySecret: 'YourAccessKeySecret',
      query,
      date: Date.parse('2023-10-26T10:22:32Z'),
      nonce: '3156853299f313e23d1673dc12e1703d',
    });
    expect(signed.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });
});

describe('parseV3Authorization', () => {
  it.each([
    ['', 'no algorithm'],
    ['ACS3-HMAC-SM3 Credential=a,SignedHeaders=host,Signature=' + 'a'.repeat(64), 'not supported'],
    ['ACS3-HMAC-SHA256 SignedHeaders=host,Signature=' + 'a'.repeat(64), 'no Credential'],
    ['ACS3-HMAC-SHA256 Credential=a,Signature=' + 'a'.repeat(64), 'no SignedHeaders'],
    ['ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=xyz', 'no valid Signature'],
  ])('%j is refused (%s)', (header, why) => {
    const r = parseV3Authorization(header);
    expect(typeof r).toBe('string');
    expect(r).toContain(why);
  });
  it('reads a well-formed header', () => {
    expect(
      parseV3Authorization(
        'ACS3-HMAC-SHA256 Credential=AK, SignedHeaders=host;X-Acs-Date, Signature=' + 'A'.repeat(64),
      ),
    ).toEqual({ accessKeyId: 'AK', signedHeaders: ['host', 'x-acs-date'], signature: 'a'.repeat(64) });
  });
});

describe('V1 HMAC-SHA1: the published vector', () => {
  const params: ParamPair[] = [
    ['AccessKeyId', 'testid'],
    ['Action', 'DescribeDedicatedHosts'],
    ['Format', 'JSON'],
    ['RegionId', 'cn-beijing'],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureNonce', 'edb2b34af0af9a6d14deaf7c1a5315eb'],
    ['SignatureVersion', '1.0'],
    ['Timestamp', '2023-03-13T08:34:30Z'],
    ['Version', '2014-05-26'],
  ];
  it('gives the documented signature', () => {
    expect(v1Signature('testsecret', v1StringToSign('GET', params))).toBe('9NaGiOspFP5UPcwX8Iwt2YJXXuk=');
  });
  it('ignores a Signature parameter and the order of the input', () => {
    const shuffled: ParamPair[] = [...params].reverse();
    shuffled.push(['Signature', 'whatever']);
    expect(v1Signature('testsecret', v1StringToSign('GET', shuffled))).toBe('9NaGiOspFP5UPcwX8Iwt2YJXXuk=');
  });
});
