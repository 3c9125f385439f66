/**
 * The README's instructions, run: the RAM policy lists exactly the actions the proxy
 * forwards, the SDK script works verbatim against the emulator (only the port differs),
 * and the aliyun CLI command's request (V1-signed GET with its parameters and key) is
 * answered by the emulator as the SDK's is.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../shared/sophonsoar';
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  startEmulator,
  type RunningEmulator,
} from './emulator/index';
import { callOfficial, officialClient, v1Request } from '../../test/helpers/emulator-client';
import { readmeBlock, readmeBlockAfter } from '../../test/helpers/readme-blocks';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let emu: RunningEmulator;

beforeAll(async () => {
  // The demo key, as the README says; only the port is ephemeral.
  emu = await startEmulator({ port: 0, tasks: 400, seed: 11, live: false, logger: false });
});
afterAll(() => emu.close());

describe('README: RAM policy', () => {
  it('is valid JSON granting exactly yundun-sas:<Action> for each action the proxy forwards', () => {
    const policy = JSON.parse(readmeBlock('ram-policy')) as {
      Version: string;
      Statement: { Effect: string; Action: string[]; Resource: string }[];
    };
    expect(policy.Version).toBe('1');
    expect(policy.Statement).toHaveLength(1);
    const [statement] = policy.Statement;
    expect(statement).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect([...statement!.Action].sort()).toEqual(ACTIONS.map((a) => `yundun-sas:${a}`).sort());
    // Read-only: every action is a Describe*.
    for (const action of statement!.Action) expect(action).toMatch(/^yundun-sas:Describe[A-Za-z]+$/);
  });
});

/** The same query through the official client, for comparison. */
async function expectedPage(query: Record<string, string>) {
  const r = await callOfficial(officialClient(emu), 'DescribeProcessTasks', query);
  expect(r.ok).toBe(true);
  return r.body!.Page as { TotalCount: number; PageNumber: number; PageSize: number };
}

describe('README: an SDK pointed at the emulator', () => {
  it('the documented script runs verbatim (port aside) and prints the page', async () => {
    const script = readmeBlock('sdk-against-emulator');
    expect(script.split('127.0.0.1:8787')).toHaveLength(2);
    expect(script).toContain(DEMO_ACCESS_KEY_ID);
    expect(script).toContain(DEMO_ACCESS_KEY_SECRET);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '--eval', script.replace('127.0.0.1:8787', emu.endpoint)],
      { cwd: ROOT, timeout: 30_000 },
    );
    const page = JSON.parse(stdout) as unknown;
    expect(page).toEqual(await expectedPage({ TaskStatus: '["90"]', PageSize: '5' }));
    expect((page as { TotalCount: number }).TotalCount).toBeGreaterThan(0);
  });

  it('the aliyun CLI form: its key, endpoint and parameters make a V1-signed request the emulator answers alike', async () => {
    const sh = readmeBlockAfter('(`--insecure` makes it use http):');
    expect(sh).toContain(`--access-key-id ${DEMO_ACCESS_KEY_ID}`);
    expect(sh).toContain(`--access-key-secret ${DEMO_ACCESS_KEY_SECRET}`);
    expect(sh).toMatch(/--endpoint 127\.0\.0\.1:8787 --insecure/);
    const call = sh.slice(sh.indexOf('aliyun sophonsoar DescribeProcessTasks'));
    // API parameters are the capitalised options: --Name 'value' or --Name value.
    const params = [...call.matchAll(/--([A-Z][A-Za-z]*) (?:'([^']*)'|(\S+))/g)].map(
      (m) => [m[1]!, m[2] ?? m[3]!] as [string, string],
    );
    expect(params).toEqual([
      ['TaskStatus', '["90"]'],
      ['PageSize', '5'],
    ]);
    const r = await v1Request(emu, {
      method: 'GET',
      params,
      accessKeyId: DEMO_ACCESS_KEY_ID,
      accessKeySecret: DEMO_ACCESS_KEY_SECRET,
    }).send();
    expect(r.status).toBe(200);
    expect(r.json.Page).toEqual(await expectedPage(Object.fromEntries(params)));
  });
});
