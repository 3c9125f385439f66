/**
 * Auto mode never shows demo data when credentials were meant: each configured but
 * unusable source stops the start-up with a ConfigError that names the source and the
 * reason, and no emulator starts. Demo mode only when nothing at all is configured.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { configuredCredentialSources } from './credential-sources';
import { startFakeCloud, type FakeCloud } from '../../../test/helpers/fake-cloud';
import { resolveUpstream, type ResolvedUpstream } from './upstream-target';
import { captureLogs } from '../../../test/helpers/log-capture';

const saved = { ...process.env };
const { logger, records: logs } = captureLogs();
const SECRET_IN_FILE = 'Secret-In-A-Broken-File-0001';
let cloud: FakeCloud;
let home: string;
let resolved: ResolvedUpstream | undefined;

beforeAll(async () => {
  cloud = await startFakeCloud({
    roleName: 'the-instance-role',
    ecsRole: { accessKeyId: 'STS.k', accessKeySecret: 's', securityToken: 't' },
  });
});
afterAll(async () => {
  await cloud.close();
  process.env = saved;
});
beforeEach(() => {
  for (const k of Object.keys(process.env)) {
    if (/^(ALIBABA_CLOUD_|EMULATOR_|SOPHONSOAR_)/.test(k)) delete process.env[k];
  }
  home = mkdtempSync(join(tmpdir(), 'rtc-misconfig-'));
  process.env.HOME = home;
  process.env.EMULATOR_TASKS = '20';
  logs.length = 0;
  cloud.metadataRequests.length = 0;
});
afterEach(async () => {
  await resolved?.close();
  resolved = undefined;
  rmSync(home, { recursive: true, force: true });
  expect(cloud.violations).toEqual([]);
});

const cliConfig = () => join(home, '.aliyun', 'config.json');
const credentialsFile = () => join(home, '.alibabacloud', 'credentials');
function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}
const cli = (config: unknown) => write(cliConfig(), JSON.stringify(config));

/** [case, set-up, what the message must name (source), why (reason)] */
const CASES: [string, () => void, () => string, RegExp][] = [
  [
    'a CLI config that is not JSON',
    () => write(cliConfig(), `{"profiles":[{"access_key_secret":"${SECRET_IN_FILE}"`),
    cliConfig,
    /not valid JSON/,
  ],
  [
    'a CLI config that cannot be read (a directory in its place)',
    () => mkdirSync(cliConfig(), { recursive: true }),
    cliConfig,
    /reading aliyun cli config .* failed/,
  ],
  [
    'a CLI config with no profiles',
    () => cli({ current: 'x', profiles: [] }),
    cliConfig,
    /no any configured profiles/,
  ],
  [
    'a CLI config whose current profile is missing',
    () =>
      cli({
        current: 'gone',
        profiles: [{ name: 'other', mode: 'AK', access_key_id: 'a', access_key_secret: 'b' }],
      }),
    cliConfig,
    /unable to get profile with 'gone'/,
  ],
  [
    'a CLI profile of an unknown mode',
    () => cli({ current: 'q', profiles: [{ name: 'q', mode: 'Quantum' }] }),
    cliConfig,
    /unsupported profile mode 'Quantum'/,
  ],
  [
    'a CLI profile with mode EcsRamRole while ALIBABA_CLOUD_ECS_METADATA_DISABLED=true',
    () => {
      cli({
        current: 'e',
        profiles: [{ name: 'e', mode: 'EcsRamRole', ram_role_name: 'the-instance-role' }],
      });
      process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
    },
    cliConfig,
    /IMDS credentials is disabled/,
  ],
  [
    'a CLI profile with an ECS role the instance does not carry',
    () => cli({ current: 'e', profiles: [{ name: 'e', mode: 'EcsRamRole', ram_role_name: 'another-role' }] }),
    cliConfig,
    /cli_profile: get sts token failed/,
  ],
  [
    'a credentials file of an unknown type',
    () => write(credentialsFile(), '[default]\ntype = magic\n'),
    credentialsFile,
    /Invalid type option/,
  ],
  [
    'a credentials file without the profile ALIBABA_CLOUD_PROFILE names',
    () => {
      write(credentialsFile(), '[default]\ntype = access_key\naccess_key_id = a\naccess_key_secret = b\n');
      process.env.ALIBABA_CLOUD_PROFILE = 'ghost';
    },
    () => 'ALIBABA_CLOUD_PROFILE=ghost',
    /Can not find credential type for "ghost"/,
  ],
  [
    'ALIBABA_CLOUD_CREDENTIALS_FILE naming a missing file',
    () => {
      process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = join(home, 'no-such-file');
    },
    () => `ALIBABA_CLOUD_CREDENTIALS_FILE=${join(home, 'no-such-file')}`,
    /ENOENT/,
  ],
  [
    'ALIBABA_CLOUD_PROFILE naming a profile no file has',
    () => {
      process.env.ALIBABA_CLOUD_PROFILE = 'prod';
    },
    () => 'ALIBABA_CLOUD_PROFILE=prod',
    /cli_profile: reading aliyun cli config/,
  ],
  [
    'an AccessKey ID in the environment without its secret',
    () => {
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAIhalfConfigured';
    },
    () => 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    /ALIBABA_CLOUD_ACCESS_KEY_SECRET/,
  ],
  [
    'ALIBABA_CLOUD_ROLE_ARN alone (no OIDC provider, no token file)',
    () => {
      process.env.ALIBABA_CLOUD_ROLE_ARN = 'acs:ram::1234567890123456:role/reader';
    },
    () => 'ALIBABA_CLOUD_ROLE_ARN',
    /does not make an AccessKey assume the role: use an aliyun CLI profile of mode RamRoleArn/,
  ],
];

describe('auto mode refuses a configured source it cannot use', () => {
  it.each(CASES)('%s', async (_name, configure, source, reason) => {
    configure();
    const attempt = resolveUpstream(loadConfig(process.env), process.env, logger);
    const err = await attempt.then(
      (r) => {
        resolved = r;
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toContain(source());
    expect(message).toMatch(reason);
    expect(message).toMatch(/SOPHONSOAR_MODE=demo/);
    expect(message).not.toContain(SECRET_IN_FILE);
    expect(logs.some((l) => l.msg === 'emulator started')).toBe(false);
  });
});

describe('an AccessKey in the environment plus ALIBABA_CLOUD_ROLE_ARN', () => {
  it('signs with the AccessKey, assumes nothing, and says so in the log', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAIenvKey';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'env-secret';
    process.env.ALIBABA_CLOUD_ROLE_ARN = 'acs:ram::1234567890123456:role/reader';
    resolved = await resolveUpstream(loadConfig(process.env), process.env, logger);
    expect(resolved.target).toMatchObject({ mode: 'live', credentialProvider: 'env/static_ak' });
    const warning = logs.find((l) => l.level === 40);
    expect(warning?.msg).toMatch(/does not make an AccessKey assume the role/);
  });
});

describe('demo only when nothing is configured', () => {
  it('an empty HOME and no ALIBABA_CLOUD_* variables: demo, stated with its provider type', async () => {
    expect(configuredCredentialSources(process.env, home)).toEqual([]);
    resolved = await resolveUpstream(loadConfig(process.env), process.env, logger);
    expect(resolved.target).toMatchObject({ mode: 'demo', credentialProvider: 'static_ak' });
    expect(cloud.metadataRequests).toEqual([]);
  });

  it('SOPHONSOAR_MODE=demo still uses the emulator with a broken profile (the operator chose it)', async () => {
    write(cliConfig(), 'not json');
    process.env.SOPHONSOAR_MODE = 'demo';
    resolved = await resolveUpstream(loadConfig(process.env), process.env, logger);
    expect(resolved.target.mode).toBe('demo');
  });

  it('a broken earlier source does not hide a working later one (the chain’s order)', async () => {
    write(cliConfig(), 'not json');
    write(
      credentialsFile(),
      '[default]\ntype = access_key\naccess_key_id = LTAIfileKey\naccess_key_secret = file-secret\n',
    );
    resolved = await resolveUpstream(loadConfig(process.env), process.env, logger);
    expect(resolved.target).toMatchObject({ mode: 'live', credentialProvider: 'profile/static_ak' });
  });
});
