import { describe, expect, it } from 'vitest';
import { checkParams, type DescribeProcessTasksQuery, type ProcessTask } from '../../shared/sophonsoar';
import { TaskIndex, queryProcessTasks } from './query-engine';

const T0 = 1_700_000_000_000;
const task = (id: string, over: Partial<ProcessTask>): ProcessTask => ({
  TaskId: id,
  GmtCreateMillis: T0,
  GmtModifiedMillis: T0 + 10,
  ProcessTime: T0 + 5,
  TaskStatus: 21,
  YunCode: 'WAF',
  Source: 'system',
  TriggerSource: 'system',
  EntityType: 'ip',
  EntityName: '203.0.113.1',
  EntityUuid: `ent-${id}`,
  EventUuid: 'evt-1',
  ReqUuid: `req-${id}`,
  ProcessStrategyUuid: 'strat-1',
  SceneCode: 'waf_ip_block',
  SceneName: 'WAF: block attacking IP',
  Scope: '111',
  InputParams: '{"ip":"203.0.113.1"}',
  ...over,
});

// Small, hand-made dataset: every filter has a task that matches and one that doesn't.
const DATA: ProcessTask[] = [
  task('a', { GmtCreateMillis: T0 + 1000, ProcessTime: T0 + 1005, TaskStatus: 23, RemoveTime: T0 + 5000 }),
  task('b', {
    GmtCreateMillis: T0 + 2000,
    ProcessTime: T0 + 2005,
    YunCode: 'CFW',
    Source: 'custom',
    TriggerSource: 'custom',
  }),
  task('c', {
    GmtCreateMillis: T0 + 3000,
    ProcessTime: T0 + 3005,
    YunCode: 'Aegis',
    EntityType: 'file',
    EntityName: '/tmp/Miner.sh',
    SceneCode: 'aegis_file_quarantine',
    SceneName: 'Quarantine FILE',
    TaskStatus: 22,
    Scope: '222',
    InputParams: '{"md5":"ABCDEF"}',
  }),
  task('d', {
    GmtCreateMillis: T0 + 3000,
    ProcessTime: T0 + 3006,
    TaskStatus: 90,
    ErrCode: 'x',
    EventUuid: 'evt-2',
  }),
  task('e', {
    GmtCreateMillis: T0 + 4000,
    ProcessTime: T0 + 4005,
    TaskStatus: 23,
    RemoveTime: T0 + 4500,
    Source: 'soar-manual',
  }),
  { TaskId: 'f' }, // no times at all
  task('g', {
    GmtCreateMillis: T0 + 500,
    ProcessTime: T0 + 505,
    TaskStatus: 25,
    YunCode: 'DDoS',
    ProcessStrategyUuid: 'strat-2',
    ReqUuid: 'req-g\n',
  }),
];
const index = new TaskIndex(DATA);

function run(query: DescribeProcessTasksQuery) {
  const p = checkParams('DescribeProcessTasks', query);
  if (!p.ok) throw new Error(p.message);
  return queryProcessTasks(index, p.value);
}
const ids = (query: DescribeProcessTasksQuery) => run(query).tasks.map((t) => t.TaskId);

describe('filters (default order: gmtCreate desc, missing last)', () => {
  it.each<[string, DescribeProcessTasksQuery, string[]]>([
    ['no filter', {}, ['e', 'd', 'c', 'b', 'a', 'g', 'f']],
    ['TaskStatus', { TaskStatus: '["23","25"]' }, ['e', 'a', 'g']],
    // Numbers ([90]) are refused by checkParams since items must be JSON strings.
    ['TaskStatus one code', { TaskStatus: '["90"]' }, ['d']],
    ['TaskStatus empty list = no filter', { TaskStatus: '[]' }, ['e', 'd', 'c', 'b', 'a', 'g', 'f']],
    ['Source', { Source: '["custom","soar-manual"]' }, ['e', 'b']],
    ['YunCode', { YunCode: '["Aegis","DDoS"]' }, ['c', 'g']],
    ['TriggerSource', { TriggerSource: 'custom' }, ['b']],
    ['EntityType', { EntityType: 'file' }, ['c']],
    ['EntityName exact', { EntityName: '/tmp/Miner.sh' }, ['c']],
    ['EntityName is not a substring match', { EntityName: '/tmp' }, []],
    ['EntityUuid', { EntityUuid: 'ent-b' }, ['b']],
    ['EventUuid', { EventUuid: 'evt-2' }, ['d']],
    ['TaskId', { TaskId: 'g' }, ['g']],
    ['ReqUuid with its trailing newline', { ReqUuid: 'req-g\n' }, ['g']],
    ['ReqUuid without it', { ReqUuid: 'req-g' }, []],
    ['ProcessStrategyUuid', { ProcessStrategyUuid: 'strat-2' }, ['g']],
    ['SceneCode', { SceneCode: 'aegis_file_quarantine' }, ['c']],
    ['Scope', { Scope: '222' }, ['c']],
    ['empty exact filter = no filter', { Scope: '' }, ['e', 'd', 'c', 'b', 'a', 'g', 'f']],
    ['ParamContent in EntityName, any case', { ParamContent: 'miner' }, ['c']],
    ['ParamContent in SceneName', { ParamContent: 'quarantine file' }, ['c']],
    ['ParamContent in SceneCode', { ParamContent: 'AEGIS_FILE' }, ['c']],
    ['ParamContent in InputParams', { ParamContent: 'abcdef' }, ['c']],
    ['ParamContent no match', { ParamContent: 'nothing-like-this' }, []],
    [
      'ProcessAction bounds are inclusive',
      { ProcessActionStart: String(T0 + 2005), ProcessActionEnd: String(T0 + 3005) },
      ['c', 'b'],
    ],
    ['ProcessActionStart only', { ProcessActionStart: String(T0 + 3006) }, ['e', 'd']],
    ['ProcessActionEnd only', { ProcessActionEnd: String(T0 + 1005) }, ['a', 'g']],
    [
      'ProcessRemove bounds are inclusive, tasks without RemoveTime excluded',
      { ProcessRemoveStart: String(T0 + 4500), ProcessRemoveEnd: String(T0 + 5000) },
      ['e', 'a'],
    ],
    ['ProcessRemoveEnd only', { ProcessRemoveEnd: String(T0 + 4500) }, ['e']],
    ['filters combine with AND', { TaskStatus: '["23"]', Source: '["system"]' }, ['a']],
  ])('%s', (_name, query, expected) => {
    expect(ids(query)).toEqual(expected);
    expect(run(query).totalCount).toBe(expected.length);
  });
});

describe('ordering', () => {
  it.each<[string, DescribeProcessTasksQuery, string[]]>([
    [
      'gmtCreate asc, ties by TaskId asc',
      { OrderField: 'gmtCreate', Direction: 'asc' },
      ['g', 'a', 'b', 'c', 'd', 'e', 'f'],
    ],
    [
      'gmtCreate desc, ties by TaskId desc',
      { OrderField: 'gmtCreate', Direction: 'desc' },
      ['e', 'd', 'c', 'b', 'a', 'g', 'f'],
    ],
    [
      'OrderField is case-insensitive',
      { OrderField: 'GMTCREATE', Direction: 'ASC' },
      ['g', 'a', 'b', 'c', 'd', 'e', 'f'],
    ],
    ['processTime asc', { OrderField: 'processTime', Direction: 'asc' }, ['g', 'a', 'b', 'c', 'd', 'e', 'f']],
    [
      'gmtModified desc: all equal, so TaskId desc',
      { OrderField: 'gmtModified' },
      ['g', 'e', 'd', 'c', 'b', 'a', 'f'],
    ],
    [
      'removeTime desc: tasks without it last',
      { OrderField: 'removeTime' },
      ['a', 'e', 'g', 'f', 'd', 'c', 'b'],
    ],
    [
      'removeTime asc: tasks without it still last',
      { OrderField: 'removeTime', Direction: 'asc' },
      ['e', 'a', 'b', 'c', 'd', 'f', 'g'],
    ],
  ])('%s', (_name, query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe('paging', () => {
  it.each<[DescribeProcessTasksQuery, string[], number, number]>([
    [{ PageSize: '2' }, ['e', 'd'], 1, 2],
    [{ PageSize: '2', PageNumber: '2' }, ['c', 'b'], 2, 2],
    [{ PageSize: '2', PageNumber: '4' }, ['f'], 4, 2],
    [{ PageSize: '2', PageNumber: '5' }, [], 5, 2],
    [{ PageNumber: '1000' }, [], 1000, 10],
    // PageSize omitted → 10 rows, as the doc says.
    [{}, ['e', 'd', 'c', 'b', 'a', 'g', 'f'], 1, 10],
  ])('%j', (query, expected, pageNumber, pageSize) => {
    expect(run(query)).toMatchObject({ totalCount: 7, pageNumber, pageSize });
    expect(ids(query)).toEqual(expected);
  });

  it('pages never overlap and cover every task once', () => {
    const seen = [1, 2, 3, 4].flatMap((n) =>
      ids({ PageSize: '2', PageNumber: String(n), OrderField: 'gmtCreate' }),
    );
    expect(seen).toEqual(ids({ PageSize: '100' }));
  });
});

describe('bad parameters are refused before the engine, naming the parameter', () => {
  it.each<[DescribeProcessTasksQuery & Record<string, string>, string]>([
    [{ TaskStatus: '23' }, 'TaskStatus'],
    [{ TaskStatus: '["x"]' }, 'TaskStatus'],
    [{ Source: '{"a":1}' }, 'Source'],
    [{ YunCode: 'WAF' }, 'YunCode'],
    [{ OrderField: 'entityName' }, 'OrderField'],
    [{ Direction: 'up' }, 'Direction'],
    [{ PageSize: '0' }, 'PageSize'],
    [{ PageSize: '101' }, 'PageSize'],
    [{ PageNumber: '-1' }, 'PageNumber'],
    [{ ProcessActionStart: 'yesterday' }, 'ProcessActionStart'],
    [{ ProcessRemoveEnd: '1700000000' }, 'ProcessRemoveEnd'],
    [{ Unknown: 'x' }, 'Unknown'],
  ])('%j', (query, name) => {
    const p = checkParams('DescribeProcessTasks', query);
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.param).toBe(name);
      expect(p.message).toContain(name);
    }
  });
});

describe('caches follow data changes', () => {
  it('replace() drops the sorted orders', () => {
    const idx = new TaskIndex([task('x', { GmtCreateMillis: 1 })]);
    const p = checkParams('DescribeProcessTasks', {});
    if (!p.ok) throw new Error();
    expect(queryProcessTasks(idx, p.value).tasks.map((t) => t.TaskId)).toEqual(['x']);
    idx.replace([...idx.all(), task('y', { GmtCreateMillis: 2 })]);
    expect(queryProcessTasks(idx, p.value).tasks.map((t) => t.TaskId)).toEqual(['y', 'x']);
  });
});
