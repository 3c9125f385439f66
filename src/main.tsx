// zod's CSP-safe mode must be set before any module builds a schema. Static imports are
// all evaluated before this file's body, and the bundler may group zod and the shared
// schemas into a chunk that runs first; so everything else is loaded by a dynamic
// import that starts only after the setting (its chunks are still preloaded in parallel).
import './lib/zod-jitless';
import { startEarlyRequests } from './app/early-requests';
import { warmIntl } from './app/warm-intl';

// The first page and the config are asked for now, from the small entry chunk, while the
// app's chunks download and boot (the app takes the answers over: app/early-handoff.ts).
startEarlyRequests();

void import('./app/bootstrap').then(({ bootstrap }) => bootstrap(document.getElementById('root')!));

// While those download: the engine's first Intl formatter is costly (ICU data), so it is
// built now rather than between the list's answer and the painted rows.
warmIntl();
