/** The standalone emulator (`npm run emulator`) as a child process on an ephemeral port, with its call log. */
export {
  startEmulatorProcess,
  peakCalls,
  type EmulatorProcess,
} from '../../../test/helpers/emulator-process';
