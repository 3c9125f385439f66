import { useSyncExternalStore } from 'react';
import { readJson, writeJson } from './local-storage';

/** One remembered choice of the analyst's, shared by every component of the page. */
export interface StoredSetting<T> {
  /** The value now: the one set on this page, else the stored one, else the default. */
  get(): T;
  /** Sets the value everywhere on the page and remembers it (localStorage, never throws). */
  set(value: T): void;
  /** `[value, set]`, re-rendering when the value changes. */
  use(): [T, (value: T) => void];
}

/**
 * A setting remembered in localStorage under `key` (JSON), read once and then kept in
 * memory for the page; a stored value `check` refuses (another version, a hand edit)
 * reads as `fallback`.
 */
export function storedSetting<T>(key: string, check: (v: unknown) => v is T, fallback: T): StoredSetting<T> {
  let current: T | undefined;
  let loaded = false;
  const listeners = new Set<() => void>();
  const get = (): T => {
    if (!loaded) {
      current = readJson(key, check) ?? fallback;
      loaded = true;
    }
    return current as T;
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const set = (value: T): void => {
    writeJson(key, value);
    current = value;
    loaded = true;
    for (const l of listeners) l();
  };
  return { get, set, use: () => [useSyncExternalStore(subscribe, get), set] };
}
