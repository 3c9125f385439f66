/** The local Sophonsoar emulator: see server.ts for the HTTP side. */
export { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from './options';
export type { EmulatorOptions } from './options';
export { NO_FAULTS, type Faults } from './faults';
export { startEmulator } from './server';
export type { RunningEmulator } from './server';
export { HOSTILE_ERROR_TEXT, HOSTILE_TASK_IDS } from './hostile';
export { TRIAGE, TRIAGE_TASK_IDS } from './triage';
