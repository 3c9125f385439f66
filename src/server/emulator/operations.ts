/**
 * DescribeProcessStatistics, DescribeProcessTaskCount and DescribeSoarRecords over the
 * emulator's tasks, so every answer agrees with what DescribeProcessTasks returns for the
 * same data. The definitions are the emulator's own (the docs name the figures, not how
 * they are counted: UNVERIFIED, change here):
 * - TaskNum: every task of the account (DescribeProcessTasks' TotalCount with no filter);
 * - BanIpNum: distinct EntityName of `ip` tasks still blocking (TaskStatus 21);
 * - BanFileNum: distinct EntityUuid of `file` tasks still quarantined (TaskStatus 22);
 * - BanProcessNum: distinct EntityUuid of `process` tasks that terminated it (TaskStatus 20);
 * - a task count is the number of tasks whose EntityUuid is exactly the one asked; every
 *   UUID asked gets an entry, 0 when no task has it;
 * - a playbook run is behind every task whose Source is a playbook source (soar-manual,
 *   soar-mdr): the run's RequestUuid is the task's ReqUuid. RoleFor and RoleType are
 *   accepted and do not change the view (the emulator is one account's view).
 */
import { createHash } from 'node:crypto';
import type {
  DescribeProcessTaskCountParams,
  DescribeSoarRecordsParams,
  ProcessTask,
} from '../../shared/sophonsoar';
import { OPERATIONS } from '../../shared/catalogue';
import { PLAYBOOK_SOURCES } from './dataset';

export interface ProcessStatistics {
  TaskNum: number;
  BanIpNum: number;
  BanFileNum: number;
  BanProcessNum: number;
}

function distinct(
  tasks: readonly ProcessTask[],
  type: string,
  status: number,
  key: 'EntityName' | 'EntityUuid',
) {
  const seen = new Set<string>();
  for (const t of tasks) {
    const v = t[key];
    if (t.EntityType === type && t.TaskStatus === status && v !== undefined) seen.add(v);
  }
  return seen.size;
}

export function processStatistics(tasks: readonly ProcessTask[]): ProcessStatistics {
  return {
    TaskNum: tasks.length,
    BanIpNum: distinct(tasks, 'ip', 21, 'EntityName'),
    BanFileNum: distinct(tasks, 'file', 22, 'EntityUuid'),
    BanProcessNum: distinct(tasks, 'process', 20, 'EntityUuid'),
  };
}

export function processTaskCounts(
  tasks: readonly ProcessTask[],
  p: DescribeProcessTaskCountParams,
): { EntityUuid: string; Count: number }[] {
  const wanted = new Map<string, number>(p.EntityUuidList.map((u) => [u, 0]));
  for (const t of tasks) {
    const n = t.EntityUuid === undefined ? undefined : wanted.get(t.EntityUuid);
    if (n !== undefined) wanted.set(t.EntityUuid!, n + 1);
  }
  return [...wanted].map(([EntityUuid, Count]) => ({ EntityUuid, Count }));
}

export interface SoarRecord {
  RequestUuid: string;
  TaskName: string;
  Status: 'success' | 'fail' | 'running';
  TriggerType: string;
  TriggerUser?: string;
  StartTime: number;
  EndTime?: number;
  ErrorMsg?: string;
  RawEventReq: string;
  TaskflowMd5: string;
  OutputList: { ActionUuid: string; NodeName: string; Content: string }[];
}

const hash = (algo: 'sha256' | 'md5', ...parts: string[]) =>
  createHash(algo).update(parts.join('\u0000')).digest('hex');
const uuidFrom = (h: string) =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;

/** The playbook a scene's tasks run (one per scene code and playbook source). */
export const playbookUuid = (sceneCode: string, source: string) =>
  uuidFrom(hash('sha256', 'playbook', sceneCode, source));

/** The playbook run of one ReqUuid, from the tasks it started (oldest first). */
function recordOf(reqUuid: string, tasks: readonly ProcessTask[]): SoarRecord {
  const first = tasks[0]!;
  const source = first.Source ?? '';
  const playbook = playbookUuid(first.SceneCode ?? '', source);
  const running = tasks.some((t) => t.TaskStatus === 11);
  const failed = tasks.find((t) => t.TaskStatus === 90);
  const starts = tasks.map((t) => t.GmtCreateMillis).filter((v): v is number => v !== undefined);
  const ends = tasks.map((t) => t.ProcessTime).filter((v): v is number => v !== undefined);
  return {
    RequestUuid: reqUuid,
    TaskName: playbook,
    Status: running ? 'running' : failed ? 'fail' : 'success',
    // UNVERIFIED: a SOAR manual run is `manual`; the managed service's runs come through SIEM.
    TriggerType: source === 'soar-mdr' ? 'siem' : 'manual',
    ...(first.Scope !== undefined && { TriggerUser: first.Scope }),
    StartTime: starts.length ? Math.min(...starts) : 0,
    ...(!running && ends.length && { EndTime: Math.max(...ends) }),
    ...(failed?.ErrMsg !== undefined && { ErrorMsg: failed.ErrMsg }),
    RawEventReq: JSON.stringify({
      eventUuid: first.EventUuid,
      sceneCode: first.SceneCode,
      entities: tasks.map((t) => ({ name: t.EntityName, type: t.EntityType, uuid: t.EntityUuid })),
    }),
    TaskflowMd5: hash('md5', playbook),
    OutputList: tasks.map((t) => ({
      ActionUuid: uuidFrom(hash('sha256', 'action', t.TaskId)),
      NodeName: t.SceneName ?? t.SceneCode ?? 'response',
      Content: JSON.stringify({
        TaskId: t.TaskId,
        TaskStatus: t.TaskStatus,
        ...(t.ErrCode !== undefined && { ErrCode: t.ErrCode }),
      }),
    })),
  };
}

const recordsCache = new WeakMap<readonly ProcessTask[], SoarRecord[]>();

/** Every playbook run behind the tasks, newest start first (ties by RequestUuid). */
export function soarRecords(tasks: readonly ProcessTask[]): SoarRecord[] {
  const cached = recordsCache.get(tasks);
  if (cached) return cached;
  const byReq = new Map<string, ProcessTask[]>();
  for (const t of tasks) {
    if (!PLAYBOOK_SOURCES.has(t.Source ?? '') || t.ReqUuid === undefined) continue;
    const list = byReq.get(t.ReqUuid);
    if (list) list.push(t);
    else byReq.set(t.ReqUuid, [t]);
  }
  const records = [...byReq].map(([req, list]) =>
    recordOf(
      req,
      [...list].sort((a, b) => (a.GmtCreateMillis ?? 0) - (b.GmtCreateMillis ?? 0)),
    ),
  );
  records.sort((a, b) =>
    a.StartTime !== b.StartTime ? b.StartTime - a.StartTime : a.RequestUuid < b.RequestUuid ? -1 : 1,
  );
  recordsCache.set(tasks, records);
  return records;
}

const QUERY_STATUS = { success: 'success', failed: 'fail', inprogress: 'running' } as const;

/**
 * DescribeSoarRecords: exact-match filters on RequestUuid, PlaybookUuid (TaskName),
 * TaskStatus, TriggerType, TriggerUser and TaskflowMd5; QueryValue searches the run's
 * input (RawEventReq, case-insensitive); StartMillis/EndMillis bound the run's StartTime
 * and CompletedBeginTime/CompletedEndTime its EndTime, inclusive (UNVERIFIED). PageSize
 * omitted → 10 rows, as documented.
 */
export function querySoarRecords(tasks: readonly ProcessTask[], p: DescribeSoarRecordsParams) {
  const pageNumber = p.PageNumber ?? 1;
  const pageSize = p.PageSize ?? OPERATIONS.DescribeSoarRecords.pageSizeDefault;
  const needle = p.QueryValue?.toLowerCase();
  const keep = (r: SoarRecord) =>
    (!p.RequestUuid || r.RequestUuid === p.RequestUuid) &&
    (!p.PlaybookUuid || r.TaskName === p.PlaybookUuid) &&
    (!p.TaskStatus || r.Status === QUERY_STATUS[p.TaskStatus]) &&
    (!p.TriggerType || r.TriggerType === p.TriggerType) &&
    (!p.TriggerUser || r.TriggerUser === p.TriggerUser) &&
    (!p.TaskflowMd5 || r.TaskflowMd5 === p.TaskflowMd5) &&
    (!needle || r.RawEventReq.toLowerCase().includes(needle)) &&
    (p.StartMillis === undefined || r.StartTime >= p.StartMillis) &&
    (p.EndMillis === undefined || r.StartTime <= p.EndMillis) &&
    (p.CompletedBeginTime === undefined || (r.EndTime !== undefined && r.EndTime >= p.CompletedBeginTime)) &&
    (p.CompletedEndTime === undefined || (r.EndTime !== undefined && r.EndTime <= p.CompletedEndTime));
  const matching = soarRecords(tasks).filter(keep);
  const from = (pageNumber - 1) * pageSize;
  return {
    records: matching.slice(from, from + pageSize),
    page: { TotalCount: matching.length, PageNumber: pageNumber, PageSize: pageSize },
  };
}
