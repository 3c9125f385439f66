import { useCallback, useState } from 'react';
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

/** The table's density, remembered across reloads in localStorage. */
export function useDensity(): [Density, (d: Density) => void] {
  const [density, setState] = useState<Density>(readDensity);
  const setDensity = useCallback((d: Density) => {
    writeJson(DENSITY_STORAGE_KEY, d);
    setState(d);
  }, []);
  return [density, setDensity];
}
