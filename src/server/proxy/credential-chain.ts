/**
 * The standard Alibaba Cloud credential chain (@alicloud/credentials `new Credential()`),
 * made safe for machines that are not ECS instances: the chain's instance-metadata step
 * would contact 100.100.100.200, which off ECS goes nowhere useful and is flagged on some
 * networks. It is asked only when ALIBABA_CLOUD_ECS_METADATA names a role.
 * The library reads its own ALIBABA_CLOUD_* variables (keys, profiles, OIDC...) itself;
 * the two this file looks at come from config.ts.
 */
import CredentialModule, {
  Config as CredentialConfig,
  DefaultCredentialsProvider,
  URICredentialsProvider,
} from '@alicloud/credentials';
import type { CredentialChainSettings } from '../config';

type CredentialClient = CredentialModule;
// CommonJS `exports.default = Credential`: under Node's ESM loader the default import is the
// whole exports object.
const Credential =
  (CredentialModule as unknown as { default?: typeof CredentialModule }).default ?? CredentialModule;

/**
 * Sets ALIBABA_CLOUD_ECS_METADATA_DISABLED=true unless a role is named. Call before
 * `new Credential()`. The library reads that switch only from process.env, so it is set
 * there (a write for the library, not a second way of reading our settings).
 */
export function disableEcsMetadataProbe(settings: CredentialChainSettings = {}): void {
  if (!settings.ecsMetadataRole) process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
}

/**
 * The library's default provider chain (env, OIDC, CLI profile, credentials file, ECS role,
 * credentials URI), less its last link when no ALIBABA_CLOUD_CREDENTIALS_URI is set: the
 * library adds that link unconditionally and, with no URI, requests `https://undefined/`,
 * a DNS query for the host "undefined" on every start without credentials.
 */
export function defaultChainProvider(settings: CredentialChainSettings): DefaultCredentialsProvider {
  const chain = DefaultCredentialsProvider.builder().build();
  if (settings.credentialsUri) return chain;
  const links = (chain as unknown as { providers?: unknown }).providers;
  if (!Array.isArray(links)) {
    throw new Error('@alicloud/credentials changed its default chain: review chainCredential()');
  }
  const kept = links.filter((p) => !(p instanceof URICredentialsProvider));
  links.splice(0, links.length, ...kept);
  return chain;
}

/** A credential that searches the standard chain, without the metadata or empty-URI probes. */
export function chainCredential(settings: CredentialChainSettings): CredentialClient {
  disableEcsMetadataProbe(settings);
  return new Credential(null, defaultChainProvider(settings));
}

/** A fixed access key pair (the embedded emulator's demo key). */
export function staticCredential(accessKeyId: string, accessKeySecret: string): CredentialClient {
  return new Credential(new CredentialConfig({ type: 'access_key', accessKeyId, accessKeySecret }));
}

export type ChainResult =
  { found: true; credential: CredentialClient; provider: string } | { found: false; reason: string };

/**
 * Asks the chain once. The credential is kept (the chain remembers which provider
 * answered); the keys themselves are not returned, so they cannot end up in a log.
 */
export async function probeCredentialChain(settings: CredentialChainSettings): Promise<ChainResult> {
  const credential = chainCredential(settings);
  try {
    const model = await credential.getCredential();
    if (!model.accessKeyId && !model.bearerToken) return { found: false, reason: 'empty credentials' };
    return { found: true, credential, provider: model.providerName ?? 'default' };
  } catch (err) {
    return { found: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
