import { describe, expect, it } from 'vitest';
import { DEFAULT_STUCK_THRESHOLD_MS, isStuck, isStuckThreshold, stuckSince } from './stuck';

const NOW = Date.UTC(2026, 10, 29, 12);
const MIN = 60_000;

describe('isStuck', () => {
  it.each([
    ['11 started 31 min ago', { TaskStatus: 11, ProcessTime: NOW - 31 * MIN }, true],
    ['11 started exactly 30 min ago (not more)', { TaskStatus: 11, ProcessTime: NOW - 30 * MIN }, false],
    ['11 started 5 min ago', { TaskStatus: 11, ProcessTime: NOW - 5 * MIN }, false],
    ['11 without ProcessTime, created 2 h ago', { TaskStatus: 11, GmtCreateMillis: NOW - 120 * MIN }, true],
    ['11 without any time', { TaskStatus: 11 }, false],
    [
      '21 blocked for days (a block in force)',
      { TaskStatus: 21, ProcessTime: NOW - 3 * 24 * 60 * MIN },
      false,
    ],
    ['22 quarantined for days', { TaskStatus: 22, ProcessTime: NOW - 3 * 24 * 60 * MIN }, false],
    ['90 failed long ago', { TaskStatus: 90, ProcessTime: NOW - 120 * MIN }, false],
    ['no status', { ProcessTime: NOW - 120 * MIN }, false],
    ['11 in the future (clock skew)', { TaskStatus: 11, ProcessTime: NOW + 5 * MIN }, false],
  ])('%s → %s', (_name, task, expected) => {
    expect(isStuck(task, NOW, DEFAULT_STUCK_THRESHOLD_MS)).toBe(expected);
  });

  it('follows the threshold', () => {
    const task = { TaskStatus: 11, ProcessTime: NOW - 10 * MIN };
    expect(isStuck(task, NOW, 5 * MIN)).toBe(true);
    expect(isStuck(task, NOW, 15 * MIN)).toBe(false);
  });
});

describe('stuckSince', () => {
  it('prefers ProcessTime to GmtCreateMillis', () => {
    expect(stuckSince({ ProcessTime: 2, GmtCreateMillis: 1 })).toBe(2);
    expect(stuckSince({ GmtCreateMillis: 1 })).toBe(1);
    expect(stuckSince({})).toBeUndefined();
  });
});

describe('isStuckThreshold', () => {
  it.each([
    [30 * MIN, true],
    [MIN, true],
    [7 * 24 * 60 * MIN, true],
    [30 * 1000, false],
    [8 * 24 * 60 * MIN, false],
    [90 * 1000, false],
    [Number.NaN, false],
    ['1800000', false],
    [null, false],
  ])('%s → %s', (v, expected) => {
    expect(isStuckThreshold(v)).toBe(expected);
  });
});
