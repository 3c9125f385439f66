/**
 * Accumulates an export's CSV: the header, then pages of tasks in page order (pages may
 * arrive out of order when fetched concurrently). Each page is mapped and encoded on
 * arrival and only its text is kept. Used inside the CSV worker, and directly in Node.
 */
import {
  columnsFor,
  headersOf,
  taskToRow,
  type ColumnChoice,
  type CsvColumn,
  type RowContext,
} from './columns';
import { LongCellFinder, type LongCellReport } from './cell-limits';
import { BOM, encodeRows, utf8Length } from './csv';
import { sheetColumnsFor, type SheetLabels } from './spreadsheet';

export interface CsvBuildSpec {
  choice: ColumnChoice;
  visibleColumns: readonly string[];
  context: RowContext;
  /** `raw` (default): API names and exact values. `spreadsheet`: see spreadsheet.ts. */
  form?: CsvForm;
  /** The headers' words for the spreadsheet form (required with it). */
  sheetLabels?: SheetLabels;
}

export type CsvForm = 'raw' | 'spreadsheet';

/**
 * `P` is how a finished chunk is kept: the text itself by default; the worker keeps each
 * page as a Blob instead, which browsers may hold outside the JS heap.
 */
export class CsvBuilder<P = string> {
  private readonly columns: CsvColumn[];
  /** Rows whose cells the columns formed (and neutralised) themselves: spreadsheet.ts. */
  private readonly preformed: boolean;
  private readonly context: RowContext;
  readonly headers: string[];
  private readonly header: string;
  private readonly pages = new Map<number, P[]>();
  private readonly toPart: (text: string) => P;
  private readonly longCells: LongCellFinder;
  private rowCount = 0;
  private byteCount: number;

  constructor(spec: CsvBuildSpec, toPart?: (text: string) => P) {
    this.toPart = toPart ?? ((text) => text as unknown as P);
    this.preformed = spec.form === 'spreadsheet';
    if (this.preformed && !spec.sheetLabels)
      throw new Error('The spreadsheet form needs its labels (sheetLabels).');
    this.columns =
      spec.form === 'spreadsheet' && spec.sheetLabels
        ? sheetColumnsFor(spec.choice, spec.visibleColumns, spec.sheetLabels, spec.context.timeZone)
        : columnsFor(spec.choice, spec.visibleColumns);
    this.headers = headersOf(this.columns);
    this.header = BOM + encodeRows([this.headers]);
    this.byteCount = utf8Length(this.header);
    this.longCells = new LongCellFinder(this.headers);
    this.context = spec.context;
  }

  /** Adds one page's tasks (already de-duplicated); returns the encoded byte length. */
  addPage(pageNumber: number, tasks: readonly Readonly<Record<string, unknown>>[]): number {
    const rows = tasks.map((t) => taskToRow(t, this.columns, this.context));
    this.longCells.addPage(pageNumber, tasks, rows);
    const text = encodeRows(rows, this.preformed);
    const bytes = utf8Length(text);
    if (text) {
      const parts = this.pages.get(pageNumber) ?? [];
      parts.push(this.toPart(text));
      this.pages.set(pageNumber, parts);
    }
    this.rowCount += tasks.length;
    this.byteCount += bytes;
    return bytes;
  }

  get rows(): number {
    return this.rowCount;
  }

  get bytes(): number {
    return this.byteCount;
  }

  /** The cells too long for a spreadsheet so far (see cell-limits.ts). */
  get longCellReport(): LongCellReport {
    return this.longCells.report();
  }

  /** Bytes of the rows alone (for estimating a bigger export from a sample). */
  get rowBytes(): number {
    return this.byteCount - utf8Length(this.header);
  }

  /** The file's parts in order: BOM + header, then pages by page number. */
  parts(): (string | P)[] {
    const order = [...this.pages.keys()].sort((a, b) => a - b);
    return [this.header, ...order.flatMap((p) => this.pages.get(p)!)];
  }

  toString(): string {
    return this.parts().join('');
  }
}
