/**
 * Live mode: on each tick new tasks arrive (ProcessTime = now) and in-progress tasks
 * (11, 21, 22) move on to final states. Deterministic from the seed for a given sequence
 * of ticks; the hostile records never change.
 */
import type { ProcessTask } from '../../shared/sophonsoar';
import { ACCOUNTS, SCENES, SOURCE_WEIGHTS, UNDO_FAILURES, failuresOf, type Scene } from './catalog';
import type { TaskFactory } from './dataset';
import { HOSTILE_TASK_IDS } from './hostile';
import { TRIAGE_TASK_IDS } from './triage';
import type { Rng } from './prng';
import type { TaskIndex } from './query-engine';

// The fixed records (hostile and triage cases) never change: tests rely on their answers.
const hostileIds = new Set<string>([...Object.values(HOSTILE_TASK_IDS), ...Object.values(TRIAGE_TASK_IDS)]);
const sceneOf = new Map<string, Scene>(SCENES.map((s) => [s.code, s]));
const ERROR_KEYS = ['ErrCode', 'ErrMsg', 'ErrTip', 'RemoveTime'] as const;

export function liveTick(index: TaskIndex, factory: TaskFactory, rng: Rng, now: number): void {
  const tasks = [...index.all()];
  const inProgress: number[] = [];
  tasks.forEach((t, i) => {
    if (!hostileIds.has(t.TaskId) && (t.TaskStatus === 11 || t.TaskStatus === 21 || t.TaskStatus === 22))
      inProgress.push(i);
  });
  // Tasks just started mostly settle on the next tick; active blocks and quarantines are
  // lifted only now and then.
  const longRunning = inProgress.filter((i) => tasks[i]!.TaskStatus !== 11);
  const liftCount = Math.min(longRunning.length, rng.int(0, 2));
  const lifted = new Set<number>();
  for (let n = 0; n < liftCount; n++) lifted.add(longRunning[rng.int(0, longRunning.length - 1)]!);
  for (const i of inProgress) {
    const t = tasks[i]!;
    // Every regular task has a scene of the catalogue (the hostile ones were left out above).
    const scene = sceneOf.get(t.SceneCode ?? '');
    if (scene === undefined) continue;
    if (t.TaskStatus === 11) {
      if (rng.chance(0.7)) tasks[i] = settle(t, scene, rng, now);
    } else if (lifted.has(i)) {
      tasks[i] = lift(t, scene, rng, now);
    }
  }
  const arrivals = rng.weighted([
    [0, 30],
    [1, 45],
    [2, 20],
    [3, 5],
  ] as const);
  for (let n = 0; n < arrivals; n++) {
    const scene = rng.weighted(SCENES.map((s) => [s, s.weight] as const));
    const task = factory.task(rng, {
      scene,
      source: rng.weighted(SOURCE_WEIGHTS),
      scope: rng.weighted(ACCOUNTS),
      eventUuid: rng.uuid(),
      createdAt: now - rng.int(0, 1500),
      now,
    });
    for (const k of ERROR_KEYS) delete task[k];
    tasks.push({ ...task, TaskStatus: 11, ProcessTime: now, GmtModifiedMillis: now });
  }
  index.replace(tasks);
}

function settle(t: ProcessTask, scene: Scene, rng: Rng, now: number): ProcessTask {
  const { kind } = scene;
  if (rng.chance(0.07))
    return { ...t, TaskStatus: 90, ...rng.pick(failuresOf(scene)), GmtModifiedMillis: now };
  if (kind !== 'kill' && rng.chance(0.04)) return { ...t, TaskStatus: 24, GmtModifiedMillis: now };
  const status = kind === 'block' ? 21 : kind === 'isolate' ? 22 : 20;
  return { ...t, TaskStatus: status, GmtModifiedMillis: now };
}

function lift(t: ProcessTask, scene: Scene, rng: Rng, now: number): ProcessTask {
  if (rng.chance(0.07)) {
    const status = t.TaskStatus === 21 ? 91 : 92;
    return { ...t, TaskStatus: status, ...UNDO_FAILURES[scene.yunCode], GmtModifiedMillis: now };
  }
  return { ...t, TaskStatus: 23, RemoveTime: now, GmtModifiedMillis: now };
}
