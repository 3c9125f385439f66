/**
 * Opens a spreadsheet-form CSV (src/features/export/spreadsheet.ts) in LibreOffice Calc
 * headless and checks what Calc made of it: the long IDs as text with every digit, the
 * times as date values, formula-looking data as text. Needs `soffice`
 * (Debian: libreoffice-calc-nogui); not part of `npm test`.
 *
 *   npx tsx scripts/spreadsheet-libreoffice-check.ts
 *
 * Exit code 0 when every check holds, 1 otherwise (each failure printed).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CsvBuilder } from '../src/features/export/csv-builder';

const dir = mkdtempSync(path.join(tmpdir(), 'rtc-lo-'));
try {
  const b = new CsvBuilder({
    choice: 'visible',
    visibleColumns: ['Scope', 'Creator', 'ProcessTime', 'EntityName'],
    context: { timeZone: 'Asia/Shanghai' },
    form: 'spreadsheet',
    sheetLabels: { fields: { Scope: 'Account' }, statusCode: 'Status code', otherFields: 'Other' },
  });
  b.addPage(1, [
    {
      TaskId: '98765432109876543210',
      Scope: '1234567890123456789',
      Creator: '0012345',
      ProcessTime: Date.UTC(2025, 10, 27, 9, 13, 3),
      EntityName: '=1+1',
      ErrMsg: '-2',
    },
  ]);
  const csv = path.join(dir, 'sheet.csv');
  writeFileSync(csv, b.toString());
  // UTF-8 (76), first line 1, "detect special numbers" on (how Calc opens dates by default in its dialog).
  execFileSync(
    'soffice',
    [
      '--headless',
      '--infilter=CSV:44,34,76,1,,1033,false,true',
      '--convert-to',
      'fods',
      '--outdir',
      dir,
      csv,
    ],
    {
      env: { ...process.env, HOME: dir },
      stdio: 'ignore',
      timeout: 120_000,
    },
  );
  const xml = readFileSync(path.join(dir, 'sheet.fods'), 'utf8');
  const checks: [string, boolean][] = [
    ['TaskId kept as text, 20 digits', xml.includes('<text:p>98765432109876543210</text:p>')],
    ['Scope kept as text, 19 digits', xml.includes('<text:p>1234567890123456789</text:p>')],
    ['Creator keeps its leading zeros', xml.includes('<text:p>0012345</text:p>')],
    [
      'the time is a date value',
      /office:value-type="date" office:date-value="2025-11-27T17:13:03"/.test(xml),
    ],
    [
      'a formula in the data stays text',
      xml.includes('<text:p>&apos;=1+1</text:p>') || xml.includes("<text:p>'=1+1</text:p>"),
    ],
    ['no float lost digits', !/E\+01[0-9]/.test(xml)],
  ];
  let failed = 0;
  for (const [name, ok] of checks) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
    if (!ok) failed++;
  }
  if (failed) {
    console.log(xml.slice(xml.indexOf('<table:table-row'), xml.lastIndexOf('</table:table-row>') + 18));
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
