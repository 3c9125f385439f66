import { describe, expect, it } from 'vitest';
import { interpretAudit } from './npm-audit';

// Shapes as npm 11 prints them with --json.
const unreachable = JSON.stringify({
  message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
  statusCode: 405,
  error: { summary: '', detail: '' },
});
const refused = JSON.stringify({
  message:
    'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED',
  error: { summary: '', detail: '' },
});
const meta = (v: Record<string, number>) => ({
  auditReportVersion: 2,
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...v } },
});
const clean = JSON.stringify({ ...meta({}), vulnerabilities: {} });
const moderate = JSON.stringify({
  ...meta({ moderate: 1, total: 1 }),
  vulnerabilities: { foo: { severity: 'moderate', via: [] } },
});
const high = JSON.stringify({
  ...meta({ high: 1, critical: 1, total: 2 }),
  vulnerabilities: { foo: { severity: 'high', via: [] }, bar: { severity: 'critical', via: [] } },
});

describe('interpretAudit', () => {
  it.each([
    ['a clean report', clean, 0, true, /no high or critical/],
    ['moderate advisories only', moderate, 0, true, /moderate 1/],
    ['high and critical advisories', high, 1, false, /2 high\/critical: foo \(high\), bar \(critical\)/],
    [
      'a registry that refuses the audit',
      unreachable,
      1,
      false,
      /could not get advisories.*405.*did NOT run/,
    ],
    ['an unreachable registry', refused, 1, false, /could not get advisories.*ECONNREFUSED.*did NOT run/],
    ['output that is not JSON', 'npm error something', 1, false, /did not answer with JSON/],
  ])('%s', (_name, stdout, code, ok, summary) => {
    const r = interpretAudit(stdout, code);
    expect(r.ok).toBe(ok);
    expect(r.summary).toMatch(summary);
  });
});
