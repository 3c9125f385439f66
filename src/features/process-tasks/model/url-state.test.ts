import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  buildHref,
  freezeFilters,
  parseLocation,
  parsePath,
  pageInRange,
  parseSearch,
  serializeView,
  withFilters,
  type TaskListView,
} from './url-state';
import { exportedView } from './task-view';
import { toWireQuery } from './wire-query';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0); // 2026-11-27T12:00:00Z
const H = 3_600_000;

const view = (patch: Partial<TaskListView>): TaskListView => ({ ...DEFAULT_VIEW, ...patch });

describe('URL ↔ view round trip', () => {
  const cases: [string, TaskListView][] = [
    ['', DEFAULT_VIEW],
    ['TaskStatus=90,91&YunCode=WAF', view({ filters: { TaskStatus: ['90', '91'], YunCode: ['WAF'] } })],
    [
      'Source=system,soar-manual&TriggerSource=custom_alert&EntityType=ip',
      view({
        filters: { Source: ['system', 'soar-manual'], TriggerSource: 'custom_alert', EntityType: 'ip' },
      }),
    ],
    [
      'EventUuid=9618df89-231d-49c3-8b77-c2a60491e8db',
      view({ filters: { EventUuid: '9618df89-231d-49c3-8b77-c2a60491e8db' } }),
    ],
    ['ParamContent=xmrig%20pool%26more', view({ filters: { ParamContent: 'xmrig pool&more' } })],
    ['EntityName=%E4%B8%AD%E6%96%87%2C%20a%2Cb', view({ filters: { EntityName: '中文, a,b' } })],
    ['ProcessActionStart=now-24h', view({ filters: { ProcessActionStart: 'now-24h' } })],
    [
      'ProcessRemoveStart=1795700000000&ProcessRemoveEnd=1795800000000',
      view({ filters: { ProcessRemoveStart: '1795700000000', ProcessRemoveEnd: '1795800000000' } }),
    ],
    ['OrderField=processTime&Direction=asc', view({ orderField: 'processTime', direction: 'asc' })],
    ['PageNumber=3&PageSize=50', view({ page: 3, pageSize: 50 })],
  ];
  it.each(cases)('%s', (search, expected) => {
    const parsed = parseSearch(search, NOW);
    expect(parsed.notices).toEqual([]);
    expect(parsed.view).toEqual(expected);
    expect(serializeView(parsed.view)).toBe(search);
  });

  it('keeps list separators literal and encodes commas inside values', () => {
    expect(serializeView(view({ filters: { TaskStatus: ['90', '91'] } }))).toBe('TaskStatus=90,91');
    expect(serializeView(view({ filters: { Scope: 'a,b' } }))).toBe('Scope=a%2Cb');
  });
});

describe('defaults are left out of the URL', () => {
  it.each([
    ['OrderField=gmtCreate', 'gmtCreate is the default order'],
    ['Direction=desc', 'desc is the default direction'],
    ['PageNumber=1', 'page 1 is the default'],
    ['PageSize=20', '20 is the default page size'],
    ['OrderField=gmtCreate&Direction=desc&PageNumber=1&PageSize=20', 'all defaults'],
  ])('%s (%s)', (search) => {
    const { view: v, notices } = parseSearch(search, NOW);
    expect(notices).toEqual([]);
    expect(v).toEqual(DEFAULT_VIEW);
    expect(serializeView(v)).toBe('');
  });

  it('empty lists and empty texts are not filters', () => {
    expect(serializeView(withFilters(DEFAULT_VIEW, { TaskStatus: [], EntityName: '' }))).toBe('');
  });
});

describe('unknown or malformed values are dropped with a notice', () => {
  const cases: [string, string, { param: string; value: string; reason: string }[]][] = [
    ['foo=1', '', [{ param: 'foo', value: '1', reason: 'unknownParam' }]],
    [
      'TaskStatus=90,25,abc,12345',
      'TaskStatus=90,25',
      [
        { param: 'TaskStatus', value: 'abc', reason: 'unknownValue' },
        { param: 'TaskStatus', value: '12345', reason: 'unknownValue' },
      ],
    ],
    [
      'YunCode=WAF,DDoS,<b>',
      'YunCode=WAF,DDoS',
      [{ param: 'YunCode', value: '<b>', reason: 'unknownValue' }],
    ],
    ['Source=nope', '', [{ param: 'Source', value: 'nope', reason: 'unknownValue' }]],
    ['EntityType=host', '', [{ param: 'EntityType', value: 'host', reason: 'unknownValue' }]],
    ['TriggerSource=x', '', [{ param: 'TriggerSource', value: 'x', reason: 'unknownValue' }]],
    ['OrderField=name', '', [{ param: 'OrderField', value: 'name', reason: 'unknownValue' }]],
    ['Direction=up', '', [{ param: 'Direction', value: 'up', reason: 'unknownValue' }]],
    ['PageNumber=0', '', [{ param: 'PageNumber', value: '0', reason: 'invalidValue' }]],
    ['PageNumber=-2', '', [{ param: 'PageNumber', value: '-2', reason: 'invalidValue' }]],
    ['PageNumber=2.5', '', [{ param: 'PageNumber', value: '2.5', reason: 'invalidValue' }]],
    ['PageSize=37', '', [{ param: 'PageSize', value: '37', reason: 'unknownValue' }]],
    ['PageSize=1000', '', [{ param: 'PageSize', value: '1000', reason: 'unknownValue' }]],
    [
      'ProcessActionStart=yesterday',
      '',
      [{ param: 'ProcessActionStart', value: 'yesterday', reason: 'invalidValue' }],
    ],
    [
      'ProcessActionStart=now-5x',
      '',
      [{ param: 'ProcessActionStart', value: 'now-5x', reason: 'invalidValue' }],
    ],
    ['ProcessActionEnd=17957', '', [{ param: 'ProcessActionEnd', value: '17957', reason: 'invalidValue' }]],
    [
      'ProcessActionEnd=17957000000001',
      '',
      [{ param: 'ProcessActionEnd', value: '17957000000001', reason: 'invalidValue' }],
    ],
    ['EntityName=%01bell', '', [{ param: 'EntityName', value: '\u0001bell', reason: 'invalidValue' }]],
    [`TaskId=${'x'.repeat(300)}`, '', [{ param: 'TaskId', value: 'x'.repeat(300), reason: 'invalidValue' }]],
    ['EventUuid=a&EventUuid=b', 'EventUuid=a', [{ param: 'EventUuid', value: 'b', reason: 'repeated' }]],
    [
      'ProcessActionStart=now-1h&ProcessActionEnd=now-24h',
      '',
      [{ param: 'ProcessActionStart', value: 'now-1h > now-24h', reason: 'rangeOrder' }],
    ],
    [
      'TaskStatus=90,91&OrderField=nope&PageSize=20',
      'TaskStatus=90,91',
      [{ param: 'OrderField', value: 'nope', reason: 'unknownValue' }],
    ],
  ];
  it.each(cases)('%s → ?%s', (search, clean, notices) => {
    const parsed = parseSearch(search, NOW);
    expect(parsed.notices).toEqual(notices);
    expect(serializeView(parsed.view)).toBe(clean);
  });

  it('accepts case variants of OrderField and Direction in their canonical spelling', () => {
    const { view: v, notices } = parseSearch('OrderField=GMTMODIFIED&Direction=ASC', NOW);
    expect(notices).toEqual([]);
    expect(v).toMatchObject({ orderField: 'gmtModified', direction: 'asc' });
  });

  it('merges repeated list parameters', () => {
    const { view: v, notices } = parseSearch('TaskStatus=90&TaskStatus=91,90', NOW);
    expect(notices).toEqual([]);
    expect(v.filters.TaskStatus).toEqual(['90', '91']);
  });
});

describe('whitespace around values is removed, with a notice; whitespace alone is no value', () => {
  const cases: [string, string, { param: string; value: string; reason: string }[]][] = [
    // Issue 14.3: the link from a ticket, with the spaces a copy from a chat keeps.
    [
      'EntityName=%20203.0.113.10%20',
      'EntityName=203.0.113.10',
      [{ param: 'EntityName', value: ' 203.0.113.10 ', reason: 'trimmed' }],
    ],
    [
      'ParamContent=%09xmrig%20pool%0A',
      'ParamContent=xmrig%20pool',
      [{ param: 'ParamContent', value: '\txmrig pool\n', reason: 'trimmed' }],
    ],
    // NBSP and the ideographic space (U+3000) of a Chinese input method count too.
    [
      'TaskId=%C2%A0abc%E3%80%80',
      'TaskId=abc',
      [{ param: 'TaskId', value: '\u00a0abc\u3000', reason: 'trimmed' }],
    ],
    ['EntityType=%20ip', 'EntityType=ip', [{ param: 'EntityType', value: ' ip', reason: 'trimmed' }]],
    [
      'ProcessActionStart=now-24h%20',
      'ProcessActionStart=now-24h',
      [{ param: 'ProcessActionStart', value: 'now-24h ', reason: 'trimmed' }],
    ],
    [
      'OrderField=%20processTime&PageNumber=3%20',
      'OrderField=processTime&PageNumber=3',
      [
        { param: 'OrderField', value: ' processTime', reason: 'trimmed' },
        { param: 'PageNumber', value: '3 ', reason: 'trimmed' },
      ],
    ],
    [
      'TaskStatus=%2090,%2091%20',
      'TaskStatus=90,91',
      [{ param: 'TaskStatus', value: ' 90, 91 ', reason: 'trimmed' }],
    ],
    // Whitespace alone: no filter.
    ['EntityName=%20%20', '', [{ param: 'EntityName', value: '  ', reason: 'blankValue' }]],
    ['Scope=%E3%80%80', '', [{ param: 'Scope', value: '\u3000', reason: 'blankValue' }]],
    ['EntityType=%20', '', [{ param: 'EntityType', value: ' ', reason: 'blankValue' }]],
    ['PageNumber=%20', '', [{ param: 'PageNumber', value: ' ', reason: 'blankValue' }]],
    ['TaskStatus=%20,%20', '', []],
    // Spaces inside a value are part of it.
    ['ParamContent=xmrig%20pool', 'ParamContent=xmrig%20pool', []],
  ];
  it.each(cases)('%s → ?%s', (search, clean, notices) => {
    const parsed = parseSearch(search, NOW);
    expect(parsed.notices).toEqual(notices);
    expect(serializeView(parsed.view)).toBe(clean);
  });

  it('typed values are trimmed the same way, and whitespace alone clears the filter', () => {
    const typed = withFilters(DEFAULT_VIEW, {
      EntityName: ' 203.0.113.10 ',
      TaskStatus: [' 90', '90 ', ' '],
      Scope: '\u3000',
    });
    expect(typed.filters).toEqual({ EntityName: '203.0.113.10', TaskStatus: ['90'] });
    // So "Copy link" never copies the spaces back out.
    expect(serializeView(typed)).toBe('TaskStatus=90&EntityName=203.0.113.10');
    expect(withFilters(typed, { EntityName: '   ' }).filters).toEqual({ TaskStatus: ['90'] });
  });
});

describe('relative and absolute times', () => {
  const cases: [string, number][] = [
    ['now', NOW],
    ['now-15m', NOW - 15 * 60_000],
    ['now-1h', NOW - H],
    ['now-24h', NOW - 24 * H],
    ['now-7d', NOW - 7 * 24 * H],
    ['now-30d', NOW - 30 * 24 * H],
    ['1795700000000', 1_795_700_000_000],
  ];
  it.each(cases)('ProcessActionStart=%s resolves to %d when the query runs', (expr, ms) => {
    const { view: v, notices } = parseSearch(`ProcessActionStart=${expr}`, NOW);
    expect(notices).toEqual([]);
    expect(v.filters.ProcessActionStart).toBe(expr);
    expect(toWireQuery(v, NOW).ProcessActionStart).toBe(String(ms));
    // The same link later means a later window.
    if (expr.startsWith('now')) expect(toWireQuery(v, NOW + H).ProcessActionStart).toBe(String(ms + H));
  });

  it('freezes relative ranges to absolute ms (open end becomes now)', () => {
    expect(freezeFilters({ ProcessActionStart: 'now-24h', TaskStatus: ['90'] }, NOW)).toEqual({
      ProcessActionStart: String(NOW - 24 * H),
      ProcessActionEnd: String(NOW),
      TaskStatus: ['90'],
    });
    expect(freezeFilters({ ProcessRemoveStart: '1795700000000', ProcessRemoveEnd: 'now' }, NOW)).toEqual({
      ProcessRemoveStart: '1795700000000',
      ProcessRemoveEnd: String(NOW),
    });
    const absolute = { ProcessActionStart: '1795700000000' };
    expect(freezeFilters(absolute, NOW)).toEqual(absolute);
  });
});

describe('wire query for the API', () => {
  it('uses JSON arrays for lists, always sends the order, and pages when asked', () => {
    const v = parseSearch(
      'TaskStatus=90,91&YunCode=WAF&EntityName=1.2.3.4&ProcessActionStart=now-1h&PageNumber=2',
      NOW,
    ).view;
    expect(toWireQuery(v, NOW)).toEqual({
      TaskStatus: '["90","91"]',
      YunCode: '["WAF"]',
      EntityName: '1.2.3.4',
      ProcessActionStart: String(NOW - H),
      OrderField: 'gmtCreate',
      Direction: 'desc',
      PageNumber: '2',
      PageSize: '20',
    });
    expect(toWireQuery(v, NOW, { paging: false })).not.toHaveProperty('PageNumber');
  });

  it('an export reopens exactly the wire query it sent (relative times frozen, end frozen when open)', () => {
    const v = parseSearch(
      'TaskStatus=90,91&Source=system&ProcessActionStart=now-1h&OrderField=removeTime&Direction=asc&PageNumber=3',
      NOW,
    ).view;
    const sent = toWireQuery(v, NOW, { paging: false });
    const frozenEnd = NOW + 5_000;
    const reopened = exportedView(v, NOW, frozenEnd);
    expect(toWireQuery(reopened, NOW + H, { paging: false })).toEqual({
      ...sent,
      ProcessActionEnd: String(frozenEnd),
    });
    expect(reopened.page).toBe(1);
    // Its link reads back into the same view, with nothing dropped.
    const back = parseSearch(serializeView(reopened), NOW + H);
    expect(back.notices).toEqual([]);
    expect(back.view).toEqual(reopened);
    // A filter that already had an end keeps its own.
    const bounded = parseSearch('ProcessActionStart=1795700000000&ProcessActionEnd=1795800000000', NOW).view;
    expect(exportedView(bounded, NOW, undefined).filters).toEqual(bounded.filters);
  });
});

describe('paths and the open task', () => {
  it.each([
    ['/', undefined],
    ['/tasks/abc-123', 'abc-123'],
    ['/tasks/abc-123/', 'abc-123'],
    ['/tasks/a%2Fb%20c', 'a/b c'],
    ['/tasks/', undefined],
    ['/tasks/%E0%A4%A', undefined],
    ['/other', undefined],
  ])('%s → %s', (path, id) => {
    expect(parsePath(path)).toBe(id);
  });

  it('round-trips an open task with the list filters', () => {
    const { state } = parseLocation('/tasks/edge%2F1', '?TaskStatus=90&PageNumber=4', NOW);
    expect(state).toEqual({ view: view({ filters: { TaskStatus: ['90'] }, page: 4 }), openTaskId: 'edge/1' });
    expect(buildHref(state)).toBe('/tasks/edge%2F1?TaskStatus=90&PageNumber=4');
    expect(buildHref({ view: state.view })).toBe('/?TaskStatus=90&PageNumber=4');
    expect(buildHref({ view: DEFAULT_VIEW })).toBe('/');
  });
});

describe('changing filters', () => {
  it('returns to page 1 and removes cleared filters', () => {
    const start = view({ filters: { TaskStatus: ['90'], EntityName: 'x' }, page: 5 });
    expect(withFilters(start, { EntityName: undefined, YunCode: ['CFW'] })).toEqual(
      view({ filters: { TaskStatus: ['90'], YunCode: ['CFW'] }, page: 1 }),
    );
  });
});

describe('a page past the end', () => {
  it.each([
    // Issue 14.1: /?TaskStatus=92&PageNumber=5 when 10 tasks match → page 1.
    ['TaskStatus=92&PageNumber=5', 10, 1],
    ['PageNumber=5', 81, undefined],
    ['PageNumber=6', 81, 5],
    ['PageNumber=3&PageSize=50', 100, 2],
    ['PageNumber=2&PageSize=50', 100, undefined],
    ['PageNumber=1000000', 2600, 130],
    ['PageNumber=4', 0, 1],
    ['', 0, undefined],
  ])('%s with %d tasks → page %s', (search, total, expected) => {
    expect(pageInRange(parseSearch(search, NOW).view, total)).toBe(expected);
  });
});
