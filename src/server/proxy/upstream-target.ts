/**
 * Live or demo: where the proxy sends its signed calls.
 * - live: the real endpoint (SOPHONSOAR_ENDPOINT/PROTOCOL), signed with the standard
 *   credential chain;
 * - demo: the emulator started in this process on a loopback port, signed with its key;
 * - auto (default): live when the chain finds credentials, demo otherwise.
 */
import type { Logger } from 'pino';
import { ConfigError, type ServerConfig } from '../config';
import { startEmulator, type EmulatorOptions } from '../emulator/index';
import { isLoopbackListenHost } from '../emulator/loopback';
import { disableEcsMetadataProbe, probeCredentialChain, staticCredential } from './credential-chain';
import type { UpstreamTarget } from './upstream-client';

const EMBEDDED_HOST = '127.0.0.1';

export interface ResolvedUpstream {
  target: UpstreamTarget;
  /** The embedded emulator's URL (demo mode), for its admin routes. */
  emulatorUrl?: string;
  /** Stops the embedded emulator, if any. */
  close: () => Promise<void>;
}

/**
 * The embedded emulator's options: EMULATOR_* settings, always on 127.0.0.1 (its admin
 * routes change what the proxy answers), an ephemeral port unless EMULATOR_PORT is set,
 * live data unless EMULATOR_LIVE says otherwise.
 */
export function embeddedEmulatorOptions(settings: EmulatorOptions, logger: Logger): EmulatorOptions {
  if (settings.host !== undefined && !isLoopbackListenHost(settings.host)) {
    logger.warn(
      { host: settings.host },
      `EMULATOR_HOST=${settings.host} is ignored in demo mode: the embedded emulator listens on 127.0.0.1 only.`,
    );
  }
  return {
    ...settings,
    host: EMBEDDED_HOST,
    port: settings.port ?? 0,
    live: settings.live ?? true,
    logger: logger.child({ component: 'emulator' }),
  };
}

export async function resolveUpstream(
  config: Pick<ServerConfig, 'mode' | 'endpoint' | 'protocol' | 'emulator' | 'credentialChain'>,
  logger: Logger,
): Promise<ResolvedUpstream> {
  // Before any Credential exists: the chain must not ask 100.100.100.200 off ECS.
  disableEcsMetadataProbe(config.credentialChain);
  if (config.mode !== 'demo') {
    const chain = await probeCredentialChain(config.credentialChain);
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
  const emulator = await startEmulator(embeddedEmulatorOptions(config.emulator, logger));
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
