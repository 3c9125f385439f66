/**
 * `npm run test:audit`: the production dependencies must have no high or critical
 * advisory. When the advisory service cannot be reached the check FAILS and says so: an
 * audit that did not run is not a pass.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface AuditJson {
  message?: string;
  statusCode?: number;
  error?: { summary?: string; detail?: string; code?: string };
  vulnerabilities?: Record<string, { severity: string; via: unknown[]; fixAvailable?: unknown }>;
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: number | { prod?: number } };
}

export interface AuditResult {
  ok: boolean;
  summary: string;
}

/** Interprets `npm audit --json` output; exported for its unit test. */
export function interpretAudit(stdout: string, exitCode: number | null): AuditResult {
  let json: AuditJson;
  try {
    json = JSON.parse(stdout) as AuditJson;
  } catch {
    return {
      ok: false,
      summary: `npm audit did not answer with JSON (exit ${exitCode}): the audit did not run.`,
    };
  }
  if (!json.metadata?.vulnerabilities) {
    const why = json.message ?? json.error?.summary ?? json.error?.code ?? 'unknown error';
    return {
      ok: false,
      summary:
        `npm audit could not get advisories from the registry: ${why}. The audit did NOT run, so this ` +
        'check fails. Run it where the registry allows POST /-/npm/v1/security/advisories/bulk.',
    };
  }
  const v = json.metadata.vulnerabilities;
  const high = (v.high ?? 0) + (v.critical ?? 0);
  const counts = Object.entries(v)
    .filter(([k]) => k !== 'total')
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  if (high === 0)
    return { ok: true, summary: `npm audit --omit=dev: no high or critical advisory (${counts}).` };
  const names = Object.entries(json.vulnerabilities ?? {})
    .filter(([, x]) => x.severity === 'high' || x.severity === 'critical')
    .map(([name, x]) => `${name} (${x.severity})`);
  return {
    ok: false,
    summary: `npm audit --omit=dev: ${high} high/critical: ${names.join(', ')} (${counts}).`,
  };
}

function main(): void {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const result = interpretAudit(r.stdout ?? '', r.status);
  (result.ok ? console.log : console.error)(result.summary);
  process.exitCode = result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main();
