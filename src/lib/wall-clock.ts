/**
 * One cached Intl.DateTimeFormat per IANA zone that splits an instant into its wall-clock
 * parts there (24-hour, 2-digit fields, era for years before 1). Building a formatter costs
 * far more than using one, and the table and the CSV ask for thousands of times.
 * Throws RangeError for an unknown zone: better loud than silently wrong offsets.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function wallClockFormat(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formats.set(zone, f);
  }
  return f;
}
