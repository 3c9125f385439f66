/**
 * Which CSV columns an export has and how a task becomes a row.
 *
 * Header names are stable and machine-friendly (other tools read these files):
 * - every API field keeps its API name and its raw value (times as the ms number,
 *   TaskStatus as the code, InputParams as the original string);
 * - derived columns carry a suffix: `<time field>_ISO` (ISO 8601 with the offset of the
 *   analyst's zone) and `TaskStatus_Label` ("Failed", "Unknown (25)").
 * Every export starts with TaskId, even when the table hides it: it is what identifies a
 * row in an incident. An "all fields" export ends with `OtherFields`, the fields the
 * catalogue does not list, as JSON.
 */
import { isoInZone } from './iso-time';

import { TASK_FIELDS as FIELDS, TASK_STATUSES, type TaskField } from '../../shared/catalogue';

/** The task fields, in the API's order, and the documented status codes (from the
 * zod-free catalogue: the CSV worker must not load zod, whose schema building probes
 * `new Function`, which the CSP reports). */
export const TASK_FIELDS = FIELDS.map((f) => f.name);
export const KNOWN_STATUS_CODES: readonly number[] = TASK_STATUSES;

export type ColumnChoice = 'visible' | 'all';

const ISO_SUFFIX = '_ISO';
const LABEL_SUFFIX = '_Label';

/** English status labels; the UI passes translated ones through `RowContext.statusLabel`. */
const DEFAULT_STATUS_LABELS: Readonly<Record<number, string>> = {
  11: 'In progress',
  21: 'Blocked',
  22: 'Quarantined',
  23: 'Ended',
  24: 'Whitelisted',
  20: 'Succeeded',
  90: 'Failed',
  91: 'Unblock failed',
  92: 'Restore failed',
};

const DEFAULT_UNKNOWN_STATUS = 'Unknown ({code})';

/**
 * Plain data (no functions) so it can be posted to the CSV worker as is.
 */
export interface RowContext {
  /** IANA zone of the analyst, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** Labels of the known status codes (translated by the UI); default English. */
  statusLabels?: Readonly<Record<number, string>>;
  /** Label of any other code; `{code}` is replaced by the code. Default "Unknown ({code})". */
  unknownStatus?: string;
}

export function statusLabel(
  code: unknown,
  ctx: Pick<RowContext, 'statusLabels' | 'unknownStatus'> = {},
): string {
  if (code === undefined || code === null || code === '') return '';
  const n = typeof code === 'number' ? code : Number(code);
  const labels = ctx.statusLabels ?? DEFAULT_STATUS_LABELS;
  const known = Number.isInteger(n) && KNOWN_STATUS_CODES.includes(n) ? labels[n] : undefined;
  return known ?? (ctx.unknownStatus ?? DEFAULT_UNKNOWN_STATUS).replace('{code}', cellText(code));
}

export interface CsvColumn {
  header: string;
  value: (task: Readonly<Record<string, unknown>>, ctx: RowContext) => string;
}

/** A field's value as text, unchanged for strings (InputParams stays its original string). */
export function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // Upstream sent a structure where text was expected: keep it, as JSON.
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
}

const raw = (field: string): CsvColumn => ({ header: field, value: (t) => cellText(t[field]) });

const iso = (field: string): CsvColumn => ({
  header: field + ISO_SUFFIX,
  value: (t, ctx) => {
    const v = t[field];
    return typeof v === 'number' ? isoInZone(v, ctx.timeZone) : '';
  },
});

/** `TaskStatus_Label`: the status's label ("Failed", "Unknown (25)"). */
const label = (field: string): CsvColumn => ({
  header: field + LABEL_SUFFIX,
  value: (t, ctx) => statusLabel(t[field], ctx),
});

/** The CSV columns of one API field as the catalogue's `csv` says; for times the readable one first. */
function columnsOfField(field: TaskField): CsvColumn[] {
  switch (field.csv) {
    case 'iso':
      return [iso(field.name), raw(field.name)];
    case 'label':
      return [raw(field.name), label(field.name)];
    case 'raw':
      return [raw(field.name)];
  }
}

/**
 * Table columns that show more than their own field (the entity column shows the type
 * icon, the source column the trigger): the export writes what the analyst sees.
 */
const TABLE_COLUMN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  EntityName: ['EntityName', 'EntityType'],
  Source: ['Source', 'TriggerSource'],
  // The triage table's Reason: the error message of a failed task, the unblock time otherwise.
  Reason: ['ErrMsg', 'RemoveTime'],
  // The durations (issue 12): the times they are computed from.
  TimeToProcess: ['GmtCreateMillis', 'ProcessTime'],
  TimeBlocked: ['ProcessTime', 'RemoveTime'],
};

/** The header of the "all fields" column that keeps fields the catalogue does not know. */
export const OTHER_FIELDS_HEADER = 'OtherFields';
const KNOWN_FIELDS: ReadonlySet<string> = new Set(TASK_FIELDS);

/**
 * `OtherFields`: the task's fields the catalogue does not list (newer API versions add
 * some), as one JSON object in the API's key order; empty when there are none. The
 * header row is written before the first page arrives, so unknown names cannot become
 * columns of their own; null values are left out (the SDK models read null as absent).
 */
const otherFields: CsvColumn = {
  header: OTHER_FIELDS_HEADER,
  value: (t) => {
    const extra: Record<string, unknown> = {};
    let any = false;
    for (const [k, v] of Object.entries(t)) {
      if (KNOWN_FIELDS.has(k) || v === null || v === undefined) continue;
      extra[k] = v;
      any = true;
    }
    return any ? cellText(extra) : '';
  },
};

/**
 * The API fields of a choice, in order, and the `OtherFields` column when the choice is
 * "all". `visibleColumns` are table column ids (API field names); ids that are not task
 * fields (selection, actions) are ignored. Each field appears once, TaskId first.
 */
export function csvFieldsFor(
  choice: ColumnChoice,
  visibleColumns: readonly string[],
): { fields: TaskField[]; otherFields: CsvColumn | undefined } {
  const fields: TaskField[] = [];
  const add = (name: string) => {
    const field = FIELDS.find((f) => f.name === name);
    if (field && !fields.includes(field)) fields.push(field);
  };
  add('TaskId');
  if (choice === 'all') TASK_FIELDS.forEach(add);
  else for (const id of visibleColumns) (TABLE_COLUMN_FIELDS[id] ?? [id]).forEach(add);
  // "All fields" means all: the fields the catalogue does not know too.
  return { fields, otherFields: choice === 'all' ? otherFields : undefined };
}

/** The raw CSV columns for a choice (see csvFieldsFor). */
export function columnsFor(choice: ColumnChoice, visibleColumns: readonly string[]): CsvColumn[] {
  const { fields, otherFields } = csvFieldsFor(choice, visibleColumns);
  const columns = fields.flatMap(columnsOfField);
  return otherFields ? [...columns, otherFields] : columns;
}

export function headersOf(columns: readonly CsvColumn[]): string[] {
  return columns.map((c) => c.header);
}

/** One task → one row of cell values (not yet neutralised or quoted). */
export function taskToRow(
  task: Readonly<Record<string, unknown>>,
  columns: readonly CsvColumn[],
  ctx: RowContext,
): string[] {
  return columns.map((c) => c.value(task, ctx));
}
