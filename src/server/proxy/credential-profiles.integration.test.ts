/**
 * Every ECS-role source a profile can name, end to end: the chain resolves the role's
 * credentials from the metadata service (answered in this process, see fake-cloud.ts), the
 * server starts live with them, and a signed call through the proxy reaches an emulator
 * that knows only those keys. No test reaches 100.100.100.200: the guard blocks and
 * records any connection to it that is not redirected to the test's responder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { startEmulator, type RunningEmulator } from '../emulator/index';
import { readmeBlock } from '../../../test/helpers/readme-blocks';
import { METADATA_ADDRESS, startFakeCloud, type FakeCloud } from '../../../test/helpers/fake-cloud';
import { resolveUpstream, type ResolvedUpstream } from './upstream-target';
import { captureLogs } from '../../../test/helpers/log-capture';

const ROLE = 'rtc-reader-role';
const ECS_KEYS = {
  accessKeyId: 'STS.ecsRoleKeyForTests',
  accessKeySecret: 'ecs-role-secret-for-tests',
  securityToken: 'ecs-role-token-for-tests',
};
const ASSUMED_KEYS = {
  accessKeyId: 'STS.assumedKeyForTests',
  accessKeySecret: 'assumed-secret-for-tests',
  securityToken: 'assumed-token-for-tests',
};
/** A RAM user's AccessKey, the source of the README's RamRoleArn profile. */
const USER_KEYS = { accessKeyId: 'LTAIuserKeyForTests', accessKeySecret: 'user-secret-for-tests' };
const ROLE_ARN = 'acs:ram::1234567890123456:role/rtc-console-reader';

const saved = { ...process.env };
const { logger, records: logs } = captureLogs();

let cloud: FakeCloud;
let home: string;
let resolved: ResolvedUpstream | undefined;
const emulators: RunningEmulator[] = [];

beforeAll(async () => {
  cloud = await startFakeCloud({
    roleName: ROLE,
    ecsRole: ECS_KEYS,
    assumed: { keys: ASSUMED_KEYS, from: [ECS_KEYS, USER_KEYS] },
  });
});
afterAll(async () => {
  await cloud.close();
  await Promise.all(emulators.map((e) => e.close()));
  process.env = saved;
});
beforeEach(() => {
  for (const k of Object.keys(process.env)) {
    if (/^(ALIBABA_CLOUD_|EMULATOR_|SOPHONSOAR_)/.test(k)) delete process.env[k];
  }
  home = mkdtempSync(join(tmpdir(), 'rtc-profiles-'));
  process.env.HOME = home;
  cloud.metadataRequests.length = 0;
  cloud.assumeRoleCalls.length = 0;
  logs.length = 0;
});
afterEach(async () => {
  await resolved?.close();
  resolved = undefined;
  rmSync(home, { recursive: true, force: true });
  expect(cloud.violations).toEqual([]);
});

function writeCliConfig(config: object): void {
  mkdirSync(join(home, '.aliyun'));
  writeFileSync(join(home, '.aliyun', 'config.json'), JSON.stringify(config));
}

function writeCredentialsFile(text: string): void {
  mkdirSync(join(home, '.alibabacloud'));
  writeFileSync(join(home, '.alibabacloud', 'credentials'), text);
}

/** An emulator that accepts only `keys`: a 200 through it proves the call was signed with them. */
async function emulatorFor(keys: { accessKeyId: string; accessKeySecret: string }): Promise<RunningEmulator> {
  const emu = await startEmulator({ port: 0, tasks: 40, seed: 9, live: false, logger: false, ...keys });
  emulators.push(emu);
  return emu;
}

/** Auto mode against `emu`; returns what /api/config and one DescribeProcessTasks call answer. */
async function startLive(emu: RunningEmulator) {
  process.env.SOPHONSOAR_ENDPOINT = emu.endpoint;
  process.env.SOPHONSOAR_PROTOCOL = 'http';
  const config = loadConfig(process.env);
  resolved = await resolveUpstream(config, process.env, logger);
  const app = await buildApp({ config, upstream: resolved.target, version: 't', staticRoot: false });
  try {
    const cfg = (await app.inject('/api/config')).json() as Record<string, unknown>;
    const call = await app.inject('/api/DescribeProcessTasks?PageSize=3');
    return { cfg, status: call.statusCode, body: call.json() as Record<string, unknown> };
  } finally {
    await app.close();
  }
}

const roleCredentialsPath = `/latest/meta-data/ram/security-credentials/${ROLE}`;

describe('ECS RAM roles named by a profile', () => {
  it.each<[string, () => void, string]>([
    [
      'aliyun CLI profile, mode EcsRamRole with ram_role_name',
      () =>
        writeCliConfig({
          current: 'ecs',
          profiles: [{ name: 'ecs', mode: 'EcsRamRole', ram_role_name: ROLE }],
        }),
      'cli_profile/ecs_ram_role',
    ],
    [
      'aliyun CLI profile, mode EcsRamRole without a role name (asked of the metadata service)',
      () => writeCliConfig({ current: 'ecs', profiles: [{ name: 'ecs', mode: 'EcsRamRole' }] }),
      'cli_profile/ecs_ram_role',
    ],
    [
      'aliyun CLI profile picked by ALIBABA_CLOUD_PROFILE',
      () => {
        writeCliConfig({
          current: 'other',
          profiles: [
            { name: 'other', mode: 'AK', access_key_id: 'LTAIunused', access_key_secret: 'unused-secret' },
            { name: 'ecs', mode: 'EcsRamRole', ram_role_name: ROLE },
          ],
        });
        process.env.ALIBABA_CLOUD_PROFILE = 'ecs';
      },
      'cli_profile/ecs_ram_role',
    ],
    [
      '~/.alibabacloud/credentials, type ecs_ram_role',
      () => writeCredentialsFile(`[default]\ntype = ecs_ram_role\nrole_name = ${ROLE}\n`),
      'profile/ecs_ram_role',
    ],
    [
      'ALIBABA_CLOUD_CREDENTIALS_FILE, type ecs_ram_role in a named profile',
      () => {
        const file = join(home, 'creds.ini');
        writeFileSync(file, `[reader]\ntype = ecs_ram_role\nrole_name = ${ROLE}\n`);
        process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
        process.env.ALIBABA_CLOUD_PROFILE = 'reader';
      },
      'profile/ecs_ram_role',
    ],
    [
      'ALIBABA_CLOUD_ECS_METADATA (the default chain’s own ECS link)',
      () => {
        process.env.ALIBABA_CLOUD_ECS_METADATA = ROLE;
      },
      'ecs_ram_role',
    ],
  ])('%s', async (_name, configure, provider) => {
    configure();
    const emu = await emulatorFor(ECS_KEYS);
    const r = await startLive(emu);
    expect(r.cfg).toMatchObject({ mode: 'live', credentialProvider: provider });
    expect(JSON.stringify(r.cfg)).not.toContain(ECS_KEYS.accessKeySecret);
    expect(JSON.stringify(r.cfg)).not.toContain(ECS_KEYS.accessKeyId);
    expect(r.status).toBe(200);
    expect((r.body.Page as { PageSize: number }).PageSize).toBe(3);
    // IMDSv2: a token first, then the role's credentials with it.
    expect(cloud.metadataRequests).toContain('PUT /latest/api/token');
    expect(cloud.metadataRequests).toContain(`GET ${roleCredentialsPath}`);
    expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBeUndefined();
  });

  it('aliyun CLI ChainableRamRoleArn whose source is an ECS role: AssumeRole signed with the role’s keys', async () => {
    writeCliConfig({
      current: 'reader',
      profiles: [
        { name: 'ecs', mode: 'EcsRamRole', ram_role_name: ROLE },
        {
          name: 'reader',
          mode: 'ChainableRamRoleArn',
          source_profile: 'ecs',
          ram_role_arn: ROLE_ARN,
          ram_session_name: 'rtc-test',
        },
      ],
    });
    const emu = await emulatorFor(ASSUMED_KEYS);
    const r = await startLive(emu);
    expect(r.cfg).toMatchObject({
      mode: 'live',
      credentialProvider: 'cli_profile/ram_role_arn/ecs_ram_role',
    });
    expect(r.status).toBe(200);
    expect(cloud.metadataRequests).toContain(`GET ${roleCredentialsPath}`);
    expect(cloud.assumeRoleCalls).toEqual([
      { roleArn: ROLE_ARN, accessKeyId: ECS_KEYS.accessKeyId, securityToken: ECS_KEYS.securityToken },
    ]);
  });

  it('the ECS role’s keys alone are refused by an emulator that knows only the assumed keys', async () => {
    // The counter-test of the chain case: the emulator does tell keys apart.
    writeCliConfig({ current: 'ecs', profiles: [{ name: 'ecs', mode: 'EcsRamRole', ram_role_name: ROLE }] });
    const emu = await emulatorFor(ASSUMED_KEYS);
    const r = await startLive(emu);
    expect(r.status).toBe(502);
    expect(r.body.Code).toBe('InvalidAccessKeyId.NotFound');
  });
});

describe('README: a RamRoleArn profile assumes the role (an AccessKey plus ALIBABA_CLOUD_ROLE_ARN does not)', () => {
  it('the documented profile, placeholders filled in: AssumeRole signed with the AccessKey, calls signed with the role', async () => {
    const profile = readmeBlock('ram-role-arn-profile')
      .replace('<AccessKey ID>', USER_KEYS.accessKeyId)
      .replace('<AccessKey secret>', USER_KEYS.accessKeySecret)
      .replace('<account ID>', '1234567890123456')
      .replace('<role name>', 'rtc-console-reader');
    expect(profile).not.toMatch(/<[^>]+>/);
    writeCliConfig(JSON.parse(profile) as object);
    const emu = await emulatorFor(ASSUMED_KEYS);
    const r = await startLive(emu);
    expect(r.cfg).toMatchObject({ mode: 'live', credentialProvider: 'cli_profile/ram_role_arn/static_ak' });
    expect(r.status).toBe(200);
    expect(cloud.assumeRoleCalls).toEqual([{ roleArn: ROLE_ARN, accessKeyId: USER_KEYS.accessKeyId }]);
    expect(cloud.metadataRequests).toEqual([]);
  });

  it('the same AccessKey in the environment with ALIBABA_CLOUD_ROLE_ARN signs itself: no AssumeRole', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = USER_KEYS.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = USER_KEYS.accessKeySecret;
    process.env.ALIBABA_CLOUD_ROLE_ARN = ROLE_ARN;
    const emu = await emulatorFor(ASSUMED_KEYS);
    const r = await startLive(emu);
    expect(r.cfg).toMatchObject({ mode: 'live', credentialProvider: 'env/static_ak' });
    expect(r.status).toBe(502);
    expect(r.body.Code).toBe('InvalidAccessKeyId.NotFound');
    expect(cloud.assumeRoleCalls).toEqual([]);
  });
});

describe('the metadata address stays unasked when nothing names an ECS role', () => {
  it.each<[string, () => void]>([
    ['nothing configured (demo)', () => {}],
    [
      'keys in the environment',
      () => {
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAIenvKeyForTests';
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'env-secret-for-tests';
      },
    ],
    [
      'a CLI profile with mode AK',
      () =>
        writeCliConfig({
          current: 'ak',
          profiles: [
            { name: 'ak', mode: 'AK', access_key_id: 'LTAIcliKey', access_key_secret: 'cli-secret' },
          ],
        }),
    ],
  ])('%s', async (_name, configure) => {
    configure();
    process.env.EMULATOR_TASKS = '20';
    resolved = await resolveUpstream(loadConfig(process.env), process.env, logger);
    expect(cloud.metadataRequests).toEqual([]);
    expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBeUndefined();
  });
});

describe('the guard', () => {
  it('blocks and records a connection to the metadata address that the responder does not take', () => {
    // net.connect goes around the HTTP agents, as code outside the library's HTTP layer would.
    expect(() => net.connect(80, METADATA_ADDRESS)).toThrow(/blocked by the test guard/);
    expect(cloud.violations).toEqual([`connect ${METADATA_ADDRESS}`]);
    cloud.violations.length = 0;
  });
});
