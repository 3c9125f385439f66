import { storedSetting } from '../../../lib/stored-setting';
import { DEFAULT_STUCK_THRESHOLD_MS, isStuckThreshold } from '../model/stuck';

export const STUCK_THRESHOLD_STORAGE_KEY = 'rtc.process-tasks.stuck-threshold-ms.v1';

const threshold = storedSetting(STUCK_THRESHOLD_STORAGE_KEY, isStuckThreshold, DEFAULT_STUCK_THRESHOLD_MS);

/** The stuck threshold the analyst set last time (localStorage), in ms, or the default (30 min). */
export const readStuckThreshold = (): number => threshold.get();

/**
 * Sets the stuck threshold (ms) everywhere on the page and remembers it.
 * @throws RangeError when `ms` is not a whole number of minutes between 1 minute and 7 days.
 */
export function setStuckThreshold(ms: number): void {
  if (!isStuckThreshold(ms))
    throw new RangeError(`Stuck threshold must be whole minutes from 1 min to 7 days, got ${ms} ms`);
  threshold.set(ms);
}

/** The stuck threshold in ms, remembered across reloads, shared by every component of the page. */
export function useStuckThreshold(): [number, (ms: number) => void] {
  return [threshold.use()[0], setStuckThreshold];
}
