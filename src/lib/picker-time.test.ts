import { afterAll, describe, expect, it } from 'vitest';
import { dayjs } from './dayjs';
import { msToPickerValue, pickerValueToMs } from './picker-time';

// The picker's values live in the browser's zone; these tests set Node's zone (TZ) to play
// the browser in several zones, and restore it at the end.
const savedTz = process.env.TZ;
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const BROWSER_ZONES = ['Asia/Shanghai', 'America/New_York', 'UTC', 'Europe/Berlin'] as const;

describe.each(BROWSER_ZONES)('browser in %s', (browserZone) => {
  const inBrowser = (fn: () => void) => () => {
    process.env.TZ = browserZone;
    expect(new Date(Date.UTC(2026, 10, 28)).getTimezoneOffset()).toBe(
      { 'Asia/Shanghai': -480, 'America/New_York': 300, UTC: 0, 'Europe/Berlin': -60 }[browserZone],
    );
    fn();
  };

  it.each([
    // The case: "Times in" UTC, custom range 2026-11-28 00:00 → 23:59.
    ['UTC', '2026-11-28 00:00', 1795824000000],
    ['UTC', '2026-11-28 23:59', 1795910340000],
    // The same wall clock in Shanghai is the Shanghai day.
    ['Asia/Shanghai', '2026-11-28 00:00', 1795795200000],
    ['Asia/Shanghai', '2026-11-28 23:59', 1795881540000],
    ['Asia/Kolkata', '2026-11-28 00:00', Date.UTC(2026, 10, 27, 18, 30)],
    ['America/New_York', '2026-11-28 00:00', Date.UTC(2026, 10, 28, 5, 0)],
    ['America/New_York', '2026-07-01 08:00', Date.UTC(2026, 6, 1, 12, 0)],
  ])('typed or picked in %s: %s means %d, and shows as typed', (zone, wall, ms) =>
    inBrowser(() => {
      // What antd hands over: a dayjs parsed in the browser's zone.
      const typed = dayjs(wall, 'YYYY-MM-DD HH:mm');
      expect(typed.format('YYYY-MM-DD HH:mm')).toBe(wall);
      expect(pickerValueToMs(typed, zone)).toBe(ms);
      expect(msToPickerValue(ms, zone).format('YYYY-MM-DD HH:mm')).toBe(wall);
    })(),
  );

  it(
    '"local" is the browser’s zone, and every instant survives the round trip in every zone',
    inBrowser(() => {
      expect(pickerValueToMs(dayjs('2026-11-28 00:00'), 'local')).toBe(dayjs('2026-11-28 00:00').valueOf());
      const instants = [
        1795824000000,
        1795910340000,
        Date.UTC(2026, 6, 1, 12, 0, 30, 250),
        Date.UTC(2026, 2, 29, 1, 30),
      ];
      for (const zone of ['local', 'UTC', 'Asia/Shanghai', 'America/New_York', 'Asia/Kolkata']) {
        for (const ms of instants)
          expect(pickerValueToMs(msToPickerValue(ms, zone), zone), `${zone} ${ms}`).toBe(ms);
      }
    }),
  );
});
