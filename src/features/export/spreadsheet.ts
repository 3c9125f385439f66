/**
 * The "for spreadsheets" form of the CSV: what an analyst opens in Excel or LibreOffice
 * Calc, as opposed to the raw form (columns.ts), which stays the default and keeps every
 * API value exactly.
 *
 * - Headers in the analyst's language: the UI's field labels, passed in (`SheetLabels`:
 *   plain data, the CSV worker has no i18n).
 * - Times as `2026-11-27 17:12:05` in the chosen zone, the zone named in the header
 *   ("Processed (Asia/Shanghai)"): both applications read that text as a date-time value
 *   (LibreOffice with "Detect special numbers", its default for dates in ISO order).
 *   Milliseconds are dropped: the raw form has them.
 * - TaskStatus as its label, then its code.
 * - Long numeric IDs kept whole: Scope and Creator when they are digits, and any cell of
 *   more than 15 digits, are written `="…"` (neutralise.ts `textNumberCell`): a bare
 *   number that long loses its last digits (`1.23456789012346E+18`).
 * - The error message and tip always come along, even when their columns are hidden.
 * - Source and TriggerSource are one column, as in the table: the API documents both as the
 *   task's triggering source with the same values (sophonsoar-api.md §2; 处置任务的触发来源 in
 *   the zh-CN metadata), and tasks carry the same code in both, so two columns side by side
 *   repeated every value. The cell is the source's label in the analyst's language, as the
 *   table shows it (Alibaba's own: `system` "Manual (event handling)", 手动处置事件触发;
 *   `SheetLabels.sources`), `Source / TriggerSource` labels on a row where they differ,
 *   TriggerSource's alone when Source is missing; a code without a label stays the code.
 *   The raw form keeps both codes.
 * - Every other cell is neutralised here (neutralise.ts), so the builder encodes these rows
 *   as `preformed`.
 *
 * Checked with LibreOffice 7.4 headless (`soffice --headless --infilter=CSV:44,34,76,1,,1033,false,true
 * --convert-to xlsx`): `="1234567890123456789"` arrives as the text 1234567890123456789,
 * a bare 1234567890123456789 as 1.23456789012346E+18, `2026-11-27 17:12:05` as a date serial.
 */
import { TASK_FIELDS } from '../../shared/catalogue';
import { cellText, csvFieldsFor, statusLabel, type ColumnChoice, type CsvColumn } from './columns';
import { isoInZone } from './iso-time';
import { neutraliseCell, textNumberCell } from './neutralise';

/** Labels in the analyst's language, as plain data. */
export interface SheetLabels {
  /** API field name → its label ("Status", "账号"). */
  fields: Readonly<Record<string, string>>;
  /** Header of the status code column, e.g. "Status code". */
  statusCode: string;
  /** Header of the fields the catalogue does not know. */
  otherFields: string;
  /** Header of the one Source column (Source and TriggerSource), e.g. "Source / trigger"; default the Source label. */
  sourceTrigger?: string;
  /**
   * Source code → its label ("Manual (event handling)", 手动处置事件触发), the catalog's
   * `source.<code>`; a code not in it is written as it is. Absent: the codes.
   */
  sources?: Readonly<Record<string, string>>;
}

/**
 * The Source cell's text: Source, `Source / TriggerSource` when they differ, else whichever
 * is there; each code as its label in `sources` when it has one (an own key, so a code such
 * as `constructor` stays itself).
 */
export function sourceTriggerText(
  task: Readonly<Record<string, unknown>>,
  sources: Readonly<Record<string, string>> = {},
): string {
  const src = cellText(task.Source);
  const trig = cellText(task.TriggerSource);
  if (!src || !trig || src === trig) return sourceText(src || trig, sources);
  return `${sourceText(src, sources)} / ${sourceText(trig, sources)}`;
}

/** One source code's label in `sources` (an own key, so `constructor` stays itself), else the code. */
function sourceText(code: string, sources: Readonly<Record<string, string>>): string {
  return Object.hasOwn(sources, code) ? sources[code]! : code;
}

/** IDs that are numbers in the API's world (Alibaba account IDs) and must stay text. */
export const TEXT_ID_FIELDS: ReadonlySet<string> = new Set(['Scope', 'Creator']);
/** Digits beyond what a spreadsheet's float keeps (IEEE 754 double: 15 significant digits). */
export const SPREADSHEET_MAX_DIGITS = 15;

const DIGITS = /^\d+$/;

/** One data cell for a spreadsheet: long digit strings (or any digits of a text-ID field) as text, the rest neutralised. */
export function sheetCell(value: string, keepAsText = false): string {
  if (DIGITS.test(value) && (keepAsText || value.length > SPREADSHEET_MAX_DIGITS))
    return textNumberCell(value);
  return neutraliseCell(value);
}

/** `2026-11-27 17:12:05` in `timeZone`, or '' when `ms` is not a time; years beyond 0–9999 stay ISO. */
export function sheetTime(ms: unknown, timeZone: string): string {
  if (typeof ms !== 'number') return '';
  const iso = isoInZone(ms, timeZone);
  return /^\d{4}-/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso;
}

const labelOf = (labels: SheetLabels, field: string) => labels.fields[field] ?? field;

/**
 * The spreadsheet columns for a choice (the same fields as the raw form, plus ErrMsg and
 * ErrTip). Cells come out final: neutralised, long numbers as text formulas.
 */
export function sheetColumnsFor(
  choice: ColumnChoice,
  visibleColumns: readonly string[],
  labels: SheetLabels,
  timeZone: string,
): CsvColumn[] {
  const { fields, otherFields } = csvFieldsFor(choice, visibleColumns);
  for (const name of ['ErrMsg', 'ErrTip']) {
    const field = TASK_FIELDS.find((f) => f.name === name);
    if (field && !fields.includes(field)) fields.push(field);
  }
  const mergeSource =
    fields.some((f) => f.name === 'Source') && fields.some((f) => f.name === 'TriggerSource');
  const columns = fields.flatMap((field): CsvColumn[] => {
    const header = labelOf(labels, field.name);
    const name = field.name;
    if (mergeSource && name === 'TriggerSource') return [];
    if (mergeSource && name === 'Source')
      return [
        {
          header: labels.sourceTrigger ?? header,
          value: (t) => sheetCell(sourceTriggerText(t, labels.sources)),
        },
      ];
    // One of the two alone: its label too.
    if (name === 'Source' || name === 'TriggerSource')
      return [{ header, value: (t) => sheetCell(sourceText(cellText(t[name]), labels.sources ?? {})) }];
    switch (field.csv) {
      case 'iso':
        return [
          {
            header: `${header} (${timeZone})`,
            value: (t, ctx) => neutraliseCell(sheetTime(t[name], ctx.timeZone)),
          },
        ];
      case 'label':
        return [
          { header, value: (t, ctx) => neutraliseCell(statusLabel(t[name], ctx)) },
          { header: labels.statusCode, value: (t) => sheetCell(cellText(t[name])) },
        ];
      case 'raw':
        return [{ header, value: (t) => sheetCell(cellText(t[name]), TEXT_ID_FIELDS.has(name)) }];
    }
  });
  if (otherFields)
    columns.push({
      header: labels.otherFields,
      value: (t, ctx) => neutraliseCell(otherFields.value(t, ctx)),
    });
  return columns;
}
