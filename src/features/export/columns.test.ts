import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messagesEn } from '../../lib/messages-en';
import { formatIso } from '../../lib/time';
import { PROCESS_TASK_FIELDS, TASK_STATUSES } from '../../shared/sophonsoar';
import {
  cellText,
  columnsFor,
  headersOf,
  KNOWN_STATUS_CODES,
  statusLabel,
  TASK_FIELDS,
  taskToRow,
} from './columns';
import { isoInZone } from './iso-time';

const task = {
  TaskId: 't-1',
  TaskStatus: 90,
  YunCode: 'WAF',
  EntityName: '1.2.3.4',
  EntityType: 'ip',
  Source: 'system',
  TriggerSource: 'soar-manual',
  GmtCreateMillis: 1_764_234_723_456, // 2025-11-27T09:12:03.456Z
  ProcessTime: 1_764_234_783_000,
  InputParams: '{"ip": "1.2.3.4",\n "note":"a \\"quoted\\" value"}',
  ErrCode: 'sts_openapi.Info.DefenseSceneNotSupported',
  Unlisted: 'extra field upstream added',
};

describe('columnsFor', () => {
  it('knows the same fields and status codes as the shared schema', () => {
    expect([...TASK_FIELDS]).toEqual(PROCESS_TASK_FIELDS);
    expect([...KNOWN_STATUS_CODES]).toEqual([...TASK_STATUSES]);
  });

  it('visible: the triage Reason column is the error message and the unblock time', () => {
    expect(headersOf(columnsFor('visible', ['TaskStatus', 'Reason']))).toEqual([
      'TaskId',
      'TaskStatus',
      'TaskStatus_Label',
      'ErrMsg',
      'RemoveTime_ISO',
      'RemoveTime',
    ]);
  });

  it('visible: the duration columns are the times they are computed from, each once', () => {
    expect(headersOf(columnsFor('visible', ['TimeToProcess', 'TimeBlocked']))).toEqual([
      'TaskId',
      'GmtCreateMillis_ISO',
      'GmtCreateMillis',
      'ProcessTime_ISO',
      'ProcessTime',
      'RemoveTime_ISO',
      'RemoveTime',
    ]);
  });

  it('visible: TaskId first, table columns expanded to what they show, non-fields ignored', () => {
    const cols = columnsFor('visible', [
      'select',
      'TaskStatus',
      'EntityName',
      'GmtCreateMillis',
      'Source',
      'TaskStatus',
    ]);
    expect(headersOf(cols)).toEqual([
      'TaskId',
      'TaskStatus',
      'TaskStatus_Label',
      'EntityName',
      'EntityType',
      'GmtCreateMillis_ISO',
      'GmtCreateMillis',
      'Source',
      'TriggerSource',
    ]);
  });

  it('all: every documented field once, with the derived columns', () => {
    const headers = headersOf(columnsFor('all', []));
    for (const f of PROCESS_TASK_FIELDS) expect(headers.filter((h) => h === f)).toHaveLength(1);
    for (const f of ['GmtCreateMillis', 'GmtModifiedMillis', 'ProcessTime', 'RemoveTime']) {
      expect(headers.indexOf(f + '_ISO')).toBe(headers.indexOf(f) - 1);
    }
    expect(headers).toContain('TaskStatus_Label');
    expect(headers[0]).toBe('TaskId');
    expect(new Set(headers).size).toBe(headers.length);
  });
});

describe('OtherFields (the "all fields" export keeps what the catalogue does not know)', () => {
  const all = columnsFor('all', []);
  const other = (task: Record<string, unknown>) =>
    taskToRow(task, all, { timeZone: 'UTC' })[headersOf(all).indexOf('OtherFields')];

  it('is the last column of "all", absent from "visible"', () => {
    expect(headersOf(all).at(-1)).toBe('OtherFields');
    expect(headersOf(columnsFor('visible', ['TaskStatus', 'OtherFields']))).not.toContain('OtherFields');
  });

  it.each([
    [{ TaskId: 'a' }, ''],
    [{ TaskId: 'a', Future: null }, ''],
    [{ TaskId: 'a', Future: 'x', Nested: { n: 1 }, TaskStatus: 90 }, '{"Future":"x","Nested":{"n":1}}'],
    [{ TaskId: 'a', AlertId: '812345678' }, ''],
  ])('%j → %s', (task, cell) => {
    expect(other(task)).toBe(cell);
  });
});

describe('taskToRow', () => {
  it('maps times (ISO with offset + raw ms), status (code + label), InputParams verbatim', () => {
    const cols = columnsFor('visible', [
      'TaskStatus',
      'GmtCreateMillis',
      'ProcessTime',
      'RemoveTime',
      'ErrCode',
    ]);
    const row = taskToRow(task, cols, { timeZone: 'Asia/Shanghai' });
    expect(Object.fromEntries(headersOf(cols).map((h, i) => [h, row[i]]))).toEqual({
      TaskId: 't-1',
      TaskStatus: '90',
      TaskStatus_Label: 'Failed',
      GmtCreateMillis_ISO: '2025-11-27T17:12:03.456+08:00',
      GmtCreateMillis: '1764234723456',
      ProcessTime_ISO: '2025-11-27T17:13:03.000+08:00',
      ProcessTime: '1764234783000',
      RemoveTime_ISO: '', // missing before an unblock
      RemoveTime: '',
      ErrCode: 'sts_openapi.Info.DefenseSceneNotSupported',
    });
    const all = columnsFor('all', []);
    const allRow = taskToRow(task, all, { timeZone: 'UTC' });
    expect(allRow[headersOf(all).indexOf('InputParams')]).toBe(task.InputParams);
    expect(allRow[headersOf(all).indexOf('GmtCreateMillis_ISO')]).toBe('2025-11-27T09:12:03.456+00:00');
  });

  it.each([
    ['America/New_York', 1_764_234_723_456, '2025-11-27T04:12:03.456-05:00'],
    ['America/New_York', 1_751_000_000_000, '2025-06-27T00:53:20.000-04:00'], // DST
    ['Asia/Kathmandu', 1_764_234_723_456, '2025-11-27T14:57:03.456+05:45'],
  ])('ISO in %s', (zone, ms, iso) => {
    expect(isoInZone(ms, zone)).toBe(iso);
  });

  it('writes the same ISO text as src/lib/time formatIso', () => {
    const zones = [
      'UTC',
      'Asia/Shanghai',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/St_Johns',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000_000_000, max: 4_102_444_800_000 }),
        fc.constantFrom(...zones),
        (ms, z) => {
          expect(isoInZone(ms, z)).toBe(formatIso(ms, z));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('broken values: ISO left empty, raw value kept', () => {
    const cols = columnsFor('visible', ['GmtCreateMillis']);
    expect(taskToRow({ TaskId: 'x', GmtCreateMillis: 9e21 }, cols, { timeZone: 'UTC' })).toEqual([
      'x',
      '',
      '9e+21',
    ]);
    expect(taskToRow({ TaskId: 'x', GmtCreateMillis: 'soon' }, cols, { timeZone: 'UTC' })).toEqual([
      'x',
      '',
      'soon',
    ]);
  });
});

describe('status labels', () => {
  it.each([
    [11, 'In progress'],
    [20, 'Succeeded'],
    [92, 'Restore failed'],
    [21, 'Blocked'],
    [22, 'Quarantined'],
    [25, 'Unknown (25)'],
    [-1, 'Unknown (-1)'],
    ['abc', 'Unknown (abc)'],
    [undefined, ''],
  ])('%j → %j', (code, label) => {
    expect(statusLabel(code)).toBe(label);
  });

  it('the English defaults are the UI catalog’s status words (Alibaba’s English)', () => {
    for (const code of TASK_STATUSES)
      expect(statusLabel(code), String(code)).toBe(messagesEn[`status.${code}`]);
  });

  it('uses translated labels and template', () => {
    const ctx = { statusLabels: { 90: '失败' }, unknownStatus: '未知 ({code})' };
    expect(statusLabel(90, ctx)).toBe('失败');
    expect(statusLabel(7, ctx)).toBe('未知 (7)');
  });
});

describe('cellText', () => {
  it.each([
    [null, ''],
    [0, '0'],
    [true, 'true'],
    [{ a: [1] }, '{"a":[1]}'],
    ['  keeps spaces\n', '  keeps spaces\n'],
  ])('%j → %j', (v, s) => {
    expect(cellText(v)).toBe(s);
  });
});
