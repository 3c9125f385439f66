import { describe, expect, it } from 'vitest';
import { MAX_DETAIL_CHARS, pickAccessDeniedDetail, recommendHref } from './upstream-error';

describe('recommendHref: a link only to Alibaba Cloud over https', () => {
  it.each([
    'https://api.aliyun.com/troubleshoot?q=NoPermission&product=Sophonsoar&requestId=ABC',
    'https://aliyun.com/',
    'https://ram.console.aliyun.com/policies',
    'https://www.alibabacloud.com/help/en/ram/',
    'https://API.ALIYUN.COM/x',
    'https://next.api.alibabacloud.com/troubleshoot',
  ])('%s is a link', (value) => {
    expect(recommendHref(value)).toBe(new URL(value).href);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript://api.aliyun.com/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://api.aliyun.com/troubleshoot',
    'https://evilaliyun.com/',
    'https://aliyun.com.evil.example/',
    'https://api.aliyun.com.evil.example/troubleshoot',
    'https://alibabacloud.com.evil.example/',
    'https://notalibabacloud.com/',
    'https://aliyun.co/',
    'https://user:pass@api.aliyun.com/',
    'https://api.aliyun.com@evil.example/',
    'https://api.aliyun.com:8443/',
    'https://api.aliyun.com./',
    '//api.aliyun.com/troubleshoot',
    'api.aliyun.com/troubleshoot',
    'see the console',
    '',
  ])('%j is plain text', (value) => {
    expect(recommendHref(value)).toBeUndefined();
  });
});

describe('pickAccessDeniedDetail', () => {
  it('keeps the known string fields and drops everything else', () => {
    expect(
      pickAccessDeniedDetail({
        AuthAction: 'yundun-sas:DescribeProcessTasks',
        NoPermissionType: 'ImplicitDeny',
        PolicyType: 'AccountLevelIdentityBasedPolicy',
        AuthPrincipalType: 'SubUser',
        AuthPrincipalDisplayName: 'soc-reader',
        AuthPrincipalOwnerId: '1234567890123456',
        EncodedDiagnosticMessage: 'AQEAAAAA',
        Extra: 'dropped',
        AuthPrincipalOwnerIdNumber: 1,
      }),
    ).toEqual({
      AuthAction: 'yundun-sas:DescribeProcessTasks',
      NoPermissionType: 'ImplicitDeny',
      PolicyType: 'AccountLevelIdentityBasedPolicy',
      AuthPrincipalType: 'SubUser',
      AuthPrincipalDisplayName: 'soc-reader',
      AuthPrincipalOwnerId: '1234567890123456',
      EncodedDiagnosticMessage: 'AQEAAAAA',
    });
  });

  it.each([undefined, null, 'text', 42, [], {}, { AuthAction: 5 }, { AuthAction: '' }])(
    '%j → undefined',
    (v) => {
      expect(pickAccessDeniedDetail(v)).toBeUndefined();
    },
  );

  it('cuts a huge value', () => {
    const detail = pickAccessDeniedDetail({ EncodedDiagnosticMessage: 'A'.repeat(MAX_DETAIL_CHARS * 3) });
    expect(detail?.EncodedDiagnosticMessage).toHaveLength(MAX_DETAIL_CHARS);
  });
});
