import { useSyncExternalStore } from 'react';
import { readJson, writeJson } from '../../../lib/local-storage';

/** Row height of the task table: compact fits more rows on a laptop screen. */
export type Density = 'compact' | 'comfortable';
export const DENSITIES: readonly Density[] = ['compact', 'comfortable'];
export const DENSITY_STORAGE_KEY = 'rtc.process-tasks.density.v1';
export const DEFAULT_DENSITY: Density = 'compact';

const isDensity = (v: unknown): v is Density => v === 'compact' || v === 'comfortable';

/** The density the analyst chose last time (localStorage), or the default. */
export function readDensity(): Density {
  return readJson(DENSITY_STORAGE_KEY, isDensity) ?? DEFAULT_DENSITY;
}

// One value for the whole page, so the table and a saved view applied from the toolbar agree.
let current: Density | undefined;
const listeners = new Set<() => void>();

function snapshot(): Density {
  current ??= readDensity();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sets the density everywhere on the page and remembers it. */
export function setDensity(d: Density): void {
  writeJson(DENSITY_STORAGE_KEY, d);
  current = d;
  for (const l of listeners) l();
}

/** The table's density, remembered across reloads in localStorage and shared by every user of it. */
export function useDensity(): [Density, (d: Density) => void] {
  const density = useSyncExternalStore(subscribe, snapshot);
  return [density, setDensity];
}
