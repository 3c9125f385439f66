import { describe, expect, it } from 'vitest';
import { dayjs } from './dayjs';
import {
  formatDateTime,
  formatDateTimeWithZone,
  formatFileStamp,
  formatIso,
  formatRelative,
  formatUtc,
  formatZoneOffset,
  getTimeZoneSetting,
  isValidTimeZone,
  resolveTimeZone,
  setTimeZoneSetting,
  subscribeTimeZoneSetting,
  timeParts,
} from './time';

// 2026-11-27T09:12:05.120Z
const MS = Date.UTC(2026, 10, 27, 9, 12, 5, 120);
// 2026-07-01T12:00:00Z (summer: daylight saving in New York)
const SUMMER = Date.UTC(2026, 6, 1, 12, 0, 0);

describe('formatting with an explicit zone', () => {
  it.each([
    ['UTC', MS, '2026-11-27 09:12:05', '2026-11-27T09:12:05.120+00:00', 'UTC+00:00'],
    ['Asia/Shanghai', MS, '2026-11-27 17:12:05', '2026-11-27T17:12:05.120+08:00', 'UTC+08:00'],
    ['America/New_York', MS, '2026-11-27 04:12:05', '2026-11-27T04:12:05.120-05:00', 'UTC-05:00'],
    ['America/New_York', SUMMER, '2026-07-01 08:00:00', '2026-07-01T08:00:00.000-04:00', 'UTC-04:00'],
    ['Asia/Kolkata', MS, '2026-11-27 14:42:05', '2026-11-27T14:42:05.120+05:30', 'UTC+05:30'],
  ])('%s at %d', (zone, ms, local, iso, offset) => {
    expect(formatDateTime(ms, zone)).toBe(local);
    expect(formatIso(ms, zone)).toBe(iso);
    expect(formatZoneOffset(ms, zone)).toBe(offset);
    expect(formatDateTimeWithZone(ms, zone)).toBe(`${local} ${offset}`);
  });

  it.each([
    ['UTC'],
    ['Asia/Shanghai'],
    ['America/New_York'],
    ['Asia/Kolkata'],
    ['Australia/Lord_Howe'],
    ['Pacific/Chatham'],
    ['local'],
  ])('formatDateTime in %s agrees with dayjs across years, DST changes and odd instants', (zone) => {
    const name = resolveTimeZone(zone);
    const cases = [
      0,
      -1,
      MS,
      SUMMER,
      Date.UTC(2026, 2, 8, 6, 59, 59, 999),
      Date.UTC(2026, 2, 8, 7, 0, 0),
      Date.UTC(2026, 10, 1, 5, 59, 59),
      Date.UTC(2026, 10, 1, 6, 0, 0),
      Date.UTC(1999, 11, 31, 23, 59, 59),
      Date.UTC(2000, 0, 1, 0, 0, 0),
      Date.UTC(9999, 11, 31, 23, 59, 59),
      Date.UTC(10_000, 0, 1),
      Date.UTC(999, 0, 1),
      -62_198_755_200_000,
      8.64e15,
      1_700_000_000_123,
    ];
    for (let i = 0; i < 200; i++) cases.push(1_000_000_000_000 + i * 7_777_777_777);
    for (const ms of cases) {
      const d = dayjs(ms);
      const expected = (name === 'UTC' ? d.utc() : d.tz(name)).format('YYYY-MM-DD HH:mm:ss');
      expect(formatDateTime(ms, zone), `${ms} in ${zone}`).toBe(expected);
    }
  });

  it('formats UTC regardless of the zone setting', () => {
    expect(formatUtc(MS)).toBe('2026-11-27 09:12:05 UTC');
  });

  it('makes compact stamps for file names', () => {
    expect(formatFileStamp(MS, 'Asia/Shanghai')).toBe('2026-11-27T1712+0800');
    expect(formatFileStamp(MS, 'UTC')).toBe('2026-11-27T0912+0000');
  });

  it('resolves the "local" setting to a real IANA zone', () => {
    expect(isValidTimeZone(resolveTimeZone('local'))).toBe(true);
    expect(resolveTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(isValidTimeZone('Not/AZone')).toBe(false);
  });
});

describe('relative age', () => {
  it.each([
    [MS - 5 * 60_000, '5 minutes ago'],
    [MS - 3 * 3_600_000, '3 hours ago'],
    [MS - 2 * 86_400_000, '2 days ago'],
    [MS + 3_600_000, 'in an hour'],
  ])('%d → %s', (ms, text) => {
    expect(formatRelative(ms, MS)).toBe(text);
  });
});

describe('timeParts', () => {
  it('gives every representation, or nothing for a missing time', () => {
    expect(timeParts(MS, 'Asia/Shanghai', MS + 60_000)).toEqual({
      ms: MS,
      local: '2026-11-27 17:12:05 UTC+08:00',
      utc: '2026-11-27 09:12:05 UTC',
      relative: 'a minute ago',
    });
    expect(timeParts(undefined)).toBeUndefined();
    expect(timeParts(Number.NaN)).toBeUndefined();
  });
});

describe('the zone setting', () => {
  it('is used by default, notifies subscribers and refuses unknown zones', () => {
    const seen: string[] = [];
    const unsubscribe = subscribeTimeZoneSetting(() => seen.push(getTimeZoneSetting()));
    try {
      setTimeZoneSetting('Asia/Shanghai');
      expect(formatDateTime(MS)).toBe('2026-11-27 17:12:05');
      setTimeZoneSetting('UTC');
      expect(formatDateTime(MS)).toBe('2026-11-27 09:12:05');
      expect(() => setTimeZoneSetting('Mars/Olympus')).toThrow('Unknown time zone: Mars/Olympus');
      expect(seen).toEqual(['Asia/Shanghai', 'UTC']);
    } finally {
      unsubscribe();
      setTimeZoneSetting('local');
    }
  });
});
