/**
 * Live or demo: where the proxy sends its signed calls.
 * - live: the real endpoint (SOPHONSOAR_ENDPOINT/PROTOCOL), signed with the standard
 *   credential chain;
 * - demo: the emulator started in this process on a loopback port, signed with its key;
 * - auto (default): demo only when no credential source is configured at all
 *   (credential-sources.ts); a configured source the chain cannot use stops the start-up
 *   with the reason, so a broken profile never shows demo data as if it were the account's.
 */
import type { Logger } from 'pino';
import { ConfigError, type ServerConfig } from '../config';
import { startEmulator, type EmulatorOptions } from '../emulator/index';
import { isLoopbackListenHost } from '../emulator/loopback';
import { probeCredentialChain, staticCredential } from './credential-chain';
import { configuredCredentialSources, credentialHints, describeSources } from './credential-sources';
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
  config: Pick<ServerConfig, 'mode' | 'endpoint' | 'protocol' | 'emulator'>,
  /** The process environment, for the credential chain (the library reads ALIBABA_CLOUD_* itself). */
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<ResolvedUpstream> {
  if (config.mode !== 'demo') {
    const sources = configuredCredentialSources(env);
    const hints = credentialHints(env);
    if (config.mode === 'auto' && sources.length === 0) {
      logger.info('no credential source configured: demo mode');
    } else {
      const chain = await probeCredentialChain(env);
      if (chain.found) {
        for (const hint of hints) logger.warn({ credentialProvider: chain.provider }, hint);
        logger.info(
          {
            mode: 'live',
            endpoint: config.endpoint,
            protocol: config.protocol,
            credentialProvider: chain.provider,
          },
          'live mode',
        );
        return {
          target: {
            mode: 'live',
            endpoint: config.endpoint,
            protocol: config.protocol,
            credential: chain.credential,
            credentialProvider: chain.provider,
          },
          close: async () => {},
        };
      }
      if (sources.length === 0) {
        throw new ConfigError(
          `SOPHONSOAR_MODE=live but the Alibaba Cloud credential chain found no credentials (${chain.reason}). ` +
            'Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, a CLI profile, or use SOPHONSOAR_MODE=demo.',
        );
      }
      throw new ConfigError(
        `Alibaba Cloud credentials are configured (${describeSources(sources)}) but cannot be used: ${[chain.reason, ...hints].join('; ')}. ` +
          'Fix that source, or set SOPHONSOAR_MODE=demo to use the built-in emulator instead.',
      );
    }
  }
  const emulator = await startEmulator(embeddedEmulatorOptions(config.emulator, logger));
  logger.info({ url: emulator.url, accessKeyId: emulator.accessKeyId }, 'emulator started');
  return {
    target: {
      mode: 'demo',
      endpoint: emulator.endpoint,
      protocol: 'http',
      credential: staticCredential(emulator.accessKeyId, emulator.accessKeySecret),
      credentialProvider: 'static_ak',
    },
    emulatorUrl: emulator.url,
    close: () => emulator.close(),
  };
}
