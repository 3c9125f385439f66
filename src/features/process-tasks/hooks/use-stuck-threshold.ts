import { useSyncExternalStore } from 'react';
import { readJson, writeJson } from '../../../lib/local-storage';
import { DEFAULT_STUCK_THRESHOLD_MS, isStuckThreshold } from '../model/stuck';

export const STUCK_THRESHOLD_STORAGE_KEY = 'rtc.process-tasks.stuck-threshold-ms.v1';

/** The stuck threshold the analyst set last time (localStorage), in ms, or the default (30 min). */
export function readStuckThreshold(): number {
  return readJson(STUCK_THRESHOLD_STORAGE_KEY, isStuckThreshold) ?? DEFAULT_STUCK_THRESHOLD_MS;
}

// One value for the whole page, so the row badges and the summary agree.
let current: number | undefined;
const listeners = new Set<() => void>();

function snapshot(): number {
  current ??= readStuckThreshold();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Sets the stuck threshold (ms) everywhere on the page and remembers it.
 * @throws RangeError when `ms` is not a whole number of minutes between 1 minute and 7 days.
 */
export function setStuckThreshold(ms: number): void {
  if (!isStuckThreshold(ms))
    throw new RangeError(`Stuck threshold must be whole minutes from 1 min to 7 days, got ${ms} ms`);
  writeJson(STUCK_THRESHOLD_STORAGE_KEY, ms);
  current = ms;
  for (const l of listeners) l();
}

/** The stuck threshold in ms, remembered across reloads, shared by every component of the page. */
export function useStuckThreshold(): [number, (ms: number) => void] {
  return [useSyncExternalStore(subscribe, snapshot), setStuckThreshold];
}
