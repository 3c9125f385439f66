import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../shared/responses';
import { holdsNewTasks, mergeHeldPage, mergeInPlace, rowIds, taskChanged } from './live-merge';

const T0 = 1_764_400_000_000;
/** A task created `n` seconds after T0, in progress unless told otherwise. */
const task = (id: string, n: number, extra: Partial<TaskRecord> = {}): TaskRecord => ({
  TaskId: id,
  GmtCreateMillis: T0 + n * 1_000,
  TaskStatus: 11,
  ...extra,
});
const ids = (rows: readonly TaskRecord[]) => rows.map((r) => r.TaskId ?? '(none)');

// Shown newest first: c (30 s), b (20 s), a (10 s).
const a = task('a', 10);
const b = task('b', 20);
const c = task('c', 30);
const shown = [c, b, a];

describe('mergeHeldPage (page 1, newest first)', () => {
  it.each<{
    name: string;
    fresh: TaskRecord[];
    pageSize?: number;
    rows: string[];
    newCount: number;
    newAtLeast?: boolean;
    changed: string[];
    gone: string[];
  }>([
    {
      name: 'nothing happened',
      fresh: [c, b, a],
      rows: ['c', 'b', 'a'],
      newCount: 0,
      changed: [],
      gone: [],
    },
    {
      name: 'the same tasks as new objects with the same fields: nothing changed',
      fresh: [{ ...c }, { ...b }, { ...a }],
      rows: ['c', 'b', 'a'],
      newCount: 0,
      changed: [],
      gone: [],
    },
    {
      name: 'two arrivals push a and b down: rows stay, 2 new, the pushed ones named gone',
      fresh: [task('e', 50), task('d', 40), c],
      rows: ['c', 'b', 'a'],
      newCount: 2,
      changed: [],
      gone: ['b', 'a'],
    },
    {
      name: 'a full page of arrivals: at least that many',
      fresh: [task('g', 70), task('f', 60), task('e', 50)],
      rows: ['c', 'b', 'a'],
      newCount: 3,
      newAtLeast: true,
      changed: [],
      gone: ['c', 'b', 'a'],
    },
    {
      name: 'a status change updates the row in place',
      fresh: [c, task('b', 20, { TaskStatus: 90, ErrCode: 'E1' }), a],
      rows: ['c', 'b', 'a'],
      newCount: 0,
      changed: ['b'],
      gone: [],
    },
    {
      name: 'an arrival and a status change together',
      fresh: [task('d', 40), task('c', 30, { TaskStatus: 21 }), b],
      rows: ['c', 'b', 'a'],
      newCount: 1,
      changed: ['c'],
      gone: ['a'],
    },
    {
      name: 'a task left the filter (fewer rows): it stays on screen, named gone',
      fresh: [c, a],
      rows: ['c', 'b', 'a'],
      newCount: 0,
      changed: [],
      gone: ['b'],
    },
    {
      name: 'the fresh page is empty (every task left): rows stay',
      fresh: [],
      rows: ['c', 'b', 'a'],
      newCount: 0,
      changed: [],
      gone: ['c', 'b', 'a'],
    },
    {
      name: 'an older task entered the filter further down: not new (it waits for "show")',
      fresh: [c, b, task('z', 15), a],
      pageSize: 4,
      rows: ['c', 'b', 'a'],
      newCount: 0,
      changed: [],
      gone: [],
    },
    {
      name: 'the fresh page repeats a task: counted once',
      fresh: [task('d', 40), task('d', 40), c],
      rows: ['c', 'b', 'a'],
      newCount: 1,
      changed: [],
      gone: ['b', 'a'],
    },
    {
      name: 'a new task created at the same ms as the top row: not newer, not counted',
      fresh: [task('d', 30), c, b],
      rows: ['c', 'b', 'a'],
      newCount: 0,
      changed: [],
      gone: ['a'],
    },
    {
      name: 'without GmtCreateMillis, what comes before the first row on screen is new',
      fresh: [{ TaskId: 'd' }, c, { TaskId: 'y' }],
      rows: ['c', 'b', 'a'],
      newCount: 1,
      changed: [],
      gone: ['b', 'a'],
    },
    {
      name: 'rows without a TaskId are never new nor changed',
      fresh: [{ GmtCreateMillis: T0 + 99_000 }, c, b, a],
      pageSize: 4,
      rows: ['c', 'b', 'a'],
      newCount: 0,
      changed: [],
      gone: [],
    },
  ])('$name', ({ fresh, pageSize = 3, rows, newCount, newAtLeast = false, changed, gone }) => {
    const m = mergeHeldPage(shown, fresh, pageSize);
    expect(ids(m.rows)).toEqual(rows);
    expect(m.newCount).toBe(newCount);
    expect(m.newAtLeast).toBe(newAtLeast);
    expect(m.changedIds).toEqual(changed);
    expect(m.goneIds).toEqual(gone);
  });

  it('keeps the objects of rows that did not change and takes the fresh one of a changed row', () => {
    const changedB = task('b', 20, { TaskStatus: 20 });
    const m = mergeHeldPage(shown, [task('d', 40), { ...c }, changedB, { ...a }], 20);
    expect(m.rows[0]).toBe(c);
    expect(m.rows[1]).toBe(changedB);
    expect(m.rows[2]).toBe(a);
  });

  it('counts against what is on screen: two refreshes add up, and a duplicate row on screen is updated too', () => {
    const first = mergeHeldPage(shown, [task('d', 40), c, b], 3);
    expect(first.newCount).toBe(1);
    const second = mergeHeldPage(first.rows, [task('e', 50), task('d', 40), c], 3);
    expect(second.newCount).toBe(2);
    const dup = mergeHeldPage([c, c], [task('c', 30, { TaskStatus: 90 })], 3);
    expect(dup.rows.map((r) => r.TaskStatus)).toEqual([90, 90]);
    expect(dup.changedIds).toEqual(['c']);
  });
});

describe('mergeInPlace (another page or order)', () => {
  it.each<{ name: string; fresh: TaskRecord[]; rows: string[]; changed: string[]; gone: string[] }>([
    { name: 'nothing happened', fresh: [c, b, a], rows: ['c', 'b', 'a'], changed: [], gone: [] },
    {
      name: 'rows shift: the fresh order is shown',
      fresh: [task('d', 40), c, b],
      rows: ['d', 'c', 'b'],
      changed: [],
      gone: ['a'],
    },
    {
      name: 'a status change is named',
      fresh: [c, task('b', 20, { TaskStatus: 23, RemoveTime: T0 }), a],
      rows: ['c', 'b', 'a'],
      changed: ['b'],
      gone: [],
    },
    { name: 'fewer rows', fresh: [a], rows: ['a'], changed: [], gone: ['c', 'b'] },
  ])('$name', ({ fresh, rows, changed, gone }) => {
    const m = mergeInPlace(shown, fresh);
    expect(ids(m.rows)).toEqual(rows);
    expect(m.newCount).toBe(0);
    expect(m.changedIds).toEqual(changed);
    expect(m.goneIds).toEqual(gone);
  });

  it('keeps the objects of rows that did not change', () => {
    const m = mergeInPlace(shown, [{ ...c }, { ...b }]);
    expect(m.rows[0]).toBe(c);
    expect(m.rows[1]).toBe(b);
  });
});

describe('taskChanged', () => {
  it.each<[string, TaskRecord, TaskRecord, boolean]>([
    ['same fields', a, { ...a }, false],
    ['status', a, { ...a, TaskStatus: 90 }, true],
    ['a field added', a, { ...a, RemoveTime: T0 }, true],
    ['a field dropped', { ...a, ErrCode: 'E' }, a, true],
    ['an unknown nested field, equal', { ...a, X: { y: 1 } }, { ...a, X: { y: 1 } }, false],
    ['an unknown nested field, different', { ...a, X: { y: 1 } }, { ...a, X: { y: 2 } }, true],
  ])('%s → %s', (_, before, after, expected) => {
    expect(taskChanged(before, after)).toBe(expected);
  });
});

describe('holdsNewTasks', () => {
  it.each([
    [{ page: 1, orderField: 'gmtCreate', direction: 'desc' }, true],
    [{ page: 2, orderField: 'gmtCreate', direction: 'desc' }, false],
    [{ page: 1, orderField: 'gmtCreate', direction: 'asc' }, false],
    [{ page: 1, orderField: 'processTime', direction: 'desc' }, false],
  ] as const)('%j → %s', (view, expected) => {
    expect(holdsNewTasks(view)).toBe(expected);
  });
});

describe("rowIds (the table rows' React keys)", () => {
  it.each<[string, TaskRecord[], string[]]>([
    ['TaskIds as they are', [c, b, a], ['c', 'b', 'a']],
    ['a row keeps its key when a refresh moves it', [task('d', 40), c, b], ['d', 'c', 'b']],
    ['a repeated TaskId gets #2, #3', [c, c, b, c], ['c', 'c#2', 'b', 'c#3']],
    [
      'a row without a TaskId is keyed by position',
      [c, { GmtCreateMillis: T0 }, { TaskId: '' }],
      ['c', '#1', '#2'],
    ],
    ['a TaskId that reads like a position key does not clash', [{ TaskId: '#1' }, {}], ['#1', '#1#2']],
    ['nor one that reads like a repeat', [{ TaskId: 'c#2' }, c, c], ['c#2', 'c', 'c#3']],
  ])('%s', (_, rows, expected) => {
    const keys = rowIds(rows);
    expect(keys).toEqual(expected);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
