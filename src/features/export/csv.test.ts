import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { columnsFor, headersOf } from './columns';
import { BOM, CRLF, encodeCsv, encodeRows, utf8Length } from './csv';
import { CsvBuilder } from './csv-builder';
import { stripNeutralisation } from './neutralise';

/** Parses a file written by encodeCsv back into rows of original values. */
function parseBack(file: string): string[][] {
  expect(file.startsWith(BOM)).toBe(true);
  const body = file.slice(BOM.length);
  const parsed = Papa.parse<string[]>(body, { newline: CRLF, header: false, skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data;
  // The file ends with CRLF: papaparse reports the empty remainder as one empty row.
  expect(rows.at(-1)).toEqual(['']);
  return rows.slice(0, -1).map((r) => r.map(stripNeutralisation));
}

describe('encodeRows / encodeCsv', () => {
  it.each([
    [['plain', 'two words'], 'plain,two words\r\n'],
    [['a,b', 'c'], '"a,b",c\r\n'],
    [['say "hi"'], '"say ""hi"""\r\n'],
    [['line1\nline2'], '"line1\nline2"\r\n'],
    [['cr\rinside'], '"cr\rinside"\r\n'],
    [['crlf\r\ninside'], '"crlf\r\ninside"\r\n'],
    [[' lead', 'trail '], '" lead","trail "\r\n'],
    [['', ''], ',\r\n'],
    [['=1+1', '-2', '\tx', '\rx'], "'=1+1,'-2,'\tx,\"'\rx\"\r\n"],
    [['中文,逗号'], '"中文,逗号"\r\n'],
    // Invisible and direction-control characters stay raw: the screen reveals them, the file does not.
    [['invoice\u202Egpj.exe', 'a\u200Bb\uFEFF'], 'invoice\u202Egpj.exe,"a\u200Bb\uFEFF"\r\n'],
  ])('quotes per RFC 4180: %j', (row, line) => {
    expect(encodeRows([row])).toBe(line);
  });

  it('starts with a UTF-8 BOM, has a header row and ends every record with CRLF', () => {
    const file = encodeCsv(
      ['TaskId', 'Note'],
      [
        ['a', 'x'],
        ['b', 'y'],
      ],
    );
    expect(file).toBe('\uFEFFTaskId,Note\r\na,x\r\nb,y\r\n');
    expect(new TextEncoder().encode(file).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('round-trips any values through papaparse once the prefix is removed', () => {
    const unit = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      "'",
      '"',
      ',',
      ' ',
      'a',
      'Z',
      '9',
      '中',
      '😀',
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit, maxLength: 12 }), { minLength: 3, maxLength: 3 }), {
          maxLength: 6,
        }),
        (rows) => {
          const headers = ['A', 'B', 'C'];
          expect(parseBack(encodeCsv(headers, rows))).toEqual([headers, ...rows]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('measures UTF-8 length like TextEncoder', () => {
    for (const s of ['', 'abc', '中文', '😀x', 'é\r\n', '\uFEFF']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});

describe('CsvBuilder', () => {
  it('writes pages in page order whatever the arrival order, and counts rows and bytes', () => {
    const b = new CsvBuilder({
      choice: 'visible',
      visibleColumns: ['TaskStatus'],
      context: { timeZone: 'UTC' },
    });
    b.addPage(2, [{ TaskId: 'c', TaskStatus: 25 }]);
    b.addPage(1, [
      { TaskId: 'a', TaskStatus: 90 },
      { TaskId: '=b', TaskStatus: 11 },
    ]);
    b.addPage(3, []);
    const file = b.toString();
    expect(file).toBe(
      "\uFEFFTaskId,TaskStatus,TaskStatus_Label\r\na,90,Failed\r\n'=b,11,In progress\r\nc,25,Unknown (25)\r\n",
    );
    expect(b.rows).toBe(3);
    expect(b.bytes).toBe(utf8Length(file));
    expect(b.headers).toEqual(headersOf(columnsFor('visible', ['TaskStatus'])));
    expect(parseBack(file)[2]).toEqual(['=b', '11', 'In progress']);
  });
});
