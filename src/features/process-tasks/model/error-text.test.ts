import { describe, expect, it } from 'vitest';
import { looksLikeErrorText } from './error-text';

describe('looksLikeErrorText', () => {
  it.each<[string, boolean]>([
    ['waf_openapi.Quota.BlacklistFull', true],
    ['Throttling.User', true],
    ['  aegis_openapi.Client.Offline ', true],
    ['QuotaExceeded : The number of blocked IP addresses exceeds the limit', true],
    ['restore failed', true],
    ['InstanceNotFound', false],
    ['instance not found', true],
    ['封禁失败', true],
    ['203.0.113.10', false],
    ['10.0.0.0/8', false],
    ['/usr/bin/curl', false],
    ['C:\\Windows\\svchost.exe', false],
    ['svchost.exe', false],
    ['7c2f2a64-5b1e-4e0b-9d55-0e6f3f0a1b01', false],
    ['mining', false],
    ['err', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeErrorText(text)).toBe(expected);
  });
});
