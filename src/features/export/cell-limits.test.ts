import { describe, expect, it } from 'vitest';
import { LONG_CELLS_LISTED, LongCellFinder, SPREADSHEET_CELL_LIMIT } from './cell-limits';
import { CsvBuilder } from './csv-builder';
import { createInlineSink } from './csv-sink';

const LIMIT = SPREADSHEET_CELL_LIMIT.maxCharacters;
const HUGE_ID = 'edge0000-0000-4000-8000-000000000012';
/** About the size of the hostile task's InputParams: 200 KB of JSON. */
const huge = `{"ipList":[${'"198.51.100.1",'.repeat(13_700)}"x"]}`;

describe('SPREADSHEET_CELL_LIMIT', () => {
  it('is Excel’s 32,767 characters per cell', () => {
    expect(SPREADSHEET_CELL_LIMIT).toMatchObject({ application: 'Microsoft Excel', maxCharacters: 32_767 });
  });
});

describe('LongCellFinder', () => {
  it.each([
    ['one under the limit', 'a'.repeat(LIMIT - 1), null],
    ['exactly the limit', 'a'.repeat(LIMIT), null],
    ['one over the limit', 'a'.repeat(LIMIT + 1), LIMIT + 1],
    // Neutralised as written: the leading apostrophe makes it one character longer.
    ['at the limit, then neutralised', '='.repeat(LIMIT), LIMIT + 1],
    ['the 200 KB InputParams', huge, huge.length],
  ])('%s', (_, cell, over) => {
    const f = new LongCellFinder(['TaskId', 'InputParams']);
    f.addPage(1, [{ TaskId: HUGE_ID }], [[HUGE_ID, cell]]);
    const report = f.report();
    expect(report.limit).toBe(SPREADSHEET_CELL_LIMIT);
    if (over === null) expect(report).toMatchObject({ count: 0, cells: [] });
    else
      expect(report).toMatchObject({
        count: 1,
        cells: [{ taskId: HUGE_ID, column: 'InputParams', characters: over }],
      });
  });

  it('lists cells in file order whatever the page arrival order, at most LONG_CELLS_LISTED, counting all', () => {
    const f = new LongCellFinder(['TaskId', 'A', 'B'], 4);
    f.addPage(2, [{ TaskId: 'p2' }], [['p2', 'longer', 'x']]);
    f.addPage(
      1,
      [{ TaskId: 'p1a' }, { TaskId: 'p1b' }],
      [
        ['p1a', 'x', 'longer'],
        ['p1b', 'longer', 'longer'],
      ],
    );
    expect(f.report().cells.map((c) => `${c.taskId}/${c.column}`)).toEqual([
      'p1a/B',
      'p1b/A',
      'p1b/B',
      'p2/A',
    ]);
    const many = new LongCellFinder(['TaskId', 'A'], 4);
    many.addPage(
      1,
      Array.from({ length: LONG_CELLS_LISTED + 7 }, (_, i) => ({ TaskId: `t${i}` })),
      Array.from({ length: LONG_CELLS_LISTED + 7 }, (_, i) => [`t${i}`, 'longer']),
    );
    expect(many.report().count).toBe(LONG_CELLS_LISTED + 7);
    expect(many.report().cells).toHaveLength(LONG_CELLS_LISTED);
  });
});

describe('the CSV builder and sink report long cells and keep them exact', () => {
  it('the hostile 200 KB InputParams with "All fields"', async () => {
    const task = { TaskId: HUGE_ID, TaskStatus: 21, InputParams: huge, EntityName: '203.0.113.10' };
    const b = new CsvBuilder({ choice: 'all', visibleColumns: [], context: { timeZone: 'UTC' } });
    b.addPage(1, [task, { TaskId: 'small', InputParams: '{}' }]);
    expect(b.longCellReport).toMatchObject({
      count: 1,
      cells: [{ taskId: HUGE_ID, column: 'InputParams', characters: huge.length }],
    });
    expect(b.toString()).toContain(`,"${huge.replace(/"/g, '""')}",`);

    const sink = await createInlineSink({ choice: 'all', visibleColumns: [], context: { timeZone: 'UTC' } });
    sink.addPage(1, [task]);
    expect((await sink.finish()).longCells.cells).toEqual([
      { taskId: HUGE_ID, column: 'InputParams', characters: huge.length },
    ]);
  });
});
