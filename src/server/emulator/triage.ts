/**
 * Triage cases (issue 11), always part of the dataset like the hostile records, with fixed
 * TaskIds and times relative to start-up, so the console's triage answers are known: one
 * IP acted on by three products (a block in force, a failed unblock, a whitelisting: the
 * conflicts the console flags), the same IP unblocked earlier, a file released, a file
 * still isolated with no duration given, and a playbook run behind several tasks of one
 * event. They count among the `count` tasks asked for (the seeded stream is cut 12 tasks
 * earlier); no triage case fails (90) or fails an undo (92), so those counts stay. Hosts are
 * named in InputParams (`hostName`, `instanceId`); IP blocks carry `blockDuration` (s).
 *
 * Stuck cases (issue 12), one incident of their own (TRIAGE.stuckEventUuid): three tasks
 * still in progress (11) since 6 h, 3 h and 90 min before start-up, one that started at
 * start-up, and an IP block in force (21) since 8 h, which is never stuck. With a 1 h
 * threshold the stuck list is exactly the 6 h, 3 h and 90 min tasks, oldest first. Their
 * text never says "triage" (a host and instances of their own), so keyword searches for
 * the triage cases find what they found before.
 */
import type { ProcessTask } from '../../shared/sophonsoar';

const HOUR = 3_600_000;
const id = (n: number) => `edge0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** name → TaskId of each triage case (numbered after the hostile records). */
export const TRIAGE_TASK_IDS = {
  triageCfwBlocking: id(22),
  triageWafUnblockFailed: id(23),
  triageWafWhitelisted: id(24),
  triageCfwUnblocked: id(25),
  triageFileReleased: id(26),
  triageFileIsolated: id(27),
  triagePlaybookKill: id(28),
  triageStuckKill6h: id(29),
  triageStuckBlock3h: id(30),
  triageStuckIsolate90m: id(31),
  triageInProgressNow: id(32),
  triageBlockingNotStuck8h: id(33),
} as const satisfies Record<string, string>;

/**
 * The triage cases' shared values: the IP every product acted on, its EntityUuid (one
 * entity, whichever product), the incident's EventUuid and the playbook run's ReqUuid.
 */
export const TRIAGE = {
  ip: '198.51.100.23',
  ipEntityUuid: '5e1f0a77-23c4-4d8e-9b10-198051100023',
  eventUuid: '7d3b9c41-0e62-4f1a-8c55-2a9e4b6d0c11',
  playbookReqUuid: '0b8f6e2a-91d4-4c3e-a7f2-5d1c3e9b8a40',
  host: 'web-prod-03',
  hostInstance: 'i-t4ntriage0000000003',
  /** The incident of the stuck cases, and the IP its block acts on. */
  stuckEventUuid: '2c6e8a0f-4b1d-4e3a-9c57-5e8f1a3b7d55',
  stuckIp: '203.0.113.77',
  stuckHost: 'app-prod-07',
  stuckHostInstance: 'i-t4nstuck00000000007',
} as const;

const MINUTE = 60_000;

/** The triage cases (see TRIAGE); times relative to `now`, chosen so every answer is known. */
export function triageTasks(now: number): ProcessTask[] {
  const common = {
    Creator: 'alice.chen@1436871203985512.onaliyun.com',
    Scope: '1436871203985512',
    ProcessStrategyUuid: '7c2f2a64-5b1e-4e0b-9d55-0e6f3f0a1b02',
  };
  const ipTask = (
    over: Partial<ProcessTask> & { TaskId: string; processedAgo: number; duration: number },
  ) => {
    const { processedAgo, duration, ...rest } = over;
    const processed = now - processedAgo;
    return {
      ...common,
      GmtCreateMillis: processed - 1500,
      GmtModifiedMillis: processed + 500,
      ProcessTime: processed,
      EntityName: TRIAGE.ip,
      EntityType: 'ip',
      EntityUuid: TRIAGE.ipEntityUuid,
      InputParams: JSON.stringify({
        ip: TRIAGE.ip,
        instanceId:
          rest.YunCode === 'WAF'
            ? 'waf_v3prepaid_public_intl-sg-triage0001'
            : 'cfw_elasticity_public_intl-triage0001',
        direction: 'in',
        blockDuration: duration,
      }),
      ...rest,
    } satisfies ProcessTask;
  };
  const fileTask = (over: Partial<ProcessTask> & { TaskId: string; processedAgo: number; path: string }) => {
    const { processedAgo, path, ...rest } = over;
    const processed = now - processedAgo;
    return {
      ...common,
      YunCode: 'Aegis',
      GmtCreateMillis: processed - 2000,
      GmtModifiedMillis: processed + 800,
      ProcessTime: processed,
      EntityName: path,
      EntityType: 'file',
      SceneCode: 'aegis_malicious_file_quarantine',
      SceneName: 'Security Center: quarantine malicious file',
      InputParams: JSON.stringify({
        filePath: path,
        md5: 'e3b0c44298fc1c149afbf4c8996fb924',
        hostName: TRIAGE.host,
        instanceId: TRIAGE.hostInstance,
      }),
      ...rest,
    } satisfies ProcessTask;
  };
  return [
    // Blocked by Cloud Firewall 3 h ago for a day: blocked until now + 21 h.
    ipTask({
      TaskId: TRIAGE_TASK_IDS.triageCfwBlocking,
      processedAgo: 3 * HOUR,
      duration: 86_400,
      YunCode: 'CFW',
      SceneCode: 'cfw_inbound_ip_block',
      SceneName: 'Cloud Firewall: block inbound malicious IP',
      TaskStatus: 21,
      Source: 'custom',
      TriggerSource: 'custom',
      EventUuid: TRIAGE.eventUuid,
      ReqUuid: '3c0e7a51-6b2d-4f84-9e17-c2a8d5f0b001',
    }),
    // WAF blocked it for an hour yesterday; its unblock failed 26 h ago: still blocked.
    ipTask({
      TaskId: TRIAGE_TASK_IDS.triageWafUnblockFailed,
      processedAgo: 27 * HOUR,
      duration: 3600,
      YunCode: 'WAF',
      SceneCode: 'waf_ip_block',
      SceneName: 'WAF: block attacking IP',
      TaskStatus: 91,
      GmtModifiedMillis: now - 26 * HOUR + 12_000,
      ErrCode: 'waf_openapi.Blacklist.RemoveFailed',
      ErrMsg: 'UnblockFailed : The IP address could not be removed from the blacklist of the WAF instance',
      ErrTip: 'Remove the IP address from the blacklist manually in the WAF console',
      Source: 'soar-manual',
      TriggerSource: 'soar-manual',
      EventUuid: TRIAGE.eventUuid,
      ReqUuid: TRIAGE.playbookReqUuid,
    }),
    // And WAF whitelisted it 2 h ago, while the firewall blocks it.
    ipTask({
      TaskId: TRIAGE_TASK_IDS.triageWafWhitelisted,
      processedAgo: 2 * HOUR,
      duration: 3600,
      YunCode: 'WAF',
      SceneCode: 'waf_cc_source_block',
      SceneName: 'WAF: block CC attack source',
      TaskStatus: 24,
      Source: 'system',
      TriggerSource: 'system',
      EventUuid: '8a4c2e19-5f3b-4d7a-b6e0-1c9d3f5a7e22',
      ReqUuid: '3c0e7a51-6b2d-4f84-9e17-c2a8d5f0b003',
    }),
    // Ten days ago, blocked for a day and unblocked on time.
    ipTask({
      TaskId: TRIAGE_TASK_IDS.triageCfwUnblocked,
      processedAgo: 10 * 24 * HOUR,
      duration: 86_400,
      YunCode: 'CFW',
      SceneCode: 'cfw_inbound_ip_block',
      SceneName: 'Cloud Firewall: block inbound malicious IP',
      TaskStatus: 23,
      RemoveTime: now - 9 * 24 * HOUR + 4 * MINUTE,
      GmtModifiedMillis: now - 9 * 24 * HOUR + 4 * MINUTE,
      Source: 'custom_alert',
      TriggerSource: 'custom_alert',
      EventUuid: '9b5d3f2a-6c4e-4e8b-a7f1-2d0e4a6b8f33',
      ReqUuid: '3c0e7a51-6b2d-4f84-9e17-c2a8d5f0b004',
    }),
    // A file quarantined 30 h ago and released 5 h ago (a false positive).
    fileTask({
      TaskId: TRIAGE_TASK_IDS.triageFileReleased,
      processedAgo: 30 * HOUR,
      path: '/tmp/.triage/kworkerd',
      TaskStatus: 23,
      RemoveTime: now - 5 * HOUR,
      GmtModifiedMillis: now - 5 * HOUR,
      Source: 'custom',
      TriggerSource: 'custom',
      EntityUuid: '6f2a8c40-1d3e-4b5f-9a7c-000000000026',
      EventUuid: TRIAGE.eventUuid,
      ReqUuid: '3c0e7a51-6b2d-4f84-9e17-c2a8d5f0b005',
    }),
    // A webshell quarantined 20 h ago, still isolated; InputParams gives no duration.
    fileTask({
      TaskId: TRIAGE_TASK_IDS.triageFileIsolated,
      processedAgo: 20 * HOUR,
      path: '/var/www/html/upload/shell.php',
      SceneCode: 'aegis_webshell_quarantine',
      SceneName: 'Security Center: quarantine webshell',
      TaskStatus: 22,
      Source: 'soar-mdr',
      TriggerSource: 'soar-mdr',
      EntityUuid: '6f2a8c40-1d3e-4b5f-9a7c-000000000027',
      EventUuid: '1e7f9a3c-2b4d-4c6e-8f0a-3b5d7f9e1a44',
      ReqUuid: '3c0e7a51-6b2d-4f84-9e17-c2a8d5f0b006',
    }),
    // The same playbook run as the WAF block killed a miner on the host.
    {
      ...common,
      TaskId: TRIAGE_TASK_IDS.triagePlaybookKill,
      YunCode: 'Aegis',
      GmtCreateMillis: now - 27 * HOUR + 40_000,
      GmtModifiedMillis: now - 27 * HOUR + 46_000,
      ProcessTime: now - 27 * HOUR + 42_000,
      EntityName: 'kdevtmpfsi',
      EntityType: 'process',
      EntityUuid: '6f2a8c40-1d3e-4b5f-9a7c-000000000028',
      SceneCode: 'aegis_miner_process_kill',
      SceneName: 'Security Center: kill mining process',
      TaskStatus: 20,
      InputParams: JSON.stringify({
        processName: 'kdevtmpfsi',
        pid: 4711,
        cmdline: '/tmp/kdevtmpfsi',
        hostName: TRIAGE.host,
        instanceId: TRIAGE.hostInstance,
      }),
      Source: 'soar-manual',
      TriggerSource: 'soar-manual',
      EventUuid: TRIAGE.eventUuid,
      ReqUuid: TRIAGE.playbookReqUuid,
    },
    ...stuckTasks(now, common),
  ];
}

/** The stuck cases (see the top of the file): in progress since a known time, and a block in force. */
function stuckTasks(now: number, common: Partial<ProcessTask>): ProcessTask[] {
  const inProgress = (
    TaskId: string,
    processedAgo: number,
    over: Partial<ProcessTask> & { input: Record<string, unknown> },
  ): ProcessTask => {
    const { input, ...rest } = over;
    const processed = now - processedAgo;
    return {
      ...common,
      TaskId,
      GmtCreateMillis: processed - 1000,
      GmtModifiedMillis: processed,
      ProcessTime: processed,
      TaskStatus: 11,
      Source: 'custom_alert',
      TriggerSource: 'custom_alert',
      EventUuid: TRIAGE.stuckEventUuid,
      ReqUuid: `4d1f8b62-7c3e-4a95-8f28-d3b9e6a1c${TaskId.slice(-3)}`,
      InputParams: JSON.stringify(input),
      ...rest,
    };
  };
  const ipBlock = {
    YunCode: 'CFW',
    EntityName: TRIAGE.stuckIp,
    EntityType: 'ip',
    EntityUuid: '5e1f0a77-23c4-4d8e-9b10-203000113077',
    SceneCode: 'cfw_inbound_ip_block',
    SceneName: 'Cloud Firewall: block inbound malicious IP',
  };
  const ipInput = {
    ip: TRIAGE.stuckIp,
    instanceId: 'cfw_elasticity_public_intl-stuck0001',
    direction: 'in',
    blockDuration: 86_400,
  };
  const host = { hostName: TRIAGE.stuckHost, instanceId: TRIAGE.stuckHostInstance };
  return [
    // The agent went offline while killing a miner 6 h ago: never answered.
    inProgress(TRIAGE_TASK_IDS.triageStuckKill6h, 6 * HOUR, {
      YunCode: 'Aegis',
      EntityName: 'xmrig',
      EntityType: 'process',
      EntityUuid: '6f2a8c40-1d3e-4b5f-9a7c-000000000029',
      SceneCode: 'aegis_miner_process_kill',
      SceneName: 'Security Center: kill mining process',
      input: { processName: 'xmrig', pid: 31337, cmdline: '/dev/shm/xmrig', ...host },
    }),
    // A firewall block that has been "in progress" for 3 h.
    inProgress(TRIAGE_TASK_IDS.triageStuckBlock3h, 3 * HOUR, { ...ipBlock, input: ipInput }),
    // A quarantine started 90 min ago.
    inProgress(TRIAGE_TASK_IDS.triageStuckIsolate90m, 90 * MINUTE, {
      YunCode: 'Aegis',
      EntityName: '/tmp/.stuck/dropper',
      EntityType: 'file',
      EntityUuid: '6f2a8c40-1d3e-4b5f-9a7c-000000000031',
      SceneCode: 'aegis_malicious_file_quarantine',
      SceneName: 'Security Center: quarantine malicious file',
      input: { filePath: '/tmp/.stuck/dropper', md5: '9e107d9d372bb6826bd81d3542a419d6', ...host },
    }),
    // Started at start-up: stuck only once the threshold has passed since.
    inProgress(TRIAGE_TASK_IDS.triageInProgressNow, 0, {
      YunCode: 'Aegis',
      EntityName: '/tmp/.stuck/loader',
      EntityType: 'file',
      EntityUuid: '6f2a8c40-1d3e-4b5f-9a7c-000000000032',
      SceneCode: 'aegis_malicious_file_quarantine',
      SceneName: 'Security Center: quarantine malicious file',
      input: { filePath: '/tmp/.stuck/loader', md5: 'd41d8cd98f00b204e9800998ecf8427e', ...host },
    }),
    // A block in force for 8 h: a state that lasts by design, never stuck.
    inProgress(TRIAGE_TASK_IDS.triageBlockingNotStuck8h, 8 * HOUR, {
      ...ipBlock,
      TaskStatus: 21,
      GmtModifiedMillis: now - 8 * HOUR + 600,
      input: ipInput,
    }),
  ];
}
