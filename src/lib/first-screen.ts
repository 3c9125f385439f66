/**
 * "The first rows are on screen": a one-way flag the list sets once its first answer
 * (rows, an empty result or an error) has been painted, so that code not needed for the
 * first rows (filter controls, pagination, the zone select) loads after them and never
 * competes with them. After `FALLBACK_MS` the flag is set anyway, so a slow or hanging
 * first request never leaves the controls out.
 */
import { useEffect, useSyncExternalStore } from 'react';

/** The longest the deferred code waits for the first rows (ms). */
const FALLBACK_MS = 3_000;

let done = false;
const listeners = new Set<() => void>();

/** Sets the flag (idempotent). */
export function markFirstScreenShown(): void {
  if (done) return;
  done = true;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True once the first rows (or the first answer) are painted, or `FALLBACK_MS` after mounting. */
export function useFirstScreenShown(): boolean {
  const shown = useSyncExternalStore(subscribe, () => done);
  useEffect(() => {
    if (shown) return;
    const id = window.setTimeout(markFirstScreenShown, FALLBACK_MS);
    return () => window.clearTimeout(id);
  }, [shown]);
  return shown;
}
