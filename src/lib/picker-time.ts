/**
 * The bridge between the date pickers and instants. antd's pickers work on dayjs values
 * in the browser's zone: they parse typed text and build picked dates there. The console
 * shows times in the zone of the header ("Times in": local, UTC or an IANA zone), so a
 * picker is given, and gives back, the wall-clock time of that zone: what the analyst
 * reads or types means the zone on screen, whatever the browser's zone.
 *
 * Every conversion between a picker value and ms goes through these two functions.
 */
import { dayjs, type Dayjs } from './dayjs';
import { getTimeZoneSetting, resolveTimeZone, type TimeZoneSetting } from './time';

const WALL_CLOCK = 'YYYY-MM-DDTHH:mm:ss.SSS';

/**
 * The picker value for the instant `ms` (epoch ms): a dayjs whose wall clock reads what
 * `zone` reads at `ms`. E.g. 1795824000000 with 'UTC' shows "2026-11-28 00:00" in a
 * browser in Asia/Shanghai. (A wall-clock time that the browser's own zone skips, in its
 * daylight-saving gap, is shown one hour later: dayjs cannot represent it.)
 */
export function msToPickerValue(ms: number, zone: TimeZoneSetting = getTimeZoneSetting()): Dayjs {
  const name = resolveTimeZone(zone);
  const wall = name === 'UTC' ? dayjs(ms).utc() : dayjs(ms).tz(name);
  return dayjs(wall.format(WALL_CLOCK));
}

/**
 * The instant (epoch ms) a picker value means: its wall clock read in `zone`. E.g.
 * "2026-11-28 00:00" with 'UTC' → 1795824000000, whatever the browser's zone. The picker
 * value may come from typing or picking (browser-zone dayjs) or from msToPickerValue.
 */
export function pickerValueToMs(value: Dayjs, zone: TimeZoneSetting = getTimeZoneSetting()): number {
  const name = resolveTimeZone(zone);
  const wall = value.format(WALL_CLOCK);
  return name === 'UTC' ? dayjs.utc(wall).valueOf() : dayjs.tz(wall, name).valueOf();
}
