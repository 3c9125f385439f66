import { describe, expect, it } from 'vitest';
import { FAILED_TASK_STATUSES, SOURCES, type ProcessTask } from '../../shared/sophonsoar';
import { productCatalogue, type YunCode } from './catalog';
import { DATA_WINDOW_MS, generateDataset } from './dataset';
import { HOSTILE_TASK_IDS } from './hostile';
import { TRIAGE_TASK_IDS } from './triage';

const NOW = Date.UTC(2026, 10, 27, 18, 0, 0);
const { tasks } = generateDataset(1, 5000, NOW);
const hostileIds = new Set<string>(Object.values(HOSTILE_TASK_IDS));
const triageIds = new Set<string>(Object.values(TRIAGE_TASK_IDS));
const regular = tasks.filter((t) => !hostileIds.has(t.TaskId) && !triageIds.has(t.TaskId));
const byId = new Map(tasks.map((t) => [t.TaskId, t]));
const hostile = (name: keyof typeof HOSTILE_TASK_IDS): ProcessTask => byId.get(HOSTILE_TASK_IDS[name])!;

describe('determinism', () => {
  it('the same seed and count give the same data, shifted with the start time', () => {
    const shiftBack = (t: ProcessTask): ProcessTask => {
      const out = { ...t };
      for (const k of ['GmtCreateMillis', 'GmtModifiedMillis', 'ProcessTime', 'RemoveTime'] as const) {
        if (typeof out[k] === 'number') out[k] = out[k] - 3_600_000;
      }
      return out;
    };
    expect(generateDataset(1, 5000, NOW + 3_600_000).tasks.map(shiftBack)).toEqual(tasks);
    expect(generateDataset(1, 5000, NOW).tasks).toEqual(tasks);
  });
  it('another seed gives other data', () => {
    expect(generateDataset(2, 5000, NOW).tasks.map((t) => t.TaskId)).not.toEqual(tasks.map((t) => t.TaskId));
  });
  it('has exactly the requested number of tasks, with unique TaskIds', () => {
    expect(tasks).toHaveLength(5000);
    expect(new Set(tasks.map((t) => t.TaskId)).size).toBe(5000);
    // At least the fixed records: the hostile ones and the triage cases.
    expect(generateDataset(1, 0, NOW).tasks).toHaveLength(hostileIds.size + triageIds.size);
  });
});

describe('regular tasks are consistent', () => {
  it('times stay within the window and in order (create ≤ process ≤ modified ≤ now)', () => {
    for (const t of regular) {
      expect(t.GmtCreateMillis).toBeGreaterThanOrEqual(NOW - DATA_WINDOW_MS);
      expect(t.ProcessTime).toBeGreaterThanOrEqual(t.GmtCreateMillis!);
      expect(t.ProcessTime).toBeLessThanOrEqual(NOW);
      expect(t.GmtModifiedMillis).toBeGreaterThanOrEqual(t.ProcessTime!);
      expect(t.GmtModifiedMillis).toBeLessThanOrEqual(NOW);
    }
  });

  it('RemoveTime only after an unblock (status 23), never before ProcessTime', () => {
    for (const t of regular) {
      if (t.RemoveTime !== undefined) {
        expect(t.TaskStatus).toBe(23);
        expect(t.RemoveTime).toBeGreaterThan(t.ProcessTime!);
      }
      if (t.TaskStatus === 23) expect(t.RemoveTime).toBeDefined();
    }
  });

  it('ErrCode/ErrMsg/ErrTip only, and always, on statuses 90/91/92', () => {
    for (const t of regular) {
      const failed = FAILED_TASK_STATUSES.includes(t.TaskStatus!);
      expect([t.ErrCode !== undefined, t.ErrMsg !== undefined, t.ErrTip !== undefined]).toEqual([
        failed,
        failed,
        failed,
      ]);
    }
  });

  it('products act on the right entities with matching scenes and valid sources', () => {
    const kinds = new Set(regular.map((t) => `${t.YunCode}:${t.EntityType}`));
    expect([...kinds].sort()).toEqual(['Aegis:file', 'Aegis:process', 'CFW:ip', 'WAF:ip']);
    for (const t of regular) {
      expect(SOURCES).toContain(t.Source);
      expect(SOURCES).toContain(t.TriggerSource);
      expect(t.SceneCode!.startsWith(t.YunCode!.toLowerCase())).toBe(true);
      expect(() => JSON.parse(t.InputParams!)).not.toThrow();
      if (t.EntityType === 'ip') expect(t.EntityName).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
  });

  it('statuses come in realistic proportions', () => {
    const share = (s: number[]) => regular.filter((t) => s.includes(t.TaskStatus!)).length / regular.length;
    expect(share([23])).toBeGreaterThan(0.25); // most blocks have expired and were lifted
    expect(share([21, 22])).toBeGreaterThan(0.15); // still active
    expect(share([90])).toBeGreaterThan(0.03);
    expect(share([90])).toBeLessThan(0.15);
    expect(share([91, 92])).toBeGreaterThan(0.005);
    expect(share([24])).toBeGreaterThan(0.01);
    expect(share([20])).toBeGreaterThan(0.1);
    expect(share([11])).toBeGreaterThan(0.003); // a few hang in progress
    expect(share([11])).toBeLessThan(0.03);
  });

  it('events group several tasks, and entities/strategies repeat', () => {
    const events = new Set(regular.map((t) => t.EventUuid));
    expect(events.size).toBeLessThan(regular.length * 0.8);
    expect(new Set(regular.map((t) => t.ProcessStrategyUuid)).size).toBeLessThan(30);
    expect(new Set(regular.map((t) => t.Scope)).size).toBe(4);
  });
});

describe('each product carries its own scenes and error codes', () => {
  const PRODUCTS: readonly YunCode[] = ['WAF', 'CFW', 'Aegis'];
  const belongs = (t: ProcessTask) => {
    const { sceneCodes, errCodes } = productCatalogue(t.YunCode as YunCode);
    return sceneCodes.has(t.SceneCode!) && (t.ErrCode === undefined || errCodes.has(t.ErrCode));
  };

  it('every generated task: SceneCode and ErrCode belong to its YunCode’s catalogue', () => {
    for (const t of regular)
      expect(belongs(t), `${t.TaskId} ${t.YunCode} ${t.SceneCode} ${t.ErrCode}`).toBe(true);
    // Every product has failed tasks in the data, so the check above saw each one's codes.
    for (const p of PRODUCTS)
      expect(
        regular.some((t) => t.YunCode === p && t.ErrCode !== undefined),
        p,
      ).toBe(true);
  });

  it('the hostile records with a known product keep to its catalogue too', () => {
    for (const [name, id] of Object.entries(HOSTILE_TASK_IDS)) {
      const t = byId.get(id)!;
      if (!PRODUCTS.includes(t.YunCode as YunCode)) continue;
      expect(belongs(t), name).toBe(true);
    }
  });

  it.each([
    ['WAF', 'cfw_openapi.Instance.NotFound', false],
    ['CFW', 'cfw_openapi.Instance.NotFound', true],
    ['WAF', 'waf_openapi.Quota.BlacklistFull', true],
    ['Aegis', 'waf_openapi.Quota.BlacklistFull', false],
    ['WAF', 'sts_openapi.Info.DefenseSceneNotSupported', true],
    ['Aegis', 'aegis_openapi.Restore.Failed', true],
  ] as const)('the %s catalogue has %s: %s', (product, code, has) => {
    expect(productCatalogue(product).errCodes.has(code)).toBe(has);
  });

  it('a product’s own codes carry its prefix; only Sophonsoar’s playbook error is shared', () => {
    const prefix: Record<YunCode, string> = { WAF: 'waf_', CFW: 'cfw_', Aegis: 'aegis_' };
    for (const p of PRODUCTS) {
      const { sceneCodes, errCodes } = productCatalogue(p);
      for (const c of sceneCodes) expect(c.startsWith(prefix[p]), c).toBe(true);
      for (const c of errCodes) expect(c.startsWith(prefix[p]) || c.startsWith('sts_openapi.'), c).toBe(true);
    }
  });
});

describe('hostile and edge records', () => {
  it('are all present', () => {
    for (const id of hostileIds) expect(byId.has(id)).toBe(true);
  });

  it('have TaskIds of their own: none is a triage case’s (one would replace the other)', () => {
    expect([...hostileIds].filter((id) => triageIds.has(id))).toEqual([]);
    expect(hostileIds.size).toBe(Object.keys(HOSTILE_TASK_IDS).length);
    expect(triageIds.size).toBe(Object.keys(TRIAGE_TASK_IDS).length);
  });

  it.each<[keyof typeof HOSTILE_TASK_IDS, (t: ProcessTask) => boolean]>([
    ['scriptInEntityName', (t) => t.EntityName!.includes('<script>')],
    ['htmlInInputParams', (t) => t.InputParams!.includes('<img src=x onerror=')],
    ['scriptInErrMsg', (t) => t.ErrMsg!.includes('<script>') && t.TaskStatus === 90],
    ['formulaHyperlink', (t) => t.EntityName!.startsWith('=HYPERLINK(')],
    ['formulaPlus', (t) => t.EntityName!.startsWith('+')],
    ['formulaMinus', (t) => t.EntityName!.startsWith('-')],
    ['formulaAt', (t) => t.EntityName!.startsWith('@')],
    ['formulaLeadingTab', (t) => t.EntityName!.startsWith('\t=')],
    ['formulaLeadingCarriageReturn', (t) => t.EntityName!.startsWith('\r=')],
    ['inputParamsEmpty', (t) => t.InputParams === ''],
    [
      'inputParamsNotJson',
      (t) => {
        try {
          JSON.parse(t.InputParams!);
          return false;
        } catch {
          return true;
        }
      },
    ],
    ['inputParamsHuge', (t) => t.InputParams!.length >= 200 * 1024 && JSON.parse(t.InputParams!) !== null],
    ['chineseText', (t) => /[\u4e00-\u9fff]/.test(t.EntityName! + t.SceneName!)],
    ['rightToLeftText', (t) => /[\u0590-\u06ff]/.test(t.SceneName!) && t.EntityName!.includes('\u202e')],
    ['emojiText', (t) => /\p{Extended_Pictographic}/u.test(t.EntityName!)],
    ['trailingNewlineUuids', (t) => [t.EntityUuid, t.EventUuid, t.ReqUuid].every((u) => u!.endsWith('\n'))],
    [
      'missingOptionalFields',
      (t) =>
        !('Creator' in t) &&
        !('InputParams' in t) &&
        !('RemoveTime' in t) &&
        t.ProcessTime! >= t.GmtCreateMillis!,
    ],
    ['onlyTaskId', (t) => Object.keys(t).join() === 'TaskId'],
    ['unknownTaskStatus', (t) => t.TaskStatus === 25],
    ['unknownYunCode', (t) => !['WAF', 'CFW', 'Aegis'].includes(t.YunCode!)],
    [
      'quotesCommasNewlines',
      (t) =>
        /"/.test(t.EntityName!) &&
        /,/.test(t.EntityName!) &&
        /\n/.test(t.EntityName!) &&
        /\r\n/.test(t.ErrMsg!),
    ],
    [
      'hostileErrorText',
      (t) =>
        t.TaskStatus === 90 &&
        t.ErrTip!.startsWith('=') &&
        t.ErrTip!.includes('<script>') &&
        /[\u202a-\u202e\u2066-\u2069\u200f]/.test(t.ErrTip!) &&
        t.ErrTip!.length > 4096 &&
        !/[\r\n]/.test(t.ErrTip!) &&
        t.ErrMsg!.startsWith('@') &&
        t.ErrMsg!.includes('<svg') &&
        t.ErrMsg!.includes('\u202e'),
    ],
  ])('%s has its hostile property', (name, test) => {
    expect(test(hostile(name))).toBe(true);
  });

  it('keep the data facts except the deliberately broken one', () => {
    for (const [name, id] of Object.entries(HOSTILE_TASK_IDS)) {
      const t = byId.get(id)!;
      if (name === 'onlyTaskId') continue;
      expect(t.ProcessTime, name).toBeGreaterThanOrEqual(t.GmtCreateMillis!);
      expect(t.GmtModifiedMillis, name).toBeGreaterThanOrEqual(t.GmtCreateMillis!);
      if (t.ErrCode !== undefined) expect(FAILED_TASK_STATUSES).toContain(t.TaskStatus);
      expect(t.RemoveTime, name).toBeUndefined();
    }
  });

  it('survive a JSON round trip unchanged (no undefined values)', () => {
    for (const id of hostileIds) expect(JSON.parse(JSON.stringify(byId.get(id)))).toEqual(byId.get(id));
  });
});
