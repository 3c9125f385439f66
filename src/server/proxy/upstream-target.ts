/**
 * Live or demo: where the proxy sends its signed calls.
 * - live: the real endpoint (SOPHONSOAR_ENDPOINT/PROTOCOL), signed with the standard
 *   credential chain;
 * - demo: the emulator started in this process on a loopback port, signed with its key;
 * - auto (default): live when the chain finds credentials, demo otherwise.
 */
import type { Logger } from 'pino';
import { ConfigError, type ServerConfig } from '../config';
import { emulatorOptionsFromEnv, startEmulator, type EmulatorOptions } from '../emulator/index';
import { disableEcsMetadataProbe, probeCredentialChain, staticCredential } from './credential-chain';
import type { UpstreamTarget } from './upstream-client';

export interface ResolvedUpstream {
  target: UpstreamTarget;
  /** The embedded emulator's URL (demo mode), for its admin routes. */
  emulatorUrl?: string;
  /** Stops the embedded emulator, if any. */
  close: () => Promise<void>;
}

/** EMULATOR_* settings for the embedded emulator: an ephemeral port unless EMULATOR_PORT is set, live data unless EMULATOR_LIVE says otherwise. */
export function embeddedEmulatorOptions(env: NodeJS.ProcessEnv, logger: Logger): EmulatorOptions {
  let fromEnv: EmulatorOptions;
  try {
    fromEnv = emulatorOptionsFromEnv(env);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  return {
    ...fromEnv,
    port: fromEnv.port ?? 0,
    live: fromEnv.live ?? true,
    logger: logger.child({ component: 'emulator' }),
  };
}

export async function resolveUpstream(
  config: Pick<ServerConfig, 'mode' | 'endpoint' | 'protocol'>,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<ResolvedUpstream> {
  // Before any Credential exists: the chain must not ask 100.100.100.200 off ECS.
  disableEcsMetadataProbe(env);
  if (config.mode !== 'demo') {
    const chain = await probeCredentialChain();
    if (chain.found) {
      logger.info(
        { mode: 'live', endpoint: config.endpoint, protocol: config.protocol, provider: chain.provider },
        'live mode',
      );
      return {
        target: {
          mode: 'live',
          endpoint: config.endpoint,
          protocol: config.protocol,
          credential: chain.credential,
        },
        close: async () => {},
      };
    }
    if (config.mode === 'live') {
      throw new ConfigError(
        `SOPHONSOAR_MODE=live but the Alibaba Cloud credential chain found no credentials (${chain.reason}). ` +
          'Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, a CLI profile, or use SOPHONSOAR_MODE=demo.',
      );
    }
    logger.info({ reason: chain.reason }, 'no credentials found: demo mode');
  }
  const emulator = await startEmulator(embeddedEmulatorOptions(env, logger));
  logger.info({ url: emulator.url, accessKeyId: emulator.accessKeyId }, 'emulator started');
  return {
    target: {
      mode: 'demo',
      endpoint: emulator.endpoint,
      protocol: 'http',
      credential: staticCredential(emulator.accessKeyId, emulator.accessKeySecret),
    },
    emulatorUrl: emulator.url,
    close: () => emulator.close(),
  };
}
