import { describe, expect, it } from 'vitest';
import {
  checkParams,
  describeProcessTasksResponseSchema,
  langOf,
  processTaskSchema,
  processTasksAnswerSchema,
  responseProblem,
} from './sophonsoar';

describe('checkParams(DescribeProcessTasks)', () => {
  it('accepts no parameters', () => {
    expect(checkParams('DescribeProcessTasks', {})).toEqual({ ok: true, value: {} });
  });

  it('parses every parameter into typed values', () => {
    const r = checkParams('DescribeProcessTasks', {
      TaskStatus: '["90","91"]',
      Source: '["system","soar-manual"]',
      YunCode: '["WAF"]',
      TriggerSource: 'custom',
      EntityType: 'ip',
      EntityName: '1.2.3.4',
      EntityUuid: 'e-1',
      EventUuid: 'ev-1',
      TaskId: 't-1',
      ReqUuid: 'r-1',
      ProcessStrategyUuid: 's-1',
      SceneCode: 'sas_block_ip',
      Scope: '1234567890',
      ParamContent: 'bash -i',
      ProcessActionStart: '1700000000000',
      ProcessActionEnd: '1700000000999',
      ProcessRemoveStart: '1700000001000',
      ProcessRemoveEnd: '1700000002000',
      OrderField: 'GMTCREATE',
      Direction: 'ASC',
      PageNumber: '3',
      PageSize: '100',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        TaskStatus: ['90', '91'],
        Source: ['system', 'soar-manual'],
        YunCode: ['WAF'],
        TriggerSource: 'custom',
        EntityType: 'ip',
        EntityName: '1.2.3.4',
        EntityUuid: 'e-1',
        EventUuid: 'ev-1',
        TaskId: 't-1',
        ReqUuid: 'r-1',
        ProcessStrategyUuid: 's-1',
        SceneCode: 'sas_block_ip',
        Scope: '1234567890',
        ParamContent: 'bash -i',
        ProcessActionStart: 1700000000000,
        ProcessActionEnd: 1700000000999,
        ProcessRemoveStart: 1700000001000,
        ProcessRemoveEnd: 1700000002000,
        OrderField: 'gmtCreate',
        Direction: 'asc',
        PageNumber: 3,
        PageSize: 100,
      },
    });
  });

  it('accepts undocumented but well-formed codes (forward compatibility), as strings only', () => {
    expect(
      checkParams('DescribeProcessTasks', {
        TaskStatus: '["90","25"]',
        Source: '["soar-new"]',
        YunCode: '["DDoS"]',
        TriggerSource: 'soar-new',
      }),
    ).toEqual({
      ok: true,
      value: { TaskStatus: ['90', '25'], Source: ['soar-new'], YunCode: ['DDoS'], TriggerSource: 'soar-new' },
    });
  });

  it.each<[Record<string, string>, string]>([
    [{ TaskStatus: '[90, 25]' }, 'has an invalid item 90: each item must be a string, e.g. ["11","21"]'],
    [{ TaskStatus: '["90",90]' }, 'has an invalid item 90: each item must be a string, e.g. ["11","21"]'],
    [{ YunCode: '[["WAF"]]' }, 'each item must be a string, e.g. ["WAF","CFW"]'],
    [{ TaskStatus: '92' }, 'must be a JSON array of strings (status codes), e.g. ["11","21"]'],
    [{ TaskStatus: '90,91' }, 'must be a JSON array of strings (status codes), e.g. ["11","21"]'],
    [{ TaskStatus: '{"a":1}' }, 'must be a JSON array of strings (status codes), e.g. ["11","21"]'],
    [{ EntityType: 'host' }, 'must be one of ip, file, process'],
    [{ EntityType: 'IP' }, 'must be one of ip, file, process'],
    [
      { ProcessActionStart: '1700000000000', ProcessActionEnd: '1600000000000' },
      'The parameter ProcessActionStart (1700000000000) is after the parameter ProcessActionEnd (1600000000000)',
    ],
    [
      { ProcessRemoveStart: '1700000000001', ProcessRemoveEnd: '1700000000000' },
      'The parameter ProcessRemoveStart (1700000000001) is after the parameter ProcessRemoveEnd (1700000000000)',
    ],
  ])('%j → a message that says what is expected', (raw, message) => {
    const r = checkParams('DescribeProcessTasks', raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('a range with equal bounds, or only one bound, is accepted', () => {
    for (const raw of [
      { ProcessActionStart: '1700000000000', ProcessActionEnd: '1700000000000' },
      { ProcessRemoveStart: '1700000000000' },
      { ProcessActionEnd: '1600000000000', ProcessRemoveStart: '1700000000000' },
    ]) {
      expect(checkParams('DescribeProcessTasks', raw).ok).toBe(true);
    }
  });

  const bad: [string, Record<string, string | string[]>, string][] = [
    ['unknown parameter', { Foo: '1' }, 'Foo'],
    ['prototype key', JSON.parse('{"__proto__":"x"}') as Record<string, string>, '__proto__'],
    ['constructor key', { constructor: 'x' }, 'constructor'],
    ['repeated parameter', { PageSize: ['10', '20'] }, 'PageSize'],
    ['TaskStatus not JSON', { TaskStatus: '90,91' }, 'TaskStatus'],
    ['TaskStatus not an array', { TaskStatus: '{"a":1}' }, 'TaskStatus'],
    ['TaskStatus bad item', { TaskStatus: '["ninety"]' }, 'TaskStatus'],
    ['TaskStatus too many items', { TaskStatus: JSON.stringify(Array(51).fill('90')) }, 'TaskStatus'],
    ['Source bad item', { Source: '["<script>"]' }, 'Source'],
    ['YunCode object item', { YunCode: '[{"x":1}]' }, 'YunCode'],
    ['PageSize zero', { PageSize: '0' }, 'PageSize'],
    ['PageSize over max', { PageSize: '101' }, 'PageSize'],
    ['PageSize not a number', { PageSize: 'abc' }, 'PageSize'],
    ['PageSize negative', { PageSize: '-5' }, 'PageSize'],
    ['PageSize fractional', { PageSize: '1.5' }, 'PageSize'],
    ['PageNumber zero', { PageNumber: '0' }, 'PageNumber'],
    ['time with 10 digits', { ProcessActionStart: '1700000000' }, 'ProcessActionStart'],
    ['time as ISO string', { ProcessRemoveEnd: '2026-01-01T00:00:00Z' }, 'ProcessRemoveEnd'],
    ['OrderField unknown', { OrderField: 'entityName' }, 'OrderField'],
    ['Direction unknown', { Direction: 'up' }, 'Direction'],
    ['TriggerSource with spaces', { TriggerSource: 'a b' }, 'TriggerSource'],
    ['EntityName too long', { EntityName: 'x'.repeat(1025) }, 'EntityName'],
    ['TaskId with control characters', { TaskId: 'a\u0000b' }, 'TaskId'],
  ];
  it.each(bad)('%s → InvalidParameter naming the parameter', (_name, raw, param) => {
    const r = checkParams('DescribeProcessTasks', raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.param).toBe(param);
    expect(r.code).toBe('InvalidParameter');
    expect(r.message).toContain(param);
  });
});

describe('checkParams(DescribeEnumItems)', () => {
  it('requires EnumType', () => {
    const r = checkParams('DescribeEnumItems', {});
    expect(r).toMatchObject({ ok: false, param: 'EnumType', code: 'MissingParameter' });
  });
  it('accepts EnumType=process and Lang', () => {
    expect(checkParams('DescribeEnumItems', { EnumType: 'process', Lang: 'en' })).toEqual({
      ok: true,
      value: { EnumType: 'process', Lang: 'en' },
    });
  });
  it('refuses another EnumType', () => {
    expect(checkParams('DescribeEnumItems', { EnumType: 'alert' })).toMatchObject({
      ok: false,
      param: 'EnumType',
      code: 'InvalidParameter',
    });
  });
});

describe('response schemas', () => {
  it('keep unknown fields and allow missing optional ones', () => {
    const task = processTaskSchema.parse({ TaskId: 't', TaskStatus: 25, Extra: 'kept' });
    expect(task).toEqual({ TaskId: 't', TaskStatus: 25, Extra: 'kept' });
  });
  it('rejects a page without TotalCount', () => {
    const r = describeProcessTasksResponseSchema.safeParse({
      RequestId: 'r',
      ProcessTasks: [],
      Page: { PageNumber: 1, PageSize: 20 },
    });
    expect(r.success).toBe(false);
  });
});

describe('processTasksAnswerSchema: read as leniently as the SDK models', () => {
  it.each<[string, unknown, unknown]>([
    ['empty object', {}, { ProcessTasks: [] }],
    ['nulls everywhere', { RequestId: null, ProcessTasks: null, Page: null }, { ProcessTasks: [] }],
    ['task without TaskId', { ProcessTasks: [{ EntityName: 'x' }] }, { ProcessTasks: [{ EntityName: 'x' }] }],
    [
      'null fields dropped',
      { ProcessTasks: [{ TaskId: 'a', RemoveTime: null }] },
      { ProcessTasks: [{ TaskId: 'a' }] },
    ],
    [
      'unknown fields kept, at every level',
      { X: 1, ProcessTasks: [{ TaskId: 'a', Y: [1] }], Page: { TotalCount: 1, Z: 'z' } },
      { X: 1, ProcessTasks: [{ TaskId: 'a', Y: [1] }], Page: { TotalCount: 1, Z: 'z' } },
    ],
    [
      'hostile text stays text',
      { ProcessTasks: [{ TaskId: '<script>', ErrMsg: '=HYPERLINK("x")', EntityName: '\u202egnp.exe' }] },
      { ProcessTasks: [{ TaskId: '<script>', ErrMsg: '=HYPERLINK("x")', EntityName: '\u202egnp.exe' }] },
    ],
  ])('%s', (_name, body, expected) => {
    expect(processTasksAnswerSchema.parse(body)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    ['text', '(the body)'],
    [{ ProcessTasks: {} }, 'ProcessTasks'],
    [{ ProcessTasks: [1] }, 'ProcessTasks[0]'],
    [{ ProcessTasks: [{ TaskStatus: '90' }] }, 'ProcessTasks[0].TaskStatus'],
    [{ ProcessTasks: [{}, { InputParams: { a: 1 } }] }, 'ProcessTasks[1].InputParams'],
    [{ Page: { TotalCount: [] } }, 'Page.TotalCount'],
  ])('%j cannot be used: the problem names %s', (body, field) => {
    const r = processTasksAnswerSchema.safeParse(body);
    expect(r.success).toBe(false);
    if (!r.success) expect(responseProblem(r.error).field).toBe(field);
  });
});

describe('langOf: the Lang the SPA sends for its locale', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['zh', 'zh'],
    ['zh-CN', 'zh'],
  ])('%s → %s', (locale, lang) => {
    expect(langOf(locale)).toBe(lang);
  });
});
