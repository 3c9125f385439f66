import { describe, expect, it } from 'vitest';
import { CsvBuilder } from './csv-builder';
import { columnsFor, headersOf } from './columns';
import { stripNeutralisation } from './neutralise';
import { sheetCell, sheetColumnsFor, sheetTime, type SheetLabels } from './spreadsheet';
import { textNumberCell } from './neutralise';
import Papa from 'papaparse';
import { messagesEn } from '../../lib/messages-en';
import { messagesZh } from '../../lib/messages-zh';
import { SOURCES } from '../../shared/catalogue';

const labels: SheetLabels = {
  fields: {
    TaskId: '任务ID',
    TaskStatus: '状态',
    Scope: '账号',
    Creator: '创建者',
    ProcessTime: '处置时间',
    EntityName: '实体',
    EntityType: '实体类型',
    ErrMsg: '错误信息',
    ErrTip: '修复建议',
  },
  statusCode: '状态码',
  otherFields: '其他字段',
};
const ctx = { timeZone: 'Asia/Shanghai', statusLabels: { 90: '失败' }, unknownStatus: '未知 ({code})' };
// 2025-11-27T09:13:03.000Z
const PROCESSED = 1_764_234_783_000;
const task = {
  TaskId: '12345678901234567890',
  TaskStatus: 90,
  Scope: '1234567890123456789',
  Creator: '123456',
  ProcessTime: PROCESSED,
  EntityName: '=HYPERLINK("http://evil")',
  ErrMsg: '-1 quota\nexceeded',
  ErrTip: '@SUM(1)',
};

describe('spreadsheet cells', () => {
  it.each([
    ['1234567890123456789', false, '="1234567890123456789"'],
    ['1234567890123456', false, '="1234567890123456"'],
    ['123456789012345', false, '123456789012345'],
    ['123456', true, '="123456"'],
    ['0012', true, '="0012"'],
    ['12a', true, '12a'],
    ['', true, ''],
    ['=1+1', true, "'=1+1"],
    ['-12345678901234567', false, "'-12345678901234567"],
    ['+1234567890123456', false, "'+1234567890123456"],
    ['="1"', false, `'="1"`],
    ['1234567890123456789 ', false, '1234567890123456789 '],
  ])('%j (kept as text: %s) → %j', (value, keep, cell) => {
    expect(sheetCell(value, keep)).toBe(cell);
  });

  it('the text-number formula takes digits only', () => {
    expect(() => textNumberCell('1")+HYPERLINK("x')).toThrow(RangeError);
  });

  it.each([
    [PROCESSED, 'Asia/Shanghai', '2025-11-27 17:13:03'],
    [PROCESSED, 'UTC', '2025-11-27 09:13:03'],
    [PROCESSED, 'America/New_York', '2025-11-27 04:13:03'],
    [PROCESSED + 999, 'UTC', '2025-11-27 09:13:03'],
    [undefined, 'UTC', ''],
    ['1764234783000', 'UTC', ''],
  ])('time %j in %s → %j', (ms, zone, text) => {
    expect(sheetTime(ms, zone)).toBe(text);
  });
});

describe('spreadsheet columns', () => {
  it('headers in the given language, times named with their zone, status label and code, error and tip always', () => {
    const cols = sheetColumnsFor(
      'visible',
      ['TaskStatus', 'Scope', 'Creator', 'ProcessTime', 'EntityName'],
      labels,
      'Asia/Shanghai',
    );
    expect(headersOf(cols)).toEqual([
      '任务ID',
      '状态',
      '状态码',
      '账号',
      '创建者',
      '处置时间 (Asia/Shanghai)',
      '实体',
      '实体类型',
      '错误信息',
      '修复建议',
    ]);
    expect(cols.map((c) => c.value(task, ctx))).toEqual([
      '="12345678901234567890"',
      '失败',
      '90',
      '="1234567890123456789"',
      '="123456"',
      '2025-11-27 17:13:03',
      `'=HYPERLINK("http://evil")`,
      '',
      "'-1 quota\nexceeded",
      "'@SUM(1)",
    ]);
  });

  it('"all" ends with the other fields, neutralised', () => {
    const cols = sheetColumnsFor('all', [], labels, 'UTC');
    expect(cols.at(-1)!.header).toBe('其他字段');
    expect(cols.at(-1)!.value({ TaskId: 'x', Extra: '=1' }, ctx)).toBe('{"Extra":"=1"}');
  });

  it('the raw form is unchanged: API names, exact values', () => {
    const b = new CsvBuilder({ choice: 'visible', visibleColumns: ['Scope'], context: ctx });
    b.addPage(1, [task]);
    expect(b.toString()).toBe('\uFEFFTaskId,Scope\r\n12345678901234567890,1234567890123456789\r\n');
    expect(headersOf(columnsFor('visible', ['Scope']))).toEqual(['TaskId', 'Scope']);
  });

  it('a spreadsheet file: every data cell still neutralised, our formulas only around digits', () => {
    const b = new CsvBuilder({
      choice: 'visible',
      visibleColumns: ['TaskStatus', 'Scope', 'ProcessTime', 'EntityName'],
      context: ctx,
      form: 'spreadsheet',
      sheetLabels: labels,
    });
    b.addPage(1, [task]);
    const [header, row] = Papa.parse<string[]>(b.toString().slice(1), { skipEmptyLines: true }).data;
    expect(header).toEqual([
      '任务ID',
      '状态',
      '状态码',
      '账号',
      '处置时间 (Asia/Shanghai)',
      '实体',
      '实体类型',
      '错误信息',
      '修复建议',
    ]);
    for (const cell of row!) {
      const formula = /^="\d+"$/.test(cell);
      // Either one of our digit formulas, or a cell that reads back to data with no formula trigger.
      expect(formula || !/^[=+\-@\t\r]/.test(cell), cell).toBe(true);
    }
    expect(row!.map((c) => (c.startsWith('="') ? c : stripNeutralisation(c)))).toEqual([
      '="12345678901234567890"',
      '失败',
      '90',
      '="1234567890123456789"',
      '2025-11-27 17:13:03',
      '=HYPERLINK("http://evil")',
      '',
      '-1 quota\nexceeded',
      '@SUM(1)',
    ]);
  });

  describe('Source and TriggerSource: one column (the API documents both as the triggering source)', () => {
    const withSource = {
      ...labels,
      fields: { ...labels.fields, Source: '触发来源', TriggerSource: '触发源' },
    };
    // The labels the table shows (the catalogs' source.<code>, as export-session.ts passes them).
    const sourcesIn = (catalog: Record<string, string>) =>
      Object.fromEntries(SOURCES.map((c) => [c, catalog[`source.${c}`]!]));
    const zhSources = sourcesIn(messagesZh);
    const enSources = sourcesIn(messagesEn);

    // [task, cell with Chinese labels, with English labels, without labels (codes)]
    it.each([
      [
        { Source: 'system', TriggerSource: 'system' },
        '手动处置事件触发',
        'Manual (event handling)',
        'system',
      ],
      [
        { Source: 'custom', TriggerSource: 'soar-manual' },
        '自动响应规则，事件触发 / SOAR手动调用剧本触发',
        'Automatic rule (event) / Playbook, run manually',
        'custom / soar-manual',
      ],
      [{ TriggerSource: 'custom_alert' }, '自动响应规则，告警触发', 'Automatic rule (alert)', 'custom_alert'],
      [{ Source: 'soar-mdr' }, '由安全管家服务触发', 'Managed security service', 'soar-mdr'],
      // Codes without a label stay codes (neutralised like any cell).
      [{ Source: 'new-source' }, 'new-source', 'new-source', 'new-source'],
      [
        { Source: 'system', TriggerSource: 'new' },
        '手动处置事件触发 / new',
        'Manual (event handling) / new',
        'system / new',
      ],
      [{ Source: 'constructor' }, 'constructor', 'constructor', 'constructor'],
      [{ Source: '=cmd', TriggerSource: '=cmd' }, "'=cmd", "'=cmd", "'=cmd"],
      [{}, '', '', ''],
    ])('%j → %j / %j (codes without labels: %j)', (t, zh, en, codes) => {
      for (const [sources, cell] of [
        [zhSources, zh],
        [enSources, en],
        [undefined, codes],
      ] as const)
        for (const choice of ['visible', 'all'] as const) {
          const cols = sheetColumnsFor(
            choice,
            ['Source'],
            { ...withSource, sourceTrigger: '来源 / 触发源', ...(sources ? { sources } : {}) },
            'UTC',
          );
          const headers = headersOf(cols);
          expect(headers.filter((h) => h === '来源 / 触发源')).toHaveLength(1);
          expect(headers).not.toContain('触发来源');
          expect(headers).not.toContain('触发源');
          expect(cols.find((c) => c.header === '来源 / 触发源')!.value({ TaskId: 'x', ...t }, ctx)).toBe(
            cell,
          );
        }
    });

    it('the spreadsheet file holds the labels, the raw file the codes, for the same task', () => {
      const task = { TaskId: 'x', Source: 'custom', TriggerSource: 'custom_alert' };
      const sheet = new CsvBuilder({
        choice: 'visible',
        visibleColumns: ['Source'],
        context: ctx,
        form: 'spreadsheet',
        sheetLabels: { ...withSource, sourceTrigger: '来源 / 触发源', sources: zhSources },
      });
      sheet.addPage(1, [task]);
      const [header, row] = Papa.parse<string[]>(sheet.toString().slice(1), { skipEmptyLines: true }).data;
      expect(header).toEqual(['任务ID', '来源 / 触发源', '错误信息', '修复建议']);
      expect(row).toEqual(['x', '自动响应规则，事件触发 / 自动响应规则，告警触发', '', '']);
      const raw = new CsvBuilder({ choice: 'visible', visibleColumns: ['Source'], context: ctx });
      raw.addPage(1, [task]);
      expect(raw.toString()).toBe('\uFEFFTaskId,Source,TriggerSource\r\nx,custom,custom_alert\r\n');
    });

    it('Source or TriggerSource alone: its label too', () => {
      const cols = sheetColumnsFor(
        'visible',
        ['TriggerSource'],
        { ...withSource, sources: enSources },
        'UTC',
      );
      const col = cols.find((c) => c.header === '触发源')!;
      expect(col.value({ TaskId: 'x', TriggerSource: 'soar-mdr' }, ctx)).toBe('Managed security service');
      expect(col.value({ TaskId: 'x', TriggerSource: 'other' }, ctx)).toBe('other');
    });

    it('without its own header it takes the Source label', () => {
      expect(headersOf(sheetColumnsFor('visible', ['Source'], withSource, 'UTC'))).toContain('触发来源');
    });

    it('the raw form keeps both, exactly', () => {
      expect(headersOf(columnsFor('visible', ['Source']))).toEqual(['TaskId', 'Source', 'TriggerSource']);
      const b = new CsvBuilder({ choice: 'visible', visibleColumns: ['Source'], context: ctx });
      b.addPage(1, [{ TaskId: 'x', Source: 'system', TriggerSource: 'system' }]);
      expect(b.toString()).toBe('\uFEFFTaskId,Source,TriggerSource\r\nx,system,system\r\n');
    });
  });

  it('needs its labels', () => {
    expect(
      () => new CsvBuilder({ choice: 'all', visibleColumns: [], context: ctx, form: 'spreadsheet' }),
    ).toThrow(/sheetLabels/);
  });
});
