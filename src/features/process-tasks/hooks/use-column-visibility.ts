import { useCallback, useState } from 'react';
import { readJson, writeJson } from '../../../lib/local-storage';
import { COLUMN_IDS, DEFAULT_HIDDEN } from '../components/task-columns';

const STORAGE_KEY = 'rtc.process-tasks.columns.v1';
type Visibility = Record<string, boolean>;

const isVisibility = (v: unknown): v is Visibility =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'boolean');

function initial(): Visibility {
  const stored = readJson(STORAGE_KEY, isVisibility);
  if (!stored) return { ...DEFAULT_HIDDEN };
  // Only known columns; TaskId is always shown.
  const out: Visibility = {};
  for (const id of COLUMN_IDS) {
    if (id === 'TaskId') continue;
    // A column added since the choice was stored starts as the default has it.
    const v = stored[id] ?? DEFAULT_HIDDEN[id];
    if (v !== undefined) out[id] = v;
  }
  return out;
}

/** Which columns show, remembered across reloads in localStorage. */
export function useColumnVisibility() {
  const [visibility, setVisibilityState] = useState<Visibility>(initial);
  const setVisibility = useCallback((updater: Visibility | ((old: Visibility) => Visibility)) => {
    setVisibilityState((old) => {
      const next = typeof updater === 'function' ? updater(old) : updater;
      writeJson(STORAGE_KEY, next);
      return next;
    });
  }, []);
  const reset = useCallback(() => setVisibility({ ...DEFAULT_HIDDEN }), [setVisibility]);
  return { visibility, setVisibility, reset };
}
