/**
 * Deterministic fake response tasks: the same seed and task count always give the same
 * dataset, with every time relative to the start-up clock.
 */
import { createHash } from 'node:crypto';
import type { ProcessTask } from '../../shared/sophonsoar';
import {
  ACCOUNTS,
  CREATORS_BY_SOURCE,
  failuresOf,
  FILE_PATHS,
  PROCESSES,
  SCENES,
  SOURCE_WEIGHTS,
  UNDO_FAILURES,
  type Scene,
} from './catalog';
import { hostileTasks } from './hostile';
import { triageTasks } from './triage';
import { createRng, deriveSeed, type Rng } from './prng';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const DATA_WINDOW_MS = 30 * DAY;

/** Block durations in seconds; -1 is permanent. */
const BLOCK_DURATIONS: readonly (readonly [number, number])[] = [
  [3600, 20],
  [6 * 3600, 15],
  [86400, 30],
  [7 * 86400, 20],
  [30 * 86400, 10],
  [-1, 5],
];

interface Entity {
  name: string;
  uuid: string;
  scene: Scene;
  inputParams: Record<string, unknown>;
}

/**
 * Shared pools (strategies, events, entities) plus the rules that turn a scene and a
 * time into a consistent task. Live mode reuses it with its own random stream.
 */
export class TaskFactory {
  private readonly strategies = new Map<string, string[]>();
  private readonly usedIds = new Set<string>();

  constructor(private readonly rng: Rng) {
    for (const s of SCENES) this.strategies.set(s.code, [rng.uuid(), rng.uuid()]);
  }

  reserveIds(ids: Iterable<string>): void {
    for (const id of ids) this.usedIds.add(id);
  }

  private taskId(rng: Rng): string {
    let id = rng.uuid();
    while (this.usedIds.has(id)) id = rng.uuid();
    this.usedIds.add(id);
    return id;
  }

  private entity(rng: Rng, scene: Scene): Entity {
    const instance =
      scene.yunCode === 'WAF'
        ? `waf_v3prepaid_public_intl-sg-${rng.hex(10)}`
        : scene.yunCode === 'CFW'
          ? `cfw_elasticity_public_intl-${rng.hex(10)}`
          : `i-t4n${rng.hex(17)}`;
    if (scene.entityType === 'ip') {
      const ip = `${rng.pick([45, 47, 61, 91, 103, 113, 139, 185, 193, 218, 222])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
      return {
        name: ip,
        uuid: rng.uuid(),
        scene,
        inputParams: { ip, instanceId: instance, direction: scene.code.includes('outbound') ? 'out' : 'in' },
      };
    }
    if (scene.entityType === 'file') {
      const path = rng.pick(FILE_PATHS);
      const md5 = rng.hex(32);
      return {
        name: path,
        uuid: rng.uuid(),
        scene,
        inputParams: { filePath: path, md5, instanceId: instance },
      };
    }
    const [name, cmdline] = rng.pick(PROCESSES);
    return {
      name,
      uuid: rng.uuid(),
      scene,
      inputParams: { processName: name, pid: rng.int(300, 65000), cmdline, instanceId: instance },
    };
  }

  /** One incident: an event that leads to 1-4 response tasks close together in time. */
  incident(rng: Rng, createdAt: number, now: number, maxTasks: number): ProcessTask[] {
    const scene = rng.weighted(SCENES.map((s) => [s, s.weight] as const));
    const source = rng.weighted(SOURCE_WEIGHTS);
    const scope = rng.weighted(ACCOUNTS);
    const eventUuid = rng.uuid();
    const count = Math.min(
      maxTasks,
      rng.weighted([
        [1, 60],
        [2, 25],
        [3, 10],
        [4, 5],
      ] as const),
    );
    const out: ProcessTask[] = [];
    let t = createdAt;
    for (let i = 0; i < count && t <= now; i++) {
      out.push(this.task(rng, { scene, source, scope, eventUuid, createdAt: t, now }));
      t += rng.int(1000, 90_000);
    }
    return out;
  }

  task(
    rng: Rng,
    o: { scene: Scene; source: string; scope: string; eventUuid: string; createdAt: number; now: number },
  ): ProcessTask {
    const { scene, source, now } = o;
    const entity = this.entity(rng, scene);
    const gmtCreate = Math.min(o.createdAt, now);
    const processTime = Math.min(now, gmtCreate + rng.int(200, 8000));
    const strategy = rng.pick(this.strategies.get(scene.code)!);
    const input: Record<string, unknown> = { ...entity.inputParams, strategyUuid: strategy };
    const task: ProcessTask = {
      TaskId: this.taskId(rng),
      Creator: rng.pick(CREATORS_BY_SOURCE[source] ?? ['system']),
      GmtCreateMillis: gmtCreate,
      GmtModifiedMillis: processTime,
      YunCode: scene.yunCode,
      EntityName: entity.name,
      EntityType: scene.entityType,
      TaskStatus: 11,
      Scope: o.scope,
      InputParams: '',
      SceneCode: scene.code,
      SceneName: scene.en,
      ProcessTime: processTime,
      ProcessStrategyUuid: strategy,
      Source: source,
      EntityUuid: entity.uuid,
      EventUuid: o.eventUuid,
      ReqUuid: rng.uuid(),
      TriggerSource: source,
    };
    const recent = now - processTime < 2 * MINUTE;
    // Most tasks settle within seconds; about 1 % hang in progress (agent offline, timeouts).
    const inProgress = () => (recent && rng.chance(0.5)) || rng.chance(0.01);
    const fail = (status: number, err: { ErrCode: string; ErrMsg: string; ErrTip: string }, at: number) => {
      Object.assign(task, { TaskStatus: status, ...err, GmtModifiedMillis: Math.min(now, at) });
    };
    if (scene.kind === 'block') {
      const duration = rng.weighted(BLOCK_DURATIONS);
      input.blockDuration = duration;
      if (inProgress()) task.TaskStatus = 11;
      else if (rng.chance(0.06)) fail(90, rng.pick(failuresOf(scene)), processTime + rng.int(500, 20_000));
      else if (rng.chance(0.04))
        Object.assign(task, { TaskStatus: 24, GmtModifiedMillis: processTime + 300 });
      else if (duration > 0 && processTime + duration * 1000 < now) {
        const unblockAt = processTime + duration * 1000 + rng.int(0, 30_000);
        if (rng.chance(0.07)) fail(91, UNDO_FAILURES[scene.yunCode], unblockAt);
        else Object.assign(task, { TaskStatus: 23, RemoveTime: Math.min(now, unblockAt) });
      } else task.TaskStatus = 21;
    } else if (scene.kind === 'isolate') {
      if (inProgress()) task.TaskStatus = 11;
      else if (rng.chance(0.07)) fail(90, rng.pick(failuresOf(scene)), processTime + rng.int(500, 20_000));
      else if (rng.chance(0.03))
        Object.assign(task, { TaskStatus: 24, GmtModifiedMillis: processTime + 300 });
      else {
        // Analysts restore a minority of quarantined files (false positives).
        const restoreAt = processTime + rng.int(HOUR, 5 * DAY);
        if (rng.chance(0.15) && restoreAt < now) {
          if (rng.chance(0.1)) fail(92, UNDO_FAILURES[scene.yunCode], restoreAt);
          else Object.assign(task, { TaskStatus: 23, RemoveTime: restoreAt });
        } else task.TaskStatus = 22;
      }
    } else {
      if (inProgress()) task.TaskStatus = 11;
      else if (rng.chance(0.08)) fail(90, rng.pick(failuresOf(scene)), processTime + rng.int(500, 20_000));
      else task.TaskStatus = 20;
    }
    if (task.TaskStatus !== 11 && task.GmtModifiedMillis === processTime) {
      task.GmtModifiedMillis = Math.min(now, processTime + rng.int(300, 5000));
    }
    if (task.RemoveTime !== undefined) task.GmtModifiedMillis = task.RemoveTime;
    task.InputParams = JSON.stringify(input);
    return Object.assign(task, provenanceFields(task));
  }
}

/** Sources whose tasks a playbook run started (SOAR manual run, managed security service). */
export const PLAYBOOK_SOURCES: ReadonlySet<string> = new Set(['soar-manual', 'soar-mdr']);
/** Sources whose tasks an alert raised (directly or through the analyst's playbook run). */
const ALERT_SOURCES: ReadonlySet<string> = new Set(['custom_alert', 'soar-manual', 'soar-mdr']);
/** Sources whose tasks an automatic response rule started. */
const RULE_SOURCES: ReadonlySet<string> = new Set(['custom', 'custom_alert']);

/** Hex digest of `parts`: IDs derived from other fields, so they take nothing from the data's random stream. */
function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
const uuidFrom = (h: string) =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
/** A 9–10 digit decimal ID (Security Center alert and rule IDs are numbers). */
const numericIdFrom = (h: string) => String(100_000_000 + (parseInt(h.slice(0, 12), 16) % 9_000_000_000));

/**
 * The fields the newest SDK models filter on (UNVERIFIED that answers carry them; the
 * emulator's tasks do, so its filters have something to match), derived from the task:
 * - AlertId: tasks an alert raised (custom_alert, soar-manual, soar-mdr); one alert per
 *   event, so every task of an incident carries the same AlertId;
 * - ResponseRuleId: tasks an automatic response rule started (custom, custom_alert); one
 *   rule per handling policy and source;
 * - ExecuteUuid: every task but a manual one (system); one execution per playbook run
 *   (ReqUuid) or per rule execution.
 */
export function provenanceFields(
  t: Pick<ProcessTask, 'Source' | 'EventUuid' | 'ProcessStrategyUuid' | 'ReqUuid' | 'TaskId'>,
): Pick<ProcessTask, 'AlertId' | 'ResponseRuleId' | 'ExecuteUuid'> {
  const source = t.Source ?? '';
  const out: Pick<ProcessTask, 'AlertId' | 'ResponseRuleId' | 'ExecuteUuid'> = {};
  if (ALERT_SOURCES.has(source)) out.AlertId = numericIdFrom(digest('alert', t.EventUuid ?? t.TaskId));
  if (RULE_SOURCES.has(source))
    out.ResponseRuleId = numericIdFrom(digest('rule', t.ProcessStrategyUuid ?? '', source));
  if (source !== 'system') out.ExecuteUuid = uuidFrom(digest('execute', t.ReqUuid ?? t.TaskId));
  return out;
}

/**
 * Activity follows a daily rhythm (busier for ten hours, quiet at night). The rhythm is
 * measured from the start of the window, not the wall clock, so the same seed gives the
 * same dataset, merely shifted, whenever it starts.
 */
function diurnalTime(rng: Rng, start: number, end: number): number {
  for (;;) {
    const t = start + Math.floor(rng.next() * (end - start));
    const hour = Math.floor((t - start) / HOUR) % 24;
    const weight = hour >= 9 && hour < 19 ? 1 : hour >= 7 && hour < 23 ? 0.7 : 0.45;
    if (rng.next() < weight) return t;
  }
}

export interface Dataset {
  tasks: ProcessTask[];
  factory: TaskFactory;
}

/**
 * `count` tasks in total (the hostile and edge records and the triage cases included, so
 * at least that many) over the 30 days before `now`.
 */
export function generateDataset(seed: number, count: number, now: number): Dataset {
  const rng = createRng(deriveSeed(seed, 'data'));
  const factory = new TaskFactory(rng);
  // The fixed records: the hostile ones, then the triage cases (triage.ts).
  const hostile = [...hostileTasks(now), ...triageTasks(now)];
  factory.reserveIds(hostile.map((t) => t.TaskId));
  const regular = Math.max(0, count - hostile.length);
  const tasks: ProcessTask[] = [];
  const start = now - DATA_WINDOW_MS;
  const end = now - 10_000;
  while (tasks.length < regular) {
    tasks.push(...factory.incident(rng, diurnalTime(rng, start, end), end, regular - tasks.length));
  }
  tasks.push(...hostile);
  return { tasks, factory };
}
