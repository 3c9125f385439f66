/**
 * The standard Alibaba Cloud credential chain (@alicloud/credentials `new Credential()`),
 * made safe for machines that are not ECS instances: the chain's instance-metadata step
 * would contact 100.100.100.200, which off ECS goes nowhere useful and is flagged on some
 * networks. It is asked only when ALIBABA_CLOUD_ECS_METADATA names a role.
 */
import CredentialModule, { Config as CredentialConfig } from '@alicloud/credentials';

type CredentialClient = CredentialModule;
// CommonJS `exports.default = Credential`: under Node's ESM loader the default import is the
// whole exports object.
const Credential =
  (CredentialModule as unknown as { default?: typeof CredentialModule }).default ?? CredentialModule;

/** Sets ALIBABA_CLOUD_ECS_METADATA_DISABLED=true unless a role is named. Call before `new Credential()`. */
export function disableEcsMetadataProbe(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.ALIBABA_CLOUD_ECS_METADATA) env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
}

/** A credential that searches the default chain (env, OIDC, CLI profile, credentials file, ...). */
export function chainCredential(): CredentialClient {
  disableEcsMetadataProbe();
  return new Credential();
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
export async function probeCredentialChain(): Promise<ChainResult> {
  const credential = chainCredential();
  try {
    const model = await credential.getCredential();
    if (!model.accessKeyId && !model.bearerToken) return { found: false, reason: 'empty credentials' };
    return { found: true, credential, provider: model.providerName ?? 'default' };
  } catch (err) {
    return { found: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
