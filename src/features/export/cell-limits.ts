/**
 * Cells too long for a spreadsheet. The CSV keeps every value exact; but Excel holds at most
 * 32,767 characters in a cell and cuts the rest when it opens the file (LibreOffice Calc and
 * other importers cut long cells too), which leaves a 200 KB InputParams as broken JSON.
 * The export names every such cell (row by TaskId, column by header) in the completion
 * notice and in the manifest.
 */
import { neutraliseCell } from './neutralise';

/**
 * Excel's limit: "Total number of characters that a cell can contain: 32,767 characters"
 * (Microsoft, Excel specifications and limits). Counted as Excel counts, in UTF-16 code
 * units (JavaScript string length).
 */
export const SPREADSHEET_CELL_LIMIT = {
  application: 'Microsoft Excel',
  maxCharacters: 32_767,
  source:
    'https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3',
} as const;

/** How many long cells a report lists by name; `count` still counts them all. */
export const LONG_CELLS_LISTED = 100;

/** One cell over the limit: its row's TaskId, its column header, its length in characters. */
export interface LongCell {
  taskId: string;
  column: string;
  characters: number;
}

/** What the manifest and the notice say about long cells. */
export interface LongCellReport {
  limit: typeof SPREADSHEET_CELL_LIMIT;
  /** Cells over the limit in the whole file. */
  count: number;
  /** The first LONG_CELLS_LISTED of them, in file order (page, then row, then column). */
  cells: LongCell[];
}

export function emptyLongCellReport(): LongCellReport {
  return { limit: SPREADSHEET_CELL_LIMIT, count: 0, cells: [] };
}

/**
 * Collects the long cells of an export as its pages are encoded (pages may come out of
 * order). A cell is measured as written: neutralised (neutralise.ts), before CSV quoting,
 * which a spreadsheet removes.
 */
export class LongCellFinder {
  private readonly byPage = new Map<number, LongCell[]>();

  constructor(
    private readonly headers: readonly string[],
    private readonly maxCharacters: number = SPREADSHEET_CELL_LIMIT.maxCharacters,
  ) {}

  /** `rows[i]` holds the cells (not yet neutralised) of `tasks[i]`. */
  addPage(
    page: number,
    tasks: readonly Readonly<Record<string, unknown>>[],
    rows: readonly (readonly string[])[],
  ) {
    rows.forEach((row, i) => {
      row.forEach((cell, c) => {
        // Neutralising adds one character at most: only cells near the limit need it.
        if (cell.length < this.maxCharacters) return;
        const characters = neutraliseCell(cell).length;
        if (characters <= this.maxCharacters) return;
        const found = this.byPage.get(page) ?? [];
        const id = tasks[i]?.TaskId;
        found.push({
          taskId: typeof id === 'string' ? id : String(id ?? ''),
          column: this.headers[c] ?? '',
          characters,
        });
        this.byPage.set(page, found);
      });
    });
  }

  report(): LongCellReport {
    const all = [...this.byPage.keys()].sort((a, b) => a - b).flatMap((p) => this.byPage.get(p)!);
    return { limit: SPREADSHEET_CELL_LIMIT, count: all.length, cells: all.slice(0, LONG_CELLS_LISTED) };
  }
}
