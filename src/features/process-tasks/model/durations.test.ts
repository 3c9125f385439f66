import { describe, expect, it } from 'vitest';
import {
  durationParts,
  sortByDuration,
  timeBlocked,
  timeToProcess,
  type DurationFields,
  type TaskDuration,
} from './durations';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const S = 1000;
const MIN = 60_000;
const H = 3_600_000;
const D = 24 * H;
const ip = (over: Partial<DurationFields>): DurationFields => ({
  EntityType: 'ip',
  GmtCreateMillis: NOW - 3 * H,
  ProcessTime: NOW - 2 * H,
  InputParams: '{"ip":"203.0.113.10","blockDuration":86400}',
  ...over,
});
const known = (ms: number, ongoing = false, permanent = false): TaskDuration => ({
  kind: 'known',
  ms,
  ongoing,
  permanent,
});

describe('timeToProcess (ProcessTime − GmtCreateMillis)', () => {
  it.each<[string, DurationFields, TaskDuration]>([
    ['both times', { GmtCreateMillis: NOW - 5 * S, ProcessTime: NOW - 2 * S }, known(3 * S)],
    ['same instant', { GmtCreateMillis: NOW, ProcessTime: NOW }, known(0)],
    ['ProcessTime missing', { GmtCreateMillis: NOW }, { kind: 'missing' }],
    ['GmtCreateMillis missing', { ProcessTime: NOW }, { kind: 'missing' }],
    ['no field at all', {}, { kind: 'missing' }],
    ['ProcessTime before creation', { GmtCreateMillis: NOW, ProcessTime: NOW - S }, { kind: 'unknown' }],
    [
      'not a number (a lenient reader let it through)',
      { GmtCreateMillis: NaN, ProcessTime: NOW },
      { kind: 'missing' },
    ],
  ])('%s', (_name, task, expected) => {
    expect(timeToProcess(task)).toEqual(expected);
  });
});

describe('timeBlocked (RemoveTime − ProcessTime, or until now while in force)', () => {
  it.each<[string, DurationFields, TaskDuration]>([
    ['unblocked (23): RemoveTime − ProcessTime', ip({ TaskStatus: 23, RemoveTime: NOW - H }), known(H)],
    ['still blocked (21): until now, ongoing', ip({ TaskStatus: 21 }), known(2 * H, true)],
    [
      'blocking whose end has passed (21): the task says in force, so until now',
      ip({ TaskStatus: 21, InputParams: '{"blockDuration":60}' }),
      known(2 * H, true),
    ],
    ['quarantined (22): until now', ip({ TaskStatus: 22, EntityType: 'file' }), known(2 * H, true)],
    [
      'permanent (blockDuration -1): until now, permanent',
      ip({ TaskStatus: 21, InputParams: '{"blockDuration":-1}' }),
      known(2 * H, true, true),
    ],
    [
      'blocking without a duration: in force, until now',
      ip({ TaskStatus: 21, InputParams: '' }),
      known(2 * H, true),
    ],
    ['unblock failed (91): still blocked, until now', ip({ TaskStatus: 91 }), known(2 * H, true)],
    [
      '21 with RemoveTime (lifted): RemoveTime − ProcessTime',
      ip({ TaskStatus: 21, RemoveTime: NOW - 90 * MIN }),
      known(30 * MIN),
    ],
    [
      'RemoveTime before ProcessTime: unknown, not negative',
      ip({ TaskStatus: 23, RemoveTime: NOW - 3 * H }),
      { kind: 'unknown' },
    ],
    ['unblocked (23) without RemoveTime', ip({ TaskStatus: 23 }), { kind: 'missing' }],
    ['blocking without ProcessTime', ip({ TaskStatus: 21, ProcessTime: undefined }), { kind: 'missing' }],
    ['whitelisted (24): no block', ip({ TaskStatus: 24 }), { kind: 'missing' }],
    ['in progress (11): no block yet', ip({ TaskStatus: 11 }), { kind: 'missing' }],
    ['succeeded (20)', ip({ TaskStatus: 20 }), { kind: 'missing' }],
    ['failed (90)', ip({ TaskStatus: 90 }), { kind: 'missing' }],
    ['no status', ip({}), { kind: 'missing' }],
    [
      'ProcessTime in the future (clock skew) while blocking: unknown',
      ip({ TaskStatus: 21, ProcessTime: NOW + MIN }),
      { kind: 'unknown' },
    ],
  ])('%s', (_name, task, expected) => {
    expect(timeBlocked(task, NOW)).toEqual(expected);
  });
});

describe('durationParts: the two largest units, rounded down', () => {
  it.each<[number, string]>([
    [0, ''],
    [999, ''],
    [S, '1 s'],
    [59 * S + 999, '59 s'],
    [MIN, '1 min'],
    [MIN + 5 * S, '1 min 5 s'],
    [3 * H + 12 * MIN, '3 h 12 min'],
    [3 * H + 12 * MIN + 59 * S, '3 h 12 min'],
    [3 * H + 30 * S, '3 h'],
    [D + H + MIN, '1 d 1 h'],
    [40 * D, '40 d'],
    [-5 * S, ''],
  ])('%d ms → "%s"', (ms, expected) => {
    expect(
      durationParts(ms)
        .map((p) => `${p.n} ${p.unit}`)
        .join(' '),
    ).toBe(expected);
  });
});

describe('sortByDuration (the page only)', () => {
  const rows = [
    { TaskId: 'missing', TaskStatus: 20 },
    { TaskId: 'long', GmtCreateMillis: NOW - H, ProcessTime: NOW },
    { TaskId: 'unknown', GmtCreateMillis: NOW, ProcessTime: NOW - S },
    { TaskId: 'short', GmtCreateMillis: NOW - S, ProcessTime: NOW },
    { TaskId: 'tie-a', GmtCreateMillis: NOW - MIN, ProcessTime: NOW },
    { TaskId: 'tie-b', GmtCreateMillis: NOW - 2 * MIN, ProcessTime: NOW - MIN },
  ];
  const ids = (r: { TaskId: string }[]) => r.map((x) => x.TaskId);

  it('longest first, ties in page order, then unknown, then missing', () => {
    expect(ids(sortByDuration(rows, 'TimeToProcess', true, NOW))).toEqual([
      'long',
      'tie-a',
      'tie-b',
      'short',
      'unknown',
      'missing',
    ]);
  });

  it('shortest first; unknown and missing stay last', () => {
    expect(ids(sortByDuration(rows, 'TimeToProcess', false, NOW))).toEqual([
      'short',
      'tie-a',
      'tie-b',
      'long',
      'unknown',
      'missing',
    ]);
  });

  it('does not change the rows it was given', () => {
    const before = ids(rows);
    sortByDuration(rows, 'TimeBlocked', true, NOW);
    expect(ids(rows)).toEqual(before);
  });
});
