/**
 * Time bounds in links: either a 13-digit millisecond timestamp or a relative
 * expression in Grafana's style (`now`, `now-15m`, `now-24h`, `now-7d`), resolved only
 * when a query runs, so a "last 24 h" link means the last 24 h whenever it is opened.
 */
const UNIT_MS = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
} as const;
type Unit = keyof typeof UNIT_MS;

const RELATIVE = /^now(?:-(\d{1,6})([smhdw]))?$/;
const ABSOLUTE = /^\d{13}$/;

export type TimeExpr = string;

export function isRelative(expr: TimeExpr): boolean {
  return expr.startsWith('now');
}

/**
 * A relative expression's offset: `now-30m` → `{ n: 30, unit: 'm' }`, `now` → `{ n: 0 }`;
 * undefined for an absolute or invalid one.
 */
export function relativeOffset(expr: TimeExpr): { n: number; unit: Unit | undefined } | undefined {
  const m = RELATIVE.exec(expr);
  if (!m) return undefined;
  return m[1] === undefined ? { n: 0, unit: undefined } : { n: Number(m[1]), unit: m[2] as Unit };
}

/** True for `now`, `now-<n><s|m|h|d|w>` and 13-digit ms. */
export function isValidTimeExpr(raw: string): boolean {
  return RELATIVE.test(raw) || ABSOLUTE.test(raw);
}

/** The ms value of an expression at `now`; undefined when it is not valid. */
export function resolveTimeExpr(expr: TimeExpr, now: number): number | undefined {
  if (ABSOLUTE.test(expr)) return Number(expr);
  const m = RELATIVE.exec(expr);
  if (!m) return undefined;
  if (m[1] === undefined) return now;
  return now - Number(m[1]) * UNIT_MS[m[2] as Unit];
}

/** The quick ranges offered in the UI; the value is the start expression, the end is open (now). */
export const RELATIVE_PRESETS = ['now-15m', 'now-1h', 'now-24h', 'now-7d', 'now-30d'] as const;
export type RelativePreset = (typeof RELATIVE_PRESETS)[number];

export function isPreset(start: string | undefined, end: string | undefined): start is RelativePreset {
  return (
    start !== undefined &&
    (RELATIVE_PRESETS as readonly string[]).includes(start) &&
    (end === undefined || end === 'now')
  );
}
