import { describe, expect, it } from 'vitest';
import '../../../lib/dayjs';
import { setTimeZoneSetting } from '../../../lib/time';
import { activeFilters, describeTimeRange } from './filter-summary';

setTimeZoneSetting('UTC');

describe('describeTimeRange', () => {
  it.each([
    [undefined, undefined, 'Any time'],
    ['now-15m', undefined, 'Last 15 minutes'],
    ['now-24h', 'now', 'Last 24 hours'],
    ['now-30d', undefined, 'Last 30 days'],
    ['now-2h', 'now-1h', 'now-2h – now-1h'],
    ['1795700000000', '1795800000000', '2026-11-26 13:33:20 – 2026-11-27 17:20:00'],
    ['1795700000000', undefined, 'from 2026-11-26 13:33:20'],
    [undefined, '1795800000000', 'until 2026-11-27 17:20:00'],
  ])('%s → %s = %s', (start, end, text) => {
    expect(describeTimeRange(start, end)).toBe(text);
  });
});

describe('activeFilters', () => {
  it('lists each active filter once with human labels and the parameters it clears', () => {
    expect(
      activeFilters({
        TaskStatus: ['90', '91'],
        YunCode: ['CFW'],
        EntityType: 'ip',
        ProcessRemoveStart: 'now-7d',
        EventUuid: 'evt-1',
      }),
    ).toEqual([
      {
        id: 'TaskStatus',
        label: 'Status',
        value: 'Failed (90), Unblock failed (91)',
        params: ['TaskStatus'],
      },
      { id: 'YunCode', label: 'Product', value: 'Cloud Firewall (CFW)', params: ['YunCode'] },
      { id: 'EntityType', label: 'Entity type', value: 'IP address', params: ['EntityType'] },
      {
        id: 'ProcessRemoveRange',
        label: 'Unblocked / restored',
        value: 'Last 7 days',
        params: ['ProcessRemoveStart', 'ProcessRemoveEnd'],
      },
      { id: 'EventUuid', label: 'Event UUID', value: 'evt-1', params: ['EventUuid'] },
    ]);
    expect(activeFilters({})).toEqual([]);
  });
});
