/**
 * How long a task took to process and how long its entity has been blocked, from the task
 * alone (DescribeProcessTasks fields, 13-digit ms):
 *
 * - Time to process = `ProcessTime − GmtCreateMillis` (from the task's creation to the
 *   start of its response action).
 * - Time blocked = `RemoveTime − ProcessTime` once the block was lifted; while the block is
 *   in force as model/block-state.ts reads it (21/22 without RemoveTime, whatever the end
 *   says; 91/92 whose undo failed) it is `now − ProcessTime`, marked `ongoing`. Tasks that
 *   neither block nor quarantine (and whitelists) have no time blocked.
 *
 * A field that is missing gives `missing` (shown "—"); a negative difference (RemoveTime
 * before ProcessTime, ProcessTime before creation) gives `unknown`: the data contradicts
 * itself and nothing is guessed. Never NaN.
 */
import { blockState, type BlockFields } from './block-state';

export interface DurationFields extends BlockFields {
  GmtCreateMillis?: number;
}

export type TaskDuration =
  /** `ms` ≥ 0; `ongoing` when the block is still in force (counted up to `now`). */
  | { kind: 'known'; ms: number; ongoing: boolean; permanent: boolean }
  /** The fields contradict each other (a negative difference). */
  | { kind: 'unknown' }
  /** A field it needs is absent, or the task does not block anything. */
  | { kind: 'missing' };

/** The two duration columns (their ids in the table, the column chooser and the drawer). */
export const DURATION_COLUMN_IDS = ['TimeToProcess', 'TimeBlocked'] as const;
export type DurationColumnId = (typeof DURATION_COLUMN_IDS)[number];

export const isDurationColumn = (id: string): id is DurationColumnId =>
  (DURATION_COLUMN_IDS as readonly string[]).includes(id);

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const MISSING: TaskDuration = { kind: 'missing' };

function between(from: number | undefined, to: number | undefined, ongoing = false, permanent = false) {
  if (from === undefined || to === undefined) return MISSING;
  const ms = to - from;
  return ms < 0 ? ({ kind: 'unknown' } as const) : ({ kind: 'known', ms, ongoing, permanent } as const);
}

/** ProcessTime − GmtCreateMillis, in ms. */
export function timeToProcess(task: DurationFields): TaskDuration {
  return between(num(task.GmtCreateMillis), num(task.ProcessTime));
}

/** RemoveTime − ProcessTime, or `now` − ProcessTime while the block is in force (ms). */
export function timeBlocked(task: DurationFields, now: number): TaskDuration {
  const state = blockState(task, now);
  const start = num(task.ProcessTime);
  if (!state) return MISSING;
  switch (state.kind) {
    case 'released':
      return between(start, state.at);
    case 'until':
    case 'releaseFailed':
      return between(start, now, true);
    case 'permanent':
      return between(start, now, true, true);
    case 'unknown':
      return state.ended ? MISSING : between(start, now, true);
    case 'whitelisted':
      return MISSING;
  }
}

/** The duration of a column for one task. */
export function taskDuration(id: DurationColumnId, task: DurationFields, now: number): TaskDuration {
  return id === 'TimeToProcess' ? timeToProcess(task) : timeBlocked(task, now);
}

export type DurationUnit = 'd' | 'h' | 'min' | 's';
const UNITS: [DurationUnit, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];

/**
 * The two largest non-zero units of `ms` (≥ 0), rounded down: 11 520 000 → [3 h, 12 min];
 * 90 061 000 → [1 d, 1 h] (the minutes are dropped). Under one second: `[]`.
 */
export function durationParts(ms: number): { unit: DurationUnit; n: number }[] {
  const out: { unit: DurationUnit; n: number }[] = [];
  let rest = Math.max(0, Math.floor(ms));
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || out.length > 0) out.push({ unit, n });
    if (out.length === 2) break;
  }
  // "3 h 0 min" reads as "3 h".
  return out.filter((p, i) => i === 0 || p.n > 0);
}

/**
 * Orders rows by a duration column, on the rows given only (the API cannot order by it):
 * known durations by length (`desc` longest first), then unknown, then missing, in their
 * original order (a stable sort). Returns a new array.
 */
export function sortByDuration<T extends DurationFields>(
  rows: readonly T[],
  id: DurationColumnId,
  desc: boolean,
  now: number,
): T[] {
  const rank = (d: TaskDuration) => (d.kind === 'known' ? 0 : d.kind === 'unknown' ? 1 : 2);
  const keyed = rows.map((row, index) => ({ row, index, d: taskDuration(id, row, now) }));
  keyed.sort((a, b) => {
    const r = rank(a.d) - rank(b.d);
    if (r !== 0) return r;
    if (a.d.kind === 'known' && b.d.kind === 'known' && a.d.ms !== b.d.ms)
      return desc ? b.d.ms - a.d.ms : a.d.ms - b.d.ms;
    return a.index - b.index;
  });
  return keyed.map((k) => k.row);
}
