import { describe, expect, it } from 'vitest';
import { generateDataset } from './dataset';
import { soarRecords } from './operations';
import { TRIAGE, TRIAGE_TASK_IDS, triageTasks } from './triage';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const tasks = triageTasks(NOW);
const byId = new Map(tasks.map((t) => [t.TaskId, t]));
const get = (name: keyof typeof TRIAGE_TASK_IDS) => byId.get(TRIAGE_TASK_IDS[name])!;

describe('triage cases', () => {
  it('are in every dataset, with their fixed IDs, whatever the seed', () => {
    for (const seed of [1, 2]) {
      const ids = new Set(generateDataset(seed, 200, NOW).tasks.map((t) => t.TaskId));
      for (const id of Object.values(TRIAGE_TASK_IDS)) expect(ids.has(id)).toBe(true);
    }
  });

  it('one IP, one EntityUuid, three products: blocked, unblock failed, whitelisted', () => {
    const onIp = tasks.filter((t) => t.EntityName === TRIAGE.ip);
    expect(new Set(onIp.map((t) => t.EntityUuid))).toEqual(new Set([TRIAGE.ipEntityUuid]));
    expect(onIp.map((t) => [t.YunCode, t.TaskStatus])).toEqual([
      ['CFW', 21],
      ['WAF', 91],
      ['WAF', 24],
      ['CFW', 23],
    ]);
  });

  it('times say the answers: blocked until +21 h, unblock attempt 26 h ago, released 5 h ago', () => {
    const blocking = get('triageCfwBlocking');
    expect(blocking.ProcessTime! + 86_400_000 - NOW).toBe(21 * 3_600_000);
    expect(NOW - get('triageWafUnblockFailed').GmtModifiedMillis!).toBe(26 * 3_600_000 - 12_000);
    expect(NOW - get('triageFileReleased').RemoveTime!).toBe(5 * 3_600_000);
    expect(get('triageFileIsolated').TaskStatus).toBe(22);
    expect(JSON.parse(get('triageFileIsolated').InputParams!)).not.toHaveProperty('blockDuration');
    for (const t of tasks) {
      expect(t.ProcessTime).toBeGreaterThanOrEqual(t.GmtCreateMillis!);
      expect(t.GmtModifiedMillis).toBeGreaterThanOrEqual(t.ProcessTime!);
      if (t.RemoveTime !== undefined) expect(t.TaskStatus).toBe(23);
    }
  });

  it('the playbook run behind the failed unblock also killed a process on the host', () => {
    const run = soarRecords(tasks).find((r) => r.RequestUuid === TRIAGE.playbookReqUuid)!;
    expect(run.OutputList.map((o) => JSON.parse(o.Content).TaskId)).toEqual([
      TRIAGE_TASK_IDS.triageWafUnblockFailed,
      TRIAGE_TASK_IDS.triagePlaybookKill,
    ]);
    expect(JSON.parse(get('triagePlaybookKill').InputParams!).hostName).toBe(TRIAGE.host);
  });

  it('the stuck cases: with a 1 h threshold exactly the 6 h, 3 h and 90 min tasks in progress (11), oldest first', () => {
    const incident = tasks.filter((t) => t.EventUuid === TRIAGE.stuckEventUuid);
    expect(incident.map((t) => t.TaskId).sort()).toEqual(
      [
        TRIAGE_TASK_IDS.triageStuckKill6h,
        TRIAGE_TASK_IDS.triageStuckBlock3h,
        TRIAGE_TASK_IDS.triageStuckIsolate90m,
        TRIAGE_TASK_IDS.triageInProgressNow,
        TRIAGE_TASK_IDS.triageBlockingNotStuck8h,
      ].sort(),
    );
    // The stuck rule as the API query states it: TaskStatus 11, ProcessTime at or before now − 1 h.
    const stuck = (thresholdMs: number) =>
      incident
        .filter((t) => t.TaskStatus === 11 && t.ProcessTime! <= NOW - thresholdMs)
        .sort((a, b) => a.ProcessTime! - b.ProcessTime!)
        .map((t) => t.TaskId);
    expect(stuck(3_600_000)).toEqual([
      TRIAGE_TASK_IDS.triageStuckKill6h,
      TRIAGE_TASK_IDS.triageStuckBlock3h,
      TRIAGE_TASK_IDS.triageStuckIsolate90m,
    ]);
    expect(stuck(4 * 3_600_000)).toEqual([TRIAGE_TASK_IDS.triageStuckKill6h]);
    expect(get('triageBlockingNotStuck8h').TaskStatus).toBe(21);
    expect(NOW - get('triageInProgressNow').ProcessTime!).toBe(0);
    // Keyword searches for the triage cases (ParamContent "triage") do not find them.
    for (const t of incident) expect(JSON.stringify(t).toLowerCase()).not.toContain('triage');
  });
});
