import { useSyncExternalStore } from 'react';
import { getTimeZoneSetting, subscribeTimeZoneSetting, type TimeZoneSetting } from './time';

/** The display zone setting; components using it re-render when it changes. */
export function useTimeZoneSetting(): TimeZoneSetting {
  return useSyncExternalStore(subscribeTimeZoneSetting, getTimeZoneSetting);
}
