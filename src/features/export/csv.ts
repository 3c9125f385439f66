/**
 * CSV encoding: RFC 4180 via papaparse's `unparse` (fields with a comma, quote, CR or LF
 * are quoted, quotes doubled), CRLF line ends, a header row, UTF-8 with a BOM so Excel
 * reads Chinese text correctly. Every cell is neutralised against formula injection
 * first (see neutralise.ts); nothing reaches the file without passing through here.
 *
 * The file is built as a list of chunks (header, then one chunk per page of rows) so a
 * big export never holds its rows twice: a page is encoded as soon as it arrives and
 * only its text is kept.
 */
import Papa from 'papaparse';
import { neutraliseCell } from './neutralise';

export const BOM = '\uFEFF';
export const CRLF = '\r\n';

/**
 * Encodes rows as CSV lines, each ending with CRLF ('' for no rows). Every cell is
 * neutralised, except when `preformed`: the cells were formed by spreadsheet.ts, which
 * neutralises each data cell itself and adds only its own digit-only text formulas.
 */
export function encodeRows(rows: readonly (readonly string[])[], preformed = false): string {
  if (rows.length === 0) return '';
  const safe = preformed ? [...rows] : rows.map((r) => r.map(neutraliseCell));
  // escapeFormulae is off: our own rule (neutralise.ts) is reversible, papaparse's is not.
  return Papa.unparse(safe, { newline: CRLF, quotes: false, escapeFormulae: false, header: false }) + CRLF;
}

/** A whole file's text, BOM included: for tests and small exports. */
export function encodeCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return BOM + encodeRows([headers]) + encodeRows(rows);
}

/** UTF-8 byte length of a string without encoding it (for size estimates). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
