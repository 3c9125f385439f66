/** localStorage that never throws (private mode, quota, disabled storage). */
export function readJson<T>(key: string, check: (v: unknown) => v is T): T | undefined {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return undefined;
    const v: unknown = JSON.parse(raw);
    return check(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not persisted: the choice still applies for this page view.
  }
}
