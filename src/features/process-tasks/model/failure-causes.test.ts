import { describe, expect, it } from 'vitest';
import {
  failedStatuses,
  groupByCause,
  parseScanBound,
  scanFailedTasks,
  type FailedPage,
  type FailureFields,
  type ScanProgress,
} from './failure-causes';

const task = (TaskId: string, ErrCode?: string, over: Partial<FailureFields> = {}): FailureFields => ({
  TaskId,
  TaskStatus: 90,
  ...(ErrCode !== undefined && { ErrCode }),
  ErrMsg: ErrCode ? `msg of ${ErrCode}` : undefined,
  ErrTip: ErrCode ? `tip of ${ErrCode}` : undefined,
  YunCode: 'WAF',
  ...over,
});

describe('failedStatuses', () => {
  it.each<[string[] | undefined, string[]]>([
    [undefined, ['90', '91', '92']],
    [[], ['90', '91', '92']],
    [['91'], ['91']],
    [
      ['11', '90', '92'],
      ['90', '92'],
    ],
    [['11', '20'], []],
  ])('%j → %j', (filter, expected) => {
    expect(failedStatuses(filter)).toEqual(expected);
  });
});

describe('groupByCause', () => {
  it('groups by ErrCode, counts, and puts missing or empty codes in one "no code" group', () => {
    const groups = groupByCause([
      task('1', 'A'),
      task('2', 'B'),
      task('3', 'A'),
      task('4'),
      task('5', ''),
      task('6', 'A'),
    ]);
    expect(groups.map((g) => [g.code, g.count, g.tasks.map((t) => t.TaskId)])).toEqual([
      ['A', 3, ['1', '3', '6']],
      [undefined, 2, ['4', '5']],
      ['B', 1, ['2']],
    ]);
  });

  it('orders ties by ErrCode, the "no code" group after coded ones', () => {
    const groups = groupByCause([task('1', 'zeta'), task('2'), task('3', 'alpha'), task('4', 'Mid')]);
    expect(groups.map((g) => g.code)).toEqual(['Mid', 'alpha', 'zeta', undefined]);
  });

  it('tallies messages, tips and products, the most frequent first, ties as first met', () => {
    const [g] = groupByCause([
      task('1', 'A', { ErrMsg: 'one', ErrTip: 'fix', YunCode: 'CFW' }),
      task('2', 'A', { ErrMsg: 'two', ErrTip: 'fix', YunCode: 'WAF' }),
      task('3', 'A', { ErrMsg: 'two', ErrTip: undefined, YunCode: 'WAF' }),
      task('4', 'A', { ErrMsg: 'three', ErrTip: '', YunCode: undefined }),
    ]);
    expect(g!.messages).toEqual([
      { value: 'two', count: 2 },
      { value: 'one', count: 1 },
      { value: 'three', count: 1 },
    ]);
    expect(g!.tips).toEqual([{ value: 'fix', count: 2 }]);
    expect(g!.products).toEqual([
      { value: 'WAF', count: 2 },
      { value: 'CFW', count: 1 },
    ]);
  });

  it('keeps hostile text as data', () => {
    const [g] = groupByCause([task('1', '<script>alert(1)</script>', { ErrMsg: '=HYPERLINK("x")' })]);
    expect(g!.code).toBe('<script>alert(1)</script>');
    expect(g!.messages[0]!.value).toBe('=HYPERLINK("x")');
  });

  it('is empty for no tasks', () => {
    expect(groupByCause([])).toEqual([]);
  });
});

/** A fake API over `all`: pages of `pageSize` in order, TotalCount = all.length, each call logged. */
function pagedSource(all: FailureFields[], totalCount = all.length) {
  const calls: [number, number][] = [];
  const fetchPage = (pageNumber: number, pageSize: number): Promise<FailedPage<FailureFields>> => {
    calls.push([pageNumber, pageSize]);
    return Promise.resolve({
      tasks: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
      totalCount,
    });
  };
  return { fetchPage, calls };
}
const many = (n: number) => Array.from({ length: n }, (_, i) => task(String(i), `C${i % 7}`));
const signal = () => new AbortController().signal;

describe('scanFailedTasks', () => {
  it.each<[string, number, number, { fetched: number; total: number; complete: boolean; pages: number }]>([
    ['fewer than one page', 42, 2000, { fetched: 42, total: 42, complete: true, pages: 1 }],
    ['exactly one page', 100, 2000, { fetched: 100, total: 100, complete: true, pages: 1 }],
    ['several pages under the bound', 271, 2000, { fetched: 271, total: 271, complete: true, pages: 3 }],
    ['none', 0, 2000, { fetched: 0, total: 0, complete: true, pages: 1 }],
    ['stops at the bound: "N of M"', 2500, 2000, { fetched: 2000, total: 2500, complete: false, pages: 20 }],
    ['a bound inside a page', 271, 150, { fetched: 150, total: 271, complete: false, pages: 2 }],
    ['a bound equal to the total', 200, 200, { fetched: 200, total: 200, complete: true, pages: 2 }],
  ])('%s (%d tasks, bound %d)', async (_name, n, bound, expected) => {
    const src = pagedSource(many(n));
    const r = await scanFailedTasks(src.fetchPage, { bound, signal: signal() });
    expect({
      fetched: r.tasks.length,
      total: r.total,
      complete: r.complete,
      pages: src.calls.length,
    }).toEqual(expected);
    expect(src.calls.every(([, size]) => size === 100)).toBe(true);
    expect(src.calls.map(([p]) => p)).toEqual(Array.from({ length: expected.pages }, (_, i) => i + 1));
  });

  it('reports progress up to the target', async () => {
    const seen: ScanProgress[] = [];
    await scanFailedTasks(pagedSource(many(250)).fetchPage, {
      bound: 2000,
      signal: signal(),
      onProgress: (p) => seen.push(p),
    });
    expect(seen).toEqual([
      { fetched: 0, target: undefined },
      { fetched: 100, target: 250 },
      { fetched: 200, target: 250 },
      { fetched: 250, target: 250 },
    ]);
  });

  it('counts a task met twice (the list moved between pages) once', async () => {
    const all = many(150);
    // Page 2 repeats the last task of page 1.
    const fetchPage = (n: number, size: number) =>
      Promise.resolve({ tasks: n === 1 ? all.slice(0, size) : all.slice(size - 1), totalCount: 150 });
    const r = await scanFailedTasks(fetchPage, { signal: signal() });
    expect(r.tasks.map((t) => t.TaskId)).toEqual(all.map((t) => t.TaskId));
  });

  it('stops on an empty page even when TotalCount says more', async () => {
    const src = pagedSource(many(120), 500);
    const r = await scanFailedTasks(src.fetchPage, { signal: signal() });
    expect([r.tasks.length, r.total, r.complete, src.calls.length]).toEqual([120, 500, false, 3]);
  });

  it('stops when aborted, with the abort reason', async () => {
    const controller = new AbortController();
    const src = pagedSource(many(500));
    const fetchPage = async (n: number, size: number) => {
      if (n === 2) controller.abort(new Error('filters changed'));
      return src.fetchPage(n, size);
    };
    await expect(scanFailedTasks(fetchPage, { signal: controller.signal })).rejects.toThrow(
      'filters changed',
    );
    expect(src.calls.length).toBe(2);
  });

  it('rejects a bound that is not a whole number ≥ 1', async () => {
    await expect(scanFailedTasks(pagedSource([]).fetchPage, { bound: 0, signal: signal() })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('parseScanBound', () => {
  it.each<[string | null, number | undefined]>([
    ['2000', 2000],
    [' 150 ', 150],
    ['1', 1],
    ['5000', 5000],
    ['5001', undefined],
    ['0', undefined],
    ['-5', undefined],
    ['1e3', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (raw, expected) => {
    expect(parseScanBound(raw)).toBe(expected);
  });
});
