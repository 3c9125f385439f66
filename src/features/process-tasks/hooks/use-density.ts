import { storedSetting } from '../../../lib/stored-setting';

/** Row height of the task table: compact fits more rows on a laptop screen. */
export type Density = 'compact' | 'comfortable';
export const DENSITIES: readonly Density[] = ['compact', 'comfortable'];
export const DENSITY_STORAGE_KEY = 'rtc.process-tasks.density.v1';
export const DEFAULT_DENSITY: Density = 'compact';

const isDensity = (v: unknown): v is Density => v === 'compact' || v === 'comfortable';

const density = storedSetting(DENSITY_STORAGE_KEY, isDensity, DEFAULT_DENSITY);

/** The density the analyst chose last time (localStorage), or the default. */
export const readDensity = (): Density => density.get();

/** Sets the density everywhere on the page and remembers it. */
export const setDensity = (d: Density): void => density.set(d);

/** The table's density, remembered across reloads in localStorage and shared by every user of it. */
export const useDensity = (): [Density, (d: Density) => void] => density.use();
