/**
 * "Stuck?": a task whose response action has not finished long after it started.
 *
 * The rule, and the fields it reads:
 * - `TaskStatus` 11 (处置中, "in progress": the action itself has not finished). Statuses 21
 *   and 22 (封禁中 / 隔离中) are blocks and quarantines in force, a state that lasts by design
 *   (its end shows as "blocked until"), so they are never stuck by this rule.
 * - `ProcessTime` (13-digit ms, when the action started; DescribeProcessTasks doc), or
 *   `GmtCreateMillis` when ProcessTime is absent.
 * - Stuck when `now − start > thresholdMs`. The same rule as an API query: TaskStatus
 *   `["11"]` with ProcessActionEnd = `now − thresholdMs` (ProcessTime at or before it), ordered
 *   by ProcessTime ascending (oldest first); a task without ProcessTime is counted by the
 *   row badge but not by that query, since the API filters on ProcessTime.
 */

/** The statuses the stuck rule applies to. */
export const STUCK_STATUSES = [11] as const;

/** The threshold when the analyst has not set one: 30 minutes, in ms. */
export const DEFAULT_STUCK_THRESHOLD_MS = 30 * 60_000;
/** Smallest and largest threshold the setting accepts, in ms (1 minute, 7 days). */
export const MIN_STUCK_THRESHOLD_MS = 60_000;
export const MAX_STUCK_THRESHOLD_MS = 7 * 24 * 60 * 60_000;

export interface StuckFields {
  TaskStatus?: number;
  ProcessTime?: number;
  GmtCreateMillis?: number;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** When the task's action started (ProcessTime, else GmtCreateMillis), in ms; undefined when neither is known. */
export function stuckSince(task: StuckFields): number | undefined {
  if (finite(task.ProcessTime)) return task.ProcessTime;
  if (finite(task.GmtCreateMillis)) return task.GmtCreateMillis;
  return undefined;
}

/** True when the task is in progress (11) and started more than `thresholdMs` before `now` (both ms). */
export function isStuck(task: StuckFields, now: number, thresholdMs: number): boolean {
  if (!STUCK_STATUSES.some((s) => s === task.TaskStatus)) return false;
  const since = stuckSince(task);
  return since !== undefined && now - since > thresholdMs;
}

/** A threshold in ms is usable: a whole number of minutes within the bounds. */
export function isStuckThreshold(v: unknown): v is number {
  return (
    finite(v) && v >= MIN_STUCK_THRESHOLD_MS && v <= MAX_STUCK_THRESHOLD_MS && Number.isInteger(v / 60_000)
  );
}
