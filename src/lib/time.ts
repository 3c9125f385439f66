/**
 * Every time the SPA shows is formatted here. The zone is a setting: 'local' (the
 * analyst's browser zone), 'UTC', or any IANA zone name such as 'Asia/Shanghai'.
 */
import { wallClockFormat } from './wall-clock';
import { dayjs, type Dayjs } from './dayjs';

export type TimeZoneSetting = 'local' | 'UTC' | (string & {});

let currentZone: TimeZoneSetting = 'local';
const zoneListeners = new Set<() => void>();

/** The zone used when a caller does not pass one. */
export function getTimeZoneSetting(): TimeZoneSetting {
  return currentZone;
}
export function setTimeZoneSetting(zone: TimeZoneSetting): void {
  if (zone !== 'local' && !isValidTimeZone(zone)) throw new Error(`Unknown time zone: ${zone}`);
  currentZone = zone;
  for (const l of zoneListeners) l();
}
/** For UIs that re-render when the setting changes (see lib/use-time-zone.ts). */
export function subscribeTimeZoneSetting(listener: () => void): () => void {
  zoneListeners.add(listener);
  return () => zoneListeners.delete(listener);
}

let localZone: string | undefined;

/** The IANA name behind a setting ('local' becomes the browser's zone). */
export function resolveTimeZone(zone: TimeZoneSetting = currentZone): string {
  if (zone !== 'local') return zone;
  // dayjs.tz.guess builds an Intl.DateTimeFormat on every call, and a table of times asks
  // once per cell: the answer is kept for the current task only (the browser's zone can
  // change while the page is open).
  if (localZone === undefined) {
    localZone = dayjs.tz.guess() || 'UTC';
    queueMicrotask(() => (localZone = undefined));
  }
  return localZone;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function inZone(ms: number, zone: TimeZoneSetting): Dayjs {
  const name = resolveTimeZone(zone);
  return name === 'UTC' ? dayjs(ms).utc() : dayjs(ms).tz(name);
}

function isTime(ms: number | undefined | null): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms);
}

/**
 * `2026-11-27 17:12:05` in the given zone. Formatted by one cached Intl.DateTimeFormat per
 * zone (the list shows dozens per page); years outside 1000–9999, which dayjs writes its
 * own way, go through dayjs.
 */
export function formatDateTime(ms: number, zone: TimeZoneSetting = currentZone): string {
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of wallClockFormat(resolveTimeZone(zone)).formatToParts(ms)) p[part.type] = part.value;
  if (p.year?.length !== 4 || p.era !== 'AD') return inZone(ms, zone).format('YYYY-MM-DD HH:mm:ss');
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `2026-11-27 17:12:05 UTC+08:00`: unambiguous, for tooltips and the drawer. */
export function formatDateTimeWithZone(ms: number, zone: TimeZoneSetting = currentZone): string {
  const d = inZone(ms, zone);
  return `${d.format('YYYY-MM-DD HH:mm:ss')} UTC${d.format('Z')}`;
}

/** `2026-11-27 09:12:05 UTC`. */
export function formatUtc(ms: number): string {
  return `${dayjs(ms).utc().format('YYYY-MM-DD HH:mm:ss')} UTC`;
}

/** ISO 8601 with the zone's offset and milliseconds: `2026-11-27T17:12:05.120+08:00`. */
export function formatIso(ms: number, zone: TimeZoneSetting = currentZone): string {
  return inZone(ms, zone).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

/** `5 minutes ago` / `in 2 hours`, relative to `now`. */
export function formatRelative(ms: number, now: number = Date.now()): string {
  return dayjs(ms).from(dayjs(now));
}

/** The zone's offset at that instant, e.g. `UTC+08:00` (for labels). */
export function formatZoneOffset(ms: number, zone: TimeZoneSetting = currentZone): string {
  return `UTC${inZone(ms, zone).format('Z')}`;
}

/** A compact value for file names: `2026-11-27T1712+0800`. */
export function formatFileStamp(ms: number, zone: TimeZoneSetting = currentZone): string {
  return inZone(ms, zone).format('YYYY-MM-DDTHHmmZZ');
}

/** Every representation of one time value, or undefined when the value is missing. */
export interface TimeParts {
  ms: number;
  local: string;
  utc: string;
  relative: string;
}
export function timeParts(
  ms: number | undefined | null,
  zone: TimeZoneSetting = currentZone,
  now: number = Date.now(),
): TimeParts | undefined {
  if (!isTime(ms)) return undefined;
  return {
    ms,
    local: formatDateTimeWithZone(ms, zone),
    utc: formatUtc(ms),
    relative: formatRelative(ms, now),
  };
}
