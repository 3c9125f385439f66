/**
 * The error panel, rendered by React itself (server rendering, no browser): a RAM denial
 * names the action to grant, and Recommend is a link only to Alibaba Cloud's https sites;
 * anything else (javascript:, http://, look-alike domains, markup) stays inert text.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiRequestError, type ApiErrorHints } from '../../../lib/api-client';
import { ErrorState } from './error-state';

const DENIAL: ApiErrorHints = {
  hostId: 'sophonsoar.aliyuncs.com',
  accessDeniedDetail: {
    AuthAction: 'yundun-sas:DescribeProcessTasks',
    NoPermissionType: 'ImplicitDeny',
    PolicyType: 'AccountLevelIdentityBasedPolicy',
    AuthPrincipalType: 'SubUser',
    AuthPrincipalDisplayName: 'soc-reader',
    AuthPrincipalOwnerId: '1234567890123456',
    EncodedDiagnosticMessage: 'AQEAAAAAZGlhZ25vc3RpYw==',
  },
};

function render(hints: ApiErrorHints): { html: string } {
  const error = new ApiRequestError('NoPermission', 'User not authorized.', 502, 'REQ-1', undefined, hints);
  const html = renderToStaticMarkup(<ErrorState error={error} title="The tasks could not be loaded" />);
  return { html };
}

/** Every href in the markup (React escapes attribute values as &amp; and &quot;). */
const hrefs = (html: string) =>
  [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('the error panel of a RAM denial', () => {
  it('names the action to grant and the rest of AccessDeniedDetail', () => {
    const { html } = render(DENIAL);
    expect(html).toContain('data-testid="error-auth-action"');
    expect(html).toMatch(/<code[^>]*>yundun-sas:DescribeProcessTasks<\/code>/);
    for (const v of [
      'ImplicitDeny',
      'AccountLevelIdentityBasedPolicy',
      'SubUser · soc-reader · 1234567890123456',
    ]) {
      expect(html).toContain(v);
    }
    expect(html).toContain('AQEAAAAAZGlhZ25vc3RpYw==');
    expect(html).toContain('sophonsoar.aliyuncs.com');
  });

  it('without hints shows none of those entries', () => {
    const { html } = render({});
    for (const id of ['error-auth-action', 'error-recommend', 'error-host-id', 'error-principal']) {
      expect(html).not.toContain(`data-testid="${id}"`);
    }
  });
});

describe('Recommend', () => {
  it.each([
    'https://api.aliyun.com/troubleshoot?q=NoPermission&product=Sophonsoar&requestId=REQ-1',
    'https://ram.console.aliyun.com/',
    'https://www.alibabacloud.com/help/en/ram/',
  ])('%s is a link that opens apart from the console', (value) => {
    const { html } = render({ ...DENIAL, recommend: value });
    expect(hrefs(html)).toEqual([value]);
    expect(html).toMatch(/<a [^>]*rel="noopener noreferrer"[^>]*data-testid="error-recommend-link"/);
  });

  it.each([
    'javascript:alert(document.domain)',
    ' javascript:alert(1)',
    'http://api.aliyun.com/troubleshoot',
    'https://evilaliyun.com/troubleshoot',
    'https://aliyun.com.evil.example/troubleshoot',
    'https://api.aliyun.com@evil.example/',
    'data:text/html,<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '\u202Emoc.nuyila//:sptth',
  ])('%j is plain text', (value) => {
    const { html } = render({ ...DENIAL, recommend: value });
    expect(hrefs(html)).toEqual([]);
    expect(html).toContain('data-testid="error-recommend-text"');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
  });
});

describe('the floating line of a failed refresh (keptData)', () => {
  const error = new ApiRequestError('ServiceUnavailable', 'Try later.', 503, 'REQ-2');
  const closeButtons = (html: string) => [
    ...html.matchAll(/<button[^>]*class="[^"]*ant-alert-close-icon[^"]*"[^>]*>/g),
  ];

  it('with onDismiss has a close button, a real <button> named in the UI language', () => {
    const html = renderToStaticMarkup(
      <ErrorState error={error} title="The tasks could not be loaded" keptData onDismiss={() => undefined} />,
    );
    const buttons = closeButtons(html);
    expect(buttons).toHaveLength(1);
    expect(buttons[0]![0]).toContain('type="button"');
    expect(buttons[0]![0]).toContain('aria-label="Dismiss this error"');
  });

  it('without onDismiss (and the full panel) has none', () => {
    expect(closeButtons(renderToStaticMarkup(<ErrorState error={error} title="x" keptData />))).toHaveLength(
      0,
    );
    expect(closeButtons(renderToStaticMarkup(<ErrorState error={error} title="x" />))).toHaveLength(0);
  });
});
