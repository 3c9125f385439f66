import { describe, expect, it } from 'vitest';
import { blockDurationSeconds, blockState, type BlockFields } from './block-state';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const H = 3_600_000;
const ip = (over: Partial<BlockFields>): BlockFields => ({
  EntityType: 'ip',
  ProcessTime: NOW - 2 * H,
  InputParams: '{"ip":"203.0.113.10","blockDuration":86400}',
  ...over,
});

describe('blockDurationSeconds', () => {
  it.each([
    ['{"blockDuration":3600}', 3600],
    ['{"blockDuration":-1}', -1],
    ['{"blockDuration":0}', undefined],
    ['{"blockDuration":"3600"}', undefined],
    ['{"duration":3600}', undefined],
    ['[1,2]', undefined],
    ['not json', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (raw, expected) => {
    expect(blockDurationSeconds(raw)).toBe(expected);
  });
});

describe('blockState', () => {
  it.each<[string, BlockFields, ReturnType<typeof blockState>]>([
    [
      'blocking with a duration: until ProcessTime + duration',
      ip({ TaskStatus: 21 }),
      {
        kind: 'until',
        verb: 'block',
        until: NOW - 2 * H + 24 * H,
        passed: false,
      },
    ],
    [
      'blocking whose end passed',
      ip({ TaskStatus: 21, InputParams: '{"blockDuration":3600}' }),
      {
        kind: 'until',
        verb: 'block',
        until: NOW - H,
        passed: true,
      },
    ],
    [
      'blocking, permanent',
      ip({ TaskStatus: 21, InputParams: '{"blockDuration":-1}' }),
      { kind: 'permanent', verb: 'block' },
    ],
    [
      'blocking, no duration',
      ip({ TaskStatus: 21, InputParams: '{"ip":"1.2.3.4"}' }),
      {
        kind: 'unknown',
        verb: 'block',
        ended: false,
      },
    ],
    [
      'blocking, no ProcessTime',
      ip({ TaskStatus: 21, ProcessTime: undefined }),
      {
        kind: 'unknown',
        verb: 'block',
        ended: false,
      },
    ],
    [
      'quarantining a file: quarantine verb',
      { TaskStatus: 22, EntityType: 'file', ProcessTime: NOW, InputParams: '{}' },
      {
        kind: 'unknown',
        verb: 'quarantine',
        ended: false,
      },
    ],
    [
      'ended with RemoveTime: released then',
      ip({ TaskStatus: 23, RemoveTime: NOW - H }),
      {
        kind: 'released',
        verb: 'block',
        at: NOW - H,
      },
    ],
    [
      'ended process: released (not unblocked)',
      { TaskStatus: 23, EntityType: 'process', RemoveTime: NOW },
      {
        kind: 'released',
        verb: 'quarantine',
        at: NOW,
      },
    ],
    [
      'ended without RemoveTime: unknown',
      ip({ TaskStatus: 23 }),
      { kind: 'unknown', verb: 'block', ended: true },
    ],
    ['whitelisted', ip({ TaskStatus: 24 }), { kind: 'whitelisted', since: NOW - 2 * H }],
    [
      'unblock failed: the attempt time',
      ip({ TaskStatus: 91, GmtModifiedMillis: NOW - 30_000 }),
      {
        kind: 'releaseFailed',
        verb: 'block',
        attemptAt: NOW - 30_000,
        until: NOW + 22 * H,
      },
    ],
    [
      'restore failed without a time',
      { TaskStatus: 92, EntityType: 'file' },
      {
        kind: 'releaseFailed',
        verb: 'quarantine',
        attemptAt: undefined,
        until: undefined,
      },
    ],
    ['failed block: nothing to say', ip({ TaskStatus: 90 }), undefined],
    ['succeeded kill: nothing to say', { TaskStatus: 20, EntityType: 'process' }, undefined],
    ['in progress', ip({ TaskStatus: 11 }), undefined],
    ['unknown status', ip({ TaskStatus: 25 }), undefined],
  ])('%s', (_, task, expected) => {
    expect(blockState(task, NOW)).toEqual(expected);
  });
});
