/**
 * `npm run emulator`: the emulator as a standalone process. Settings from EMULATOR_* and
 * LOG_LEVEL (src/server/config.ts); an invalid value stops it with a message naming the
 * variable.
 */
import { pino } from 'pino';
import { loadEmulatorConfig } from '../config';
import { startEmulator } from './index';

let config: ReturnType<typeof loadEmulatorConfig>;
try {
  config = loadEmulatorConfig(process.env);
} catch (e) {
  console.error(`Sophonsoar emulator: ${(e as Error).message}`);
  process.exit(1);
}

const logger = pino({ level: config.logLevel });
const emu = await startEmulator({ ...config.options, logger });
// The secret is never printed; the demo pair is documented in the README.
console.log(`Sophonsoar emulator listening on ${emu.url} (AccessKeyId ${emu.accessKeyId})`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`Sophonsoar emulator stopping (${signal})`);
  emu.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
