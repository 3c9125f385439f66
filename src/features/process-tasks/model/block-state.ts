/**
 * "Is it still blocked?": what a blocking, quarantining or whitelisting task says about its
 * entity, computed from the task alone. The fields read, and nothing else:
 *
 * - `TaskStatus`: 21 blocked / 22 quarantined (in force; Alibaba: "being blocked", "being
 *   quarantined", 封禁中 / 隔离中), 23 ended, 24 whitelisted, 91 unblock failed / 92 restore
 *   failed ("restoring quarantined files failed", 解除隔离失败): the undo was tried and
 *   failed, so the block is still in force as far as the task says;
 * - `EntityType`: `ip` is blocked and unblocked; `file` and `process` are quarantined and
 *   restored (隔离 / 解除隔离; the words follow);
 * - `ProcessTime` (13-digit ms): when the block took effect;
 * - `RemoveTime` (13-digit ms): when it was lifted (absent before an unblock);
 * - `GmtModifiedMillis` (13-digit ms): for 91 and 92, the time of the failed attempt (the
 *   task's last change; UNVERIFIED that Alibaba sets it then, the emulator does);
 * - `InputParams` (a JSON string): its top-level `blockDuration` in seconds (-1 means
 *   permanent), the key the API's own samples and the emulator use. Other keys are not
 *   guessed at.
 *
 * "Blocked until" = ProcessTime + blockDuration × 1000. Without ProcessTime or a
 * duration the end is `unknown`: the data does not say, and nothing is assumed.
 */
import { inputParamsObject } from './input-params';

/** The InputParams keys read for the block's length, in seconds; -1 is permanent. */
export const DURATION_KEYS = ['blockDuration'] as const;

export type BlockVerb = 'block' | 'quarantine';

export type BlockState =
  /** In force (21, 22) with a known end; `passed` when that end lies before `now`. */
  | { kind: 'until'; verb: BlockVerb; until: number; passed: boolean }
  /** In force with blockDuration -1. */
  | { kind: 'permanent'; verb: BlockVerb }
  /** Lifted at `at` (RemoveTime). */
  | { kind: 'released'; verb: BlockVerb; at: number }
  /** 91/92: the undo failed at `attemptAt` (unknown when GmtModifiedMillis is missing). */
  | { kind: 'releaseFailed'; verb: BlockVerb; attemptAt: number | undefined; until: number | undefined }
  /** 24: the entity is whitelisted, since `since` when ProcessTime is known. */
  | { kind: 'whitelisted'; since: number | undefined }
  /**
   * A block-type task whose data does not say until when (`ended` false: in force), or
   * when it was lifted (`ended` true: status 23 without RemoveTime).
   */
  | { kind: 'unknown'; verb: BlockVerb; ended: boolean };

export interface BlockFields {
  TaskStatus?: number;
  EntityType?: string;
  ProcessTime?: number;
  RemoveTime?: number;
  GmtModifiedMillis?: number;
  InputParams?: string;
}

/**
 * Whether a task's RemoveTime lifted a block (`block`: an IP unblocked, 解封) or a quarantine
 * (`quarantine`: a file or process restored, 解除隔离), in the words of TaskStatus 91/92:
 * by EntityType as `blockState` reads it, else by the status (21, 91 block; 22, 92 quarantine);
 * undefined when neither says.
 */
export function removalVerb(task: Pick<BlockFields, 'TaskStatus' | 'EntityType'>): BlockVerb | undefined {
  if (task.TaskStatus === 92) return 'quarantine';
  if (task.EntityType === 'file' || task.EntityType === 'process') return 'quarantine';
  if (task.EntityType === 'ip') return 'block';
  if (task.TaskStatus === 21 || task.TaskStatus === 91) return 'block';
  if (task.TaskStatus === 22) return 'quarantine';
  return undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The block's length in seconds from InputParams (`blockDuration`), -1 for permanent;
 * undefined when InputParams is empty, not JSON, not an object or has no such number.
 */
export function blockDurationSeconds(inputParams: string | undefined): number | undefined {
  const v = inputParamsObject(inputParams);
  if (v === undefined) return undefined;
  for (const key of DURATION_KEYS) {
    const d = num(v[key]);
    if (d !== undefined && (d === -1 || d > 0)) return d;
  }
  return undefined;
}

/**
 * What the task says about its entity at `now` (ms); undefined for tasks that neither
 * block, quarantine nor whitelist (in progress, succeeded, failed, unknown codes).
 */
export function blockState(task: BlockFields, now: number): BlockState | undefined {
  const verb: BlockVerb =
    task.EntityType === 'file' || task.EntityType === 'process' ? 'quarantine' : 'block';
  const start = num(task.ProcessTime);
  const removed = num(task.RemoveTime);
  // InputParams is parsed only for the statuses whose state needs the duration (a table
  // row asks for every task, most of which are not blocks).
  const timing = () => {
    const duration = blockDurationSeconds(task.InputParams);
    const end =
      start !== undefined && duration !== undefined && duration > 0 ? start + duration * 1000 : undefined;
    return { duration, end };
  };
  switch (task.TaskStatus) {
    case 21:
    case 22: {
      if (removed !== undefined) return { kind: 'released', verb, at: removed };
      const { duration, end } = timing();
      if (duration === -1) return { kind: 'permanent', verb };
      if (end !== undefined) return { kind: 'until', verb, until: end, passed: end < now };
      return { kind: 'unknown', verb, ended: false };
    }
    case 23:
      if (removed !== undefined) return { kind: 'released', verb, at: removed };
      return { kind: 'unknown', verb, ended: true };
    case 24:
      return { kind: 'whitelisted', since: start };
    case 91:
    case 92: {
      const { duration, end } = timing();
      return {
        kind: 'releaseFailed',
        verb: task.TaskStatus === 92 ? 'quarantine' : verb,
        attemptAt: num(task.GmtModifiedMillis),
        until: duration === -1 ? undefined : end,
      };
    }
    default:
      return undefined;
  }
}
