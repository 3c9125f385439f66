import { readJson, writeJson } from '../lib/local-storage';
import { isValidTimeZone, setTimeZoneSetting } from '../lib/time';

const STORAGE_KEY = 'rtc.time-zone.v1';
const isZone = (v: unknown): v is string => typeof v === 'string' && (v === 'local' || isValidTimeZone(v));

/** Applies the zone the analyst chose last time (localStorage), before the first render. */
export function restoreTimeZoneSetting(): void {
  const stored = readJson(STORAGE_KEY, isZone);
  if (stored && stored !== 'local') setTimeZoneSetting(stored);
}

/** Sets the display zone and remembers it. */
export function chooseTimeZone(zone: string): void {
  setTimeZoneSetting(zone);
  writeJson(STORAGE_KEY, zone);
}
