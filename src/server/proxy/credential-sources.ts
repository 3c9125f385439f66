/**
 * Which credential sources the operator configured, found without asking the network:
 * the places the @alicloud/credentials default chain reads (its README, and
 * providers/default.js, env.js, oidc_role_arn.js, cli_profile.js, profile.js, uri.js of
 * version 2.4). Auto mode falls back to demo data only when this list is empty; when it is
 * not and the chain still finds nothing, the server refuses to start (upstream-target.ts).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface CredentialSource {
  /** What the operator set, e.g. `ALIBABA_CLOUD_ACCESS_KEY_ID` or `/home/a/.aliyun/config.json`. */
  source: string;
  /** The chain link that reads it, in the library's names: env, oidc_role_arn, cli_profile, profile, ecs_ram_role, credential_uri. */
  link: string;
}

const set = (env: NodeJS.ProcessEnv, name: string) => (env[name] ?? '') !== '';
const isTrue = (v: string | undefined) => v?.toLowerCase() === 'true';

/**
 * Every configured source, in the chain's order. `home` is the directory the library
 * reads profiles from (os.homedir(), i.e. $HOME on Linux and macOS). A file counts when it
 * exists at all, readable or not: an unreadable profile is a mistake to report, not an
 * absence.
 */
export function configuredCredentialSources(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): CredentialSource[] {
  const out: CredentialSource[] = [];
  for (const name of [
    'ALIBABA_CLOUD_ACCESS_KEY_ID',
    'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    'ALIBABA_CLOUD_SECURITY_TOKEN',
  ]) {
    if (set(env, name)) out.push({ source: name, link: 'env' });
  }
  for (const name of [
    'ALIBABA_CLOUD_ROLE_ARN',
    'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
    'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
  ]) {
    if (set(env, name)) out.push({ source: name, link: 'oidc_role_arn' });
  }
  const cliConfig = join(home, '.aliyun', 'config.json');
  if (!isTrue(env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED) && existsSync(cliConfig)) {
    out.push({ source: cliConfig, link: 'cli_profile' });
  }
  if (set(env, 'ALIBABA_CLOUD_CREDENTIALS_FILE')) {
    out.push({
      source: `ALIBABA_CLOUD_CREDENTIALS_FILE=${env.ALIBABA_CLOUD_CREDENTIALS_FILE}`,
      link: 'profile',
    });
  } else {
    const file = join(home, '.alibabacloud', 'credentials');
    if (existsSync(file)) out.push({ source: file, link: 'profile' });
  }
  if (set(env, 'ALIBABA_CLOUD_PROFILE')) {
    out.push({ source: `ALIBABA_CLOUD_PROFILE=${env.ALIBABA_CLOUD_PROFILE}`, link: 'cli_profile, profile' });
  }
  if (set(env, 'ALIBABA_CLOUD_ECS_METADATA'))
    out.push({ source: 'ALIBABA_CLOUD_ECS_METADATA', link: 'ecs_ram_role' });
  if (set(env, 'ALIBABA_CLOUD_CREDENTIALS_URI')) {
    out.push({ source: 'ALIBABA_CLOUD_CREDENTIALS_URI', link: 'credential_uri' });
  }
  return out;
}

/** `a, b and c` for a message. */
export function describeSources(sources: CredentialSource[]): string {
  return sources.map((s) => s.source).join(', ');
}

/**
 * Settings the chain reads differently from how they look, as sentences for the log or
 * the refusal. ALIBABA_CLOUD_ROLE_ARN is read only by the OIDC (RRSA) link, together with
 * ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE: beside an AccessKey in
 * the environment it assumes nothing (the env link answers first).
 */
export function credentialHints(env: NodeJS.ProcessEnv = process.env): string[] {
  const hints: string[] = [];
  const oidc = set(env, 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN') && set(env, 'ALIBABA_CLOUD_OIDC_TOKEN_FILE');
  if (set(env, 'ALIBABA_CLOUD_ROLE_ARN') && !oidc) {
    hints.push(
      'ALIBABA_CLOUD_ROLE_ARN is used only with ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE (RRSA); ' +
        'it does not make an AccessKey assume the role: use an aliyun CLI profile of mode RamRoleArn for that',
    );
  }
  return hints;
}
