/**
 * The export feature's strings (ICU messages), through the app's i18n layer
 * (src/lib/i18n.ts). The Chinese catalog is ./messages-zh.ts, loaded with the locale.
 */
import { createCatalog } from '../../lib/i18n';

export const exportMessagesEn = {
  'export.button': 'Export CSV',
  'export.title': 'Export tasks as CSV',
  'export.scope': 'Exports every task matching the current filters and sort, not just this page.',
  'export.matching': '{count, plural, one {# matching task} other {# matching tasks}}',
  'export.columns': 'Columns',
  'export.columns.visible': 'Visible columns ({count} CSV columns)',
  'export.columns.all': 'All fields ({count} CSV columns)',
  'export.columns.hint':
    'Times are written twice: ISO 8601 in {zone} and the raw milliseconds. Cells starting with = + - @ tab or CR get a leading apostrophe so spreadsheets never run them as formulas.',
  'export.window.frozenNote': 'Tasks processed after the export starts are not included.',
  'export.start': 'Export',
  'export.cancel': 'Cancel',
  'export.close': 'Close',
  'export.retry': 'Try again',
  'export.preparing': 'Starting…',
  'export.progress': '{rows} of {total} rows',
  'export.progressUnknown': '{rows} rows',
  'export.eta': 'About {time} left',
  'export.etaUnknown': 'Estimating time left…',
  'export.backingOff': 'The server asked us to slow down; waiting and retrying…',
  'export.retries': '{count} retried requests',
  'export.building': 'Building the file…',
  'export.confirm.title': 'Large export',
  'export.confirm.body':
    'This export has {total} rows, about {size} of CSV. It may take a while and use memory in this tab. Continue?',
  'export.confirm.continue': 'Continue',
  'export.failed': 'The export failed',
  'export.cancelled': 'Export cancelled. Nothing was downloaded.',
  'export.done.title': 'Export complete',
  'export.done.mismatchTitle': 'Export complete, but the counts differ',
  'export.done.rows': '{rows} of {total} rows exported',
  'export.done.mismatch':
    'The export has {rows} rows but the server reported {total} matching tasks at the start{changed}. Tasks may have changed while it ran; the manifest records this.',
  'export.done.changed': ' (and between {min} and {max} while it ran)',
  'export.done.listed':
    'The list showed {listed} tasks; {total} matched when the export started, with processed time up to the frozen bound (tasks processed later, or without a processed time, fall outside it).',
  'export.done.file': 'File: {name}',
  'export.done.window': 'Processed: {start} – {end}',
  'export.done.unblockedWindow': 'Unblocked / restored: {start} – {end}',
  'export.done.windowOpen': 'any time',
  'export.done.frozen': 'upper bound frozen when the export started',
  'export.done.reopen': 'Link to exactly this set',
  'export.done.manifest': 'Download manifest',
  'export.done.longCells':
    '{count, plural, one {# cell is longer than {app} holds ({max} characters per cell): a spreadsheet cuts it when it opens the file. The CSV has it in full.} other {# cells are longer than {app} holds ({max} characters per cell): a spreadsheet cuts them when it opens the file. The CSV has them in full.}}',
  'export.done.longCell': 'TaskId {taskId}, column {column}: {characters} characters',
  'export.done.longCellsMore': '…and {count} more, listed in the manifest',
  'export.duration.seconds': '{s} s',
  'export.duration.minutes': '{m} min {s} s',
  'export.unknownStatus': 'Unknown ({code})',
  'export.form': 'Format',
  'export.form.raw': 'Raw: API field names and exact values (for tools and scripts)',
  'export.form.spreadsheet':
    'For spreadsheets: headers in your language, dates Excel and LibreOffice read as dates, long IDs kept whole',
  'export.form.spreadsheetHint':
    'Times as date and time in {zone} (without milliseconds), long numeric IDs as text, error message and tip included. Cells starting with = + - @ tab or CR get a leading apostrophe. Open the file as UTF-8.',
  'export.sheet.statusCode': 'Status code',
  'export.sheet.otherFields': 'Other fields (JSON)',
} as const;

/** `tx`, the translator; `txCount`, a plural message with `count`. */
export const { t: tx, tCount: txCount } = createCatalog(exportMessagesEn);

export function formatDuration(ms: number): string {
  const total = Math.max(1, Math.round(ms / 1000));
  if (total < 60) return tx('export.duration.seconds', { s: total });
  return tx('export.duration.minutes', { m: Math.floor(total / 60), s: total % 60 });
}
