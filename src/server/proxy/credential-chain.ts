/**
 * The standard Alibaba Cloud credential chain (@alicloud/credentials `new Credential()`),
 * made safe for machines that are not ECS instances: the default chain's own
 * instance-metadata link would contact 100.100.100.200 on every start, which off ECS goes
 * nowhere useful and is flagged on some networks. That one link is left out unless
 * ALIBABA_CLOUD_ECS_METADATA names a role; an ECS role that a profile names (aliyun CLI
 * mode `EcsRamRole`, credentials-file type `ecs_ram_role`, a `ChainableRamRoleArn` whose
 * source is one) is untouched and asks the metadata service as the library does.
 */
import CredentialModule, {
  Config as CredentialConfig,
  DefaultCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  URICredentialsProvider,
} from '@alicloud/credentials';

type CredentialClient = CredentialModule;
// CommonJS `exports.default = Credential`: under Node's ESM loader the default import is the
// whole exports object.
const Credential =
  (CredentialModule as unknown as { default?: typeof CredentialModule }).default ?? CredentialModule;

/**
 * Test harnesses only: sets ALIBABA_CLOUD_ECS_METADATA_DISABLED=true unless a role is named.
 * The server does not call it: with it set, the library also refuses every ECS role a
 * profile names ("IMDS credentials is disabled").
 */
export function disableEcsMetadataProbe(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.ALIBABA_CLOUD_ECS_METADATA) env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
}

interface ChainLink {
  getCredentials(): Promise<unknown>;
  getProviderName(): string;
}

/** The library's chain's links, in order (a private field: checked, so an upgrade fails loudly). */
function chainLinks(chain: DefaultCredentialsProvider): ChainLink[] {
  const links = (chain as unknown as { providers?: unknown }).providers;
  if (!Array.isArray(links)) {
    throw new Error('@alicloud/credentials changed its default chain: review defaultChainProvider()');
  }
  return links as ChainLink[];
}

/**
 * The library's default provider chain (env, OIDC, CLI profile, credentials file, ECS role,
 * credentials URI), less two links that ask the network although nothing configured them:
 * - the credentials-URI link when no ALIBABA_CLOUD_CREDENTIALS_URI is set (the library adds
 *   it unconditionally and requests `https://undefined/`, a DNS query for "undefined");
 * - the ECS-role link when no ALIBABA_CLOUD_ECS_METADATA is set (it would ask
 *   100.100.100.200 for a role name on every start).
 * Profiles are read when the chain runs, so their ECS roles are not affected.
 */
export function defaultChainProvider(env: NodeJS.ProcessEnv = process.env): DefaultCredentialsProvider {
  const chain = DefaultCredentialsProvider.builder().build();
  const links = chainLinks(chain);
  const kept = links.filter(
    (p) =>
      !(p instanceof URICredentialsProvider && !env.ALIBABA_CLOUD_CREDENTIALS_URI) &&
      !(p instanceof ECSRAMRoleCredentialsProvider && !env.ALIBABA_CLOUD_ECS_METADATA),
  );
  links.splice(0, links.length, ...kept);
  return chain;
}

/** A credential that searches the standard chain, without the unconfigured metadata or URI probes. */
export function chainCredential(env: NodeJS.ProcessEnv = process.env): CredentialClient {
  return new Credential(null, defaultChainProvider(env));
}

/** A fixed access key pair (the embedded emulator's demo key). */
export function staticCredential(accessKeyId: string, accessKeySecret: string): CredentialClient {
  return new Credential(new CredentialConfig({ type: 'access_key', accessKeyId, accessKeySecret }));
}

export type ChainResult =
  { found: true; credential: CredentialClient; provider: string } | { found: false; reason: string };

/**
 * A library error message fit for a log line: the CLI-config parser echoes the whole file
 * (keys included) after "failed:", so that part is dropped; anything else is cut at 300
 * characters.
 */
export function safeReason(message: string): string {
  const cli = /^(parse aliyun cli config from '[^']*' failed)/.exec(message);
  if (cli) return `${cli[1]}: not valid JSON`;
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

/**
 * The credential provider type in the library's own vocabulary (the value of the
 * `x-acs-credentials-provider` header it sends), without the chain's "default/" prefix:
 * e.g. `env/static_ak`, `cli_profile/ecs_ram_role`, `profile/ram_role_arn/static_ak`.
 * The env link names no type; a security token in the environment makes it `static_sts`.
 */
export function providerType(providerName: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = providerName.replace(/^default\//, '');
  if (name === 'env') return env.ALIBABA_CLOUD_SECURITY_TOKEN ? 'env/static_sts' : 'env/static_ak';
  return name;
}

/**
 * Asks the chain once. The credential is kept (the chain remembers which provider
 * answered); the keys themselves are not returned, so they cannot end up in a log. On
 * failure, `reason` lists each link's error (`<link>: <message>`, see safeReason).
 */
export async function probeCredentialChain(env: NodeJS.ProcessEnv = process.env): Promise<ChainResult> {
  const chain = defaultChainProvider(env);
  const errors: string[] = [];
  // Each link's error is recorded during this probe only (later refreshes are the caller's).
  let probing = true;
  // The chain names only its own link ("default/cli_profile"); the link's answer names the
  // provider behind it ("cli_profile/ecs_ram_role").
  let answeredBy: string | undefined;
  for (const link of chainLinks(chain)) {
    const ask = link.getCredentials.bind(link);
    link.getCredentials = async () => {
      try {
        const answer = await ask();
        const name = (answer as { providerName?: unknown } | undefined)?.providerName;
        if (probing && typeof name === 'string') answeredBy = name;
        return answer;
      } catch (err) {
        if (probing)
          errors.push(
            `${link.getProviderName()}: ${safeReason(err instanceof Error ? err.message : String(err))}`,
          );
        throw err;
      }
    };
  }
  const credential = new Credential(null, chain);
  try {
    const model = await credential.getCredential();
    if (!model.accessKeyId && !model.bearerToken) return { found: false, reason: 'empty credentials' };
    return {
      found: true,
      credential,
      provider: providerType(answeredBy ?? model.providerName ?? 'default', env),
    };
  } catch (err) {
    const reason = errors.length
      ? errors.join('; ')
      : safeReason(err instanceof Error ? err.message : String(err));
    return { found: false, reason };
  } finally {
    probing = false;
  }
}
