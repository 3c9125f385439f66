/**
 * The parts of Alibaba Cloud's error body that tell an analyst how to fix the account:
 * `AccessDeniedDetail` (RAM denials) and `Recommend` (a troubleshooting URL). Shared by
 * the proxy (which passes them on) and the SPA (which shows them).
 */

/**
 * The AccessDeniedDetail fields kept, as Alibaba's RAM denial bodies name them: the
 * action to grant (`AuthAction`, e.g. `yundun-sas:DescribeProcessTasks`), why it was
 * denied (`NoPermissionType`: ImplicitDeny / ExplicitDeny), which policy type decided
 * (`PolicyType`), the principal, and the `EncodedDiagnosticMessage` that RAM's
 * DecodeDiagnosticMessage (or the console's diagnosis page) expands.
 */
export const ACCESS_DENIED_FIELDS = [
  'AuthAction',
  'NoPermissionType',
  'PolicyType',
  'AuthPrincipalType',
  'AuthPrincipalDisplayName',
  'AuthPrincipalOwnerId',
  'EncodedDiagnosticMessage',
] as const;

export type AccessDeniedDetail = Partial<Record<(typeof ACCESS_DENIED_FIELDS)[number], string>>;

/** Longest value kept per field (characters); an encoded diagnostic message is about 1-2 KB. */
export const MAX_DETAIL_CHARS = 8192;

/**
 * The known AccessDeniedDetail fields of `value` whose values are strings, each cut at
 * MAX_DETAIL_CHARS; undefined when there is none (anything else is dropped, not echoed).
 */
export function pickAccessDeniedDetail(value: unknown): AccessDeniedDetail | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: AccessDeniedDetail = {};
  for (const key of ACCESS_DENIED_FIELDS) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' && v !== '') out[key] = v.slice(0, MAX_DETAIL_CHARS);
  }
  return Object.keys(out).length ? out : undefined;
}

/** Alibaba Cloud's own sites: these domains and their subdomains, nothing else. */
const ALIBABA_CLOUD_DOMAINS = ['aliyun.com', 'alibabacloud.com'];

/**
 * `value` as a link target when it is an https URL on Alibaba Cloud's own domains
 * (aliyun.com, alibabacloud.com or a subdomain, default port, no user info); otherwise
 * undefined, and the caller shows the value as plain text. `evilaliyun.com`,
 * `aliyun.com.evil.example`, `http://`, `javascript:` and the like are not links.
 */
export function recommendHref(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  const own = ALIBABA_CLOUD_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
  return own ? url.href : undefined;
}
