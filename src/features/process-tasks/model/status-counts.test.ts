import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, YUN_CODES } from '../../../shared/catalogue';
import {
  OPTION_COUNT_CALLS_MAX,
  SUMMARY_COUNT_CALLS,
  activeGroup,
  canonicalFilters,
  groupView,
  isStuckView,
  optionCountQueries,
  stuckFilters,
  stuckView,
  summarize,
  summaryCountQueries,
} from './status-counts';
import { DEFAULT_VIEW } from './task-view';
import { toWireFilters } from './wire-query';

const NOW = Date.UTC(2026, 10, 29, 12);
const MIN = 60_000;

describe('summaryCountQueries', () => {
  it('total, the three groups by their codes and stuck, with the status filter left out', () => {
    const q = summaryCountQueries(
      { TaskStatus: ['90'], YunCode: ['WAF', 'CFW'], ProcessActionStart: 'now-24h' },
      30 * MIN,
      NOW,
    );
    expect(q).toEqual([
      { id: 'total', filters: { YunCode: ['CFW', 'WAF'], ProcessActionStart: 'now-24h' } },
      {
        id: 'inProgress',
        filters: { YunCode: ['CFW', 'WAF'], ProcessActionStart: 'now-24h', TaskStatus: ['11', '21', '22'] },
      },
      {
        id: 'done',
        filters: { YunCode: ['CFW', 'WAF'], ProcessActionStart: 'now-24h', TaskStatus: ['20', '23', '24'] },
      },
      {
        id: 'failed',
        filters: { YunCode: ['CFW', 'WAF'], ProcessActionStart: 'now-24h', TaskStatus: ['90', '91', '92'] },
      },
      {
        id: 'stuck',
        filters: {
          YunCode: ['CFW', 'WAF'],
          ProcessActionStart: 'now-24h',
          TaskStatus: ['11'],
          ProcessActionEnd: 'now-30m',
        },
      },
    ]);
  });

  it.each([
    ['no filters', {}],
    ['every status', { TaskStatus: TASK_STATUSES.map(String) }],
    ['many filters', { TaskStatus: ['11'], YunCode: ['WAF'], Source: ['system'], EntityName: '1.2.3.4' }],
  ])('is bounded: exactly SUMMARY_COUNT_CALLS queries (%s), each a distinct set of tasks', (_, filters) => {
    const q = summaryCountQueries(filters, 30 * MIN, NOW);
    expect(q).toHaveLength(SUMMARY_COUNT_CALLS);
    expect(new Set(q.map((c) => JSON.stringify(c.filters))).size).toBe(SUMMARY_COUNT_CALLS);
  });

  it('the groups cover every documented status exactly once', () => {
    const codes = summaryCountQueries({}, 30 * MIN, NOW)
      .filter((c) => c.id !== 'total' && c.id !== 'stuck')
      .flatMap((c) => c.filters.TaskStatus ?? []);
    expect(codes.sort()).toEqual(TASK_STATUSES.map(String).sort());
  });

  it('the same tasks give the same query whatever the order of list items (one cache entry)', () => {
    const a = summaryCountQueries({ YunCode: ['WAF', 'CFW'], TaskStatus: ['90'] }, 30 * MIN, NOW);
    const b = summaryCountQueries({ YunCode: ['CFW', 'WAF'] }, 30 * MIN, NOW + 5 * MIN);
    expect(a).toEqual(b);
  });

  it('in wire form: TaskStatus as a JSON array, the stuck end resolved to now − threshold (ms)', () => {
    const stuck = summaryCountQueries({}, 45 * MIN, NOW).find((c) => c.id === 'stuck')!;
    expect(toWireFilters(stuck.filters, NOW)).toEqual({
      TaskStatus: '["11"]',
      ProcessActionEnd: String(NOW - 45 * MIN),
    });
  });
});

describe('stuckFilters', () => {
  it.each([
    ['no end: now − threshold', undefined, 'now-30m'],
    ['a later relative end: now − threshold', 'now-5m', 'now-30m'],
    ['an earlier relative end is kept', 'now-2h', 'now-2h'],
    ['an earlier absolute end is kept', String(NOW - 3 * 60 * MIN), String(NOW - 3 * 60 * MIN)],
    ['a later absolute end: now − threshold', String(NOW - MIN), 'now-30m'],
  ])('%s', (_, end, expected) => {
    const f = stuckFilters(end === undefined ? {} : { ProcessActionEnd: end }, 30 * MIN, NOW);
    expect(f.ProcessActionEnd).toBe(expected);
    expect(f.TaskStatus).toEqual(['11']);
  });
});

describe('summarize', () => {
  it('Unknown is the total less the three groups', () => {
    expect(summarize({ total: 100, inProgress: 10, done: 70, failed: 15, stuck: 3 })).toEqual({
      total: 100,
      inProgress: 10,
      done: 70,
      failed: 15,
      unknown: 5,
      stuck: 3,
    });
  });

  it('no Unknown when the groups make the total; never below 0 (counts taken at different moments)', () => {
    expect(summarize({ total: 95, inProgress: 10, done: 70, failed: 15 })?.unknown).toBe(0);
    expect(summarize({ total: 90, inProgress: 10, done: 70, failed: 15 })?.unknown).toBe(0);
  });

  it('nothing until the total and the three groups are known; stuck may come later', () => {
    expect(summarize({ total: 10, inProgress: 1, done: 2 })).toBeUndefined();
    expect(summarize({ inProgress: 1, done: 2, failed: 3, stuck: 1 })).toBeUndefined();
    expect(summarize({ total: 6, inProgress: 1, done: 2, failed: 3 })?.stuck).toBeUndefined();
  });
});

describe('optionCountQueries', () => {
  it('one query per option, the filter itself left out and the option put in', () => {
    expect(optionCountQueries('YunCode', { YunCode: ['WAF'], TaskStatus: ['90', '11'] }, YUN_CODES)).toEqual([
      { id: 'WAF', filters: { TaskStatus: ['11', '90'], YunCode: ['WAF'] } },
      { id: 'CFW', filters: { TaskStatus: ['11', '90'], YunCode: ['CFW'] } },
      { id: 'Aegis', filters: { TaskStatus: ['11', '90'], YunCode: ['Aegis'] } },
    ]);
  });

  it('is bounded to OPTION_COUNT_CALLS_MAX per dropdown (a link may bring many unknown codes)', () => {
    const values = [...TASK_STATUSES.map(String), ...Array.from({ length: 20 }, (_, i) => String(500 + i))];
    const q = optionCountQueries('TaskStatus', {}, values);
    expect(q).toHaveLength(OPTION_COUNT_CALLS_MAX);
    expect(q.map((c) => c.id)).toEqual(values.slice(0, OPTION_COUNT_CALLS_MAX));
  });

  it('a status option shares its query with nothing else, a status group with the strip', () => {
    const strip = summaryCountQueries({ YunCode: ['WAF'] }, 30 * MIN, NOW);
    const options = optionCountQueries('TaskStatus', { YunCode: ['WAF'], TaskStatus: ['90'] }, ['11']);
    expect(options[0]!.filters).toEqual({ YunCode: ['WAF'], TaskStatus: ['11'] });
    // The product option of the only product selected is the strip's total.
    const product = optionCountQueries('YunCode', { YunCode: ['WAF'] }, ['WAF']);
    expect(product[0]!.filters).toEqual(strip.find((c) => c.id === 'total')!.filters);
  });
});

describe('views a click opens', () => {
  it('a group: TaskStatus = its codes, page 1, the rest kept; the pressed group is recognised', () => {
    const view = { ...DEFAULT_VIEW, page: 4, filters: { YunCode: ['WAF'], TaskStatus: ['11'] } };
    const v = groupView(view, 'failed');
    expect(v).toEqual({ ...view, page: 1, filters: { YunCode: ['WAF'], TaskStatus: ['90', '91', '92'] } });
    expect(activeGroup(v.filters)).toBe('failed');
    expect(activeGroup({ TaskStatus: ['92', '90', '91'] })).toBe('failed');
    expect(activeGroup({ TaskStatus: ['90', '91'] })).toBeUndefined();
    expect(activeGroup({})).toBeUndefined();
  });

  it('stuck: oldest processed first, page 1, the other filters kept; the pressed state follows the threshold', () => {
    const view = {
      ...DEFAULT_VIEW,
      page: 3,
      pageSize: 50,
      filters: { YunCode: ['WAF'], TaskStatus: ['90'] },
    };
    const v = stuckView(view, 60 * MIN, NOW);
    expect(v).toEqual({
      ...DEFAULT_VIEW,
      pageSize: 50,
      orderField: 'processTime',
      direction: 'asc',
      filters: { YunCode: ['WAF'], TaskStatus: ['11'], ProcessActionEnd: 'now-60m' },
    });
    expect(isStuckView(v, 60 * MIN)).toBe(true);
    expect(isStuckView(v, 30 * MIN)).toBe(false);
    expect(isStuckView({ ...v, direction: 'desc' }, 60 * MIN)).toBe(false);
  });

  it('canonicalFilters does not change its input', () => {
    const f = { YunCode: ['WAF', 'CFW'] };
    canonicalFilters(f);
    expect(f.YunCode).toEqual(['WAF', 'CFW']);
  });
});
