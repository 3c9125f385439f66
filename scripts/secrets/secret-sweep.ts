/**
 * The secrets sweep: runs the real server through short scenarios (demo mode with the
 * emulator's demo key and basic auth; live mode against a standalone emulator with a
 * random test key; live mode with a wrong secret), at log level trace, hitting pages,
 * every API route, bad input and every upstream fault. Then scans everything that came
 * out (log lines, response headers and bodies) plus the build (dist/) and the test
 * artefacts (test-results/, playwright-report/) for the secrets, verbatim or encoded.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator } from '../../src/server/emulator';
import { hashPassword } from '../../src/server/security/password-hash';
import { scanBuffer, scanDir, secretNeedles, type SecretFinding } from './secret-scan';
import { spawnServer } from '../../test/helpers/spawn-server';

export interface SweepReport {
  findings: SecretFinding[];
  /** What was scanned, for the printout. */
  scanned: string[];
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** Requests every kind of page and API answer, recording each response in full. */
async function drive(
  base: string,
  headers: Record<string, string>,
  record: (where: string, text: string) => void,
) {
  const paths = [
    '/',
    '/index.html',
    '/tasks/some-task-id',
    '/api/config',
    '/api/health',
    `/api/DescribeProcessTasks?${q({ PageSize: '100' })}`,
    `/api/DescribeProcessTasks?${q({ TaskStatus: '["90","91","92"]', PageSize: '50' })}`,
    `/api/DescribeEnumItems?${q({ EnumType: 'process' })}`,
    `/api/DescribeProcessTasks?${q({ PageSize: '1000' })}`,
    `/api/DescribeProcessTasks?${q({ AccessKeyId: 'x', Signature: 'y' })}`,
    '/api/DeleteEverything',
    '/api/nope/../../etc/passwd',
    '/no-such-file.js',
  ];
  for (const path of paths) {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${base}${path}`, { method, headers, redirect: 'manual' });
      const head = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      record(`response ${method} ${path}`, `${res.status}\n${head}\n\n${await res.text()}`);
    }
  }
}

async function setFaults(emulatorUrl: string, faults: Record<string, number>) {
  const res = await fetch(`${emulatorUrl}/__admin/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!res.ok) throw new Error(`emulator refused faults ${JSON.stringify(faults)}: ${res.status}`);
}

const FAULTS: Record<string, number>[] = [
  { errorRate: 1 },
  { errorRate: 0, throttleRate: 1 },
  { throttleRate: 0, malformedRate: 1 },
  { malformedRate: 0, resetRate: 1 },
  { resetRate: 0, trickleMs: 300 },
  { trickleMs: 0 },
];

export async function sweepSecrets(opts: { requireDist: boolean; root?: string }): Promise<SweepReport> {
  const root = opts.root ?? process.cwd();
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  const testSecret = `TestSecret${randomBytes(15).toString('base64url')}`;
  const wrongSecret = `WrongSecret${randomBytes(15).toString('base64url')}`;
  const secrets = {
    DEMO_ACCESS_KEY_SECRET,
    TEST_ACCESS_KEY_SECRET: testSecret,
    WRONG_ACCESS_KEY_SECRET: wrongSecret,
    BASIC_AUTH_PASSWORD: password,
  };
  const needles = secretNeedles(secrets);
  const findings: SecretFinding[] = [];
  const scanned: string[] = [];
  const texts: { where: string; text: string }[] = [];
  const record = (where: string, text: string) => texts.push({ where, text });
  const auth = { authorization: `Basic ${Buffer.from(`analyst:${password}`).toString('base64')}` };

  // 1. Demo mode, the embedded emulator's demo key, basic auth (right and wrong password).
  const demo = await spawnServer({
    LOG_LEVEL: 'trace',
    AUTH_MODE: 'basic',
    AUTH_USERS: `analyst:${await hashPassword(password)}`,
  });
  try {
    await drive(demo.url, auth, record);
    await drive(
      demo.url,
      { authorization: `Basic ${Buffer.from(`analyst:${password}x`).toString('base64')}` },
      record,
    );
    for (const f of FAULTS) {
      await setFaults(demo.emulatorUrl!, f);
      await drive(demo.url, auth, record);
    }
  } finally {
    await demo.stop();
    record('server log (demo mode)', demo.output.join('\n'));
  }

  // 2. Live mode through the credential chain (env keys) against a standalone emulator;
  // 3. the same with a secret the emulator does not accept (SignatureDoesNotMatch path).
  const emulator = await startEmulator({
    port: 0,
    tasks: 300,
    accessKeyId: 'LTAItestSweepKey0001',
    accessKeySecret: testSecret,
    logger: false,
  });
  try {
    for (const [name, secret] of [
      ['live mode', testSecret],
      ['live mode, wrong secret', wrongSecret],
    ] as const) {
      const live = await spawnServer({
        LOG_LEVEL: 'trace',
        SOPHONSOAR_MODE: 'live',
        SOPHONSOAR_ENDPOINT: emulator.endpoint,
        SOPHONSOAR_PROTOCOL: 'http',
        ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret,
        UPSTREAM_RETRIES: '1',
      });
      try {
        await drive(live.url, {}, record);
        for (const f of FAULTS) {
          emulator.setFaults(f);
          await drive(live.url, {}, record);
        }
      } finally {
        await live.stop();
        record(`server log (${name})`, live.output.join('\n'));
      }
    }
  } finally {
    await emulator.close();
  }
  // The demo key id is public, but it proves the responses are in the haystack at all.
  if (!texts.some((t) => t.where.startsWith('server log') && t.text.includes(DEMO_ACCESS_KEY_ID))) {
    throw new Error(
      'The demo-mode server log does not mention the demo key id: the sweep did not capture logs.',
    );
  }
  for (const t of texts) findings.push(...scanBuffer(t.where, t.text, needles));
  scanned.push(`${texts.length} responses and server logs`);

  const dist = join(root, 'dist');
  if (existsSync(join(dist, 'index.html'))) {
    const r = scanDir(dist, needles, root);
    findings.push(...r.findings);
    scanned.push(`dist/ (${r.files} files)`);
  } else if (opts.requireDist) {
    throw new Error('dist/ has no build to scan: run `npm run build` first.');
  }
  for (const dir of ['test-results', 'playwright-report', 'bench-results']) {
    const p = join(root, dir);
    if (!existsSync(p)) continue;
    const r = scanDir(p, needles, root);
    findings.push(...r.findings);
    scanned.push(`${dir}/ (${r.files} files)`);
  }
  return { findings, scanned };
}
