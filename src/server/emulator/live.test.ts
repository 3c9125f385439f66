import { describe, expect, it } from 'vitest';
import { FAILED_TASK_STATUSES, type ProcessTask } from '../../shared/sophonsoar';
import { productCatalogue, type YunCode } from './catalog';
import { generateDataset } from './dataset';
import { HOSTILE_TASK_IDS } from './hostile';
import { startEmulator } from './index';
import { liveTick } from './live';
import { createRng, deriveSeed } from './prng';
import { TaskIndex } from './query-engine';

const NOW = Date.UTC(2026, 10, 27, 18, 0, 0);

function simulate(seed: number, ticks: number) {
  const { tasks, factory } = generateDataset(seed, 1500, NOW);
  const index = new TaskIndex(tasks);
  const rng = createRng(deriveSeed(seed, 'live'));
  for (let i = 1; i <= ticks; i++) liveTick(index, factory, rng, NOW + i * 3000);
  return { before: tasks, after: index.all() };
}

const consistent = (t: ProcessTask) =>
  (t.RemoveTime === undefined || t.TaskStatus === 23) &&
  (t.ErrCode === undefined) === !FAILED_TASK_STATUSES.includes(t.TaskStatus!);

describe('live ticks', () => {
  const { before, after } = simulate(5, 40);
  const beforeById = new Map(before.map((t) => [t.TaskId, t]));

  it('are deterministic from the seed', () => {
    expect(simulate(5, 40).after).toEqual(after);
    expect(simulate(6, 40).after).not.toEqual(after);
  });

  it('add new tasks processed at the tick time, starting in progress', () => {
    const added = after.filter((t) => !beforeById.has(t.TaskId));
    expect(added.length).toBeGreaterThan(10);
    const ticks = new Set(Array.from({ length: 40 }, (_, i) => NOW + (i + 1) * 3000));
    for (const t of added) {
      expect(ticks.has(t.ProcessTime!)).toBe(true);
      expect(t.GmtCreateMillis).toBeLessThanOrEqual(t.ProcessTime!);
    }
    expect(new Set(after.map((t) => t.TaskId)).size).toBe(after.length);
  });

  it('move in-progress tasks on to final states, consistently', () => {
    const moved = after.filter((t) => {
      const old = beforeById.get(t.TaskId);
      return old && old.TaskStatus !== t.TaskStatus;
    });
    expect(moved.length).toBeGreaterThan(5);
    for (const t of moved) {
      expect([11, 21, 22]).toContain(beforeById.get(t.TaskId)!.TaskStatus);
      expect(t.GmtModifiedMillis).toBeGreaterThan(NOW);
    }
    expect(after.filter((t) => !Object.values(HOSTILE_TASK_IDS).includes(t.TaskId)).every(consistent)).toBe(
      true,
    );
    expect(after.some((t) => t.TaskStatus === 23 && t.RemoveTime! > NOW)).toBe(true);
  });

  it('fail with the codes of the task’s own product', () => {
    const failedNow = after.filter((t) => t.ErrCode !== undefined && t.GmtModifiedMillis! > NOW);
    expect(failedNow.length).toBeGreaterThan(0);
    for (const t of failedNow) {
      expect(
        productCatalogue(t.YunCode as YunCode).errCodes.has(t.ErrCode!),
        `${t.YunCode} ${t.ErrCode}`,
      ).toBe(true);
    }
  });

  it('never touch the hostile records', () => {
    for (const id of Object.values(HOSTILE_TASK_IDS)) {
      expect(after.find((t) => t.TaskId === id)).toBe(beforeById.get(id));
    }
  });
});

describe('live mode in a running emulator', () => {
  it('changes data while on, stops when switched off and on close', async () => {
    const emu = await startEmulator({ port: 0, tasks: 500, live: true, liveIntervalMs: 40 });
    try {
      const first = emu.store.all();
      await new Promise((r) => setTimeout(r, 400));
      expect(emu.store.all()).not.toBe(first);
      emu.setLive(false);
      const frozen = emu.store.all();
      await new Promise((r) => setTimeout(r, 200));
      expect(emu.store.all()).toBe(frozen);
      emu.setLive(true);
    } finally {
      await emu.close();
    }
    const closed = emu.store.all();
    await new Promise((r) => setTimeout(r, 200));
    expect(emu.store.all()).toBe(closed);
  });
});
