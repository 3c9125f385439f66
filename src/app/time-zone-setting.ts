import { readJson, writeJson } from '../lib/local-storage';
import { formatZoneOffset, isValidTimeZone, setTimeZoneSetting } from '../lib/time';
import { TIME_ZONE_STORAGE_KEY as STORAGE_KEY } from './warm-intl';

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

/** Names of UTC itself (one option, 'UTC', stands for them all). */
const UTC_ALIASES = /^(Etc\/)?(UTC|UCT|Universal|Zulu|GMT|GMT0|Greenwich)$/;

/**
 * The IANA zones the browser knows (Intl.supportedValuesOf('timeZone')), as select
 * options: 'UTC' first, then every zone by name with its offset at `atMs`, e.g.
 * `{value: 'Asia/Shanghai', label: 'Asia/Shanghai (+08:00)'}`; `zones`: those to list (default:
 * every zone).
 */
export function timeZoneOptions(
  atMs: number,
  zones: readonly string[] = Intl.supportedValuesOf('timeZone'),
): { value: string; label: string }[] {
  const named = zones
    .filter((z) => !UTC_ALIASES.test(z) && isValidTimeZone(z))
    .map((z) => ({ value: z, label: `${z} (${formatZoneOffset(atMs, z).replace(/^UTC/, '')})` }));
  return [{ value: 'UTC', label: 'UTC' }, ...named];
}
