/**
 * The Sophonsoar (2022-07-28) API in one place, as plain data: no zod, so the SPA's
 * labels, the URL codec and the CSV worker read it for free. `sophonsoar.ts` builds the
 * zod schemas the proxy and the emulator validate with from the same entries.
 *
 * Adding a DescribeProcessTasks parameter means one entry in REQUEST_PARAMS plus its
 * label (`field.<Name>` in src/lib/messages-en.ts); the URL codec, the wire query, the
 * proxy's validation, the emulator's filter, the filter panel, the chips and the export's
 * file name all follow. Source of the facts: /work/shared/reference/sophonsoar-api.md
 * (Alibaba's API pages and SDK models); UNVERIFIED marks a choice where they are silent.
 */

export const PRODUCT = 'Sophonsoar';
export const API_VERSION = '2022-07-28';

/**
 * The read-only operations the proxy forwards (anything else is refused), with the facts
 * the proxy and the emulator both read from this one table:
 * - methods: the HTTP methods the API metadata declares (openapi-meta/api/<Op>.json);
 *   the emulator refuses any other;
 * - sdkMethod: the method the current SDKs (4.0.x) send, which the proxy sends;
 * - pageSizeDefault: the rows an answer has when PageSize is omitted ("If the PageSize
 *   parameter is empty, it will return 10 entries by default"); the proxy always sends it.
 * - repeatLists: parameters of type RepeatList in the metadata.
 * The RAM action of each is `yundun-sas:<name>` (README's RAM policy lists exactly these).
 */
export const OPERATIONS = {
  DescribeProcessTasks: { methods: ['GET', 'POST'], sdkMethod: 'POST', pageSizeDefault: 10 },
  DescribeEnumItems: { methods: ['GET'], sdkMethod: 'GET' },
  DescribeProcessStatistics: { methods: ['GET'], sdkMethod: 'GET' },
  DescribeProcessTaskCount: { methods: ['GET'], sdkMethod: 'GET', repeatLists: ['EntityUuidList'] },
  DescribeSoarRecords: { methods: ['GET'], sdkMethod: 'GET', pageSizeDefault: 10 },
} as const satisfies Record<string, OperationSpec>;

export interface OperationSpec {
  methods: readonly ('GET' | 'POST')[];
  sdkMethod: 'GET' | 'POST';
  pageSizeDefault?: number;
  /** RepeatList parameters, sent flat as `<Name>.1=…&<Name>.2=…` (metadata type RepeatList). */
  repeatLists?: readonly string[];
}
export type Action = keyof typeof OPERATIONS;
/** Read-only actions the proxy forwards, in the table's order. Anything else is refused. */
export const ACTIONS = Object.keys(OPERATIONS) as readonly Action[];
/** The operation spec of an action name; undefined for one the console does not use. */
export function operation(name: string): OperationSpec | undefined {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name)
    ? (OPERATIONS as Record<string, OperationSpec>)[name]
    : undefined;
}

/**
 * Values of `Lang`: the docs say `zh` (default) and `en`; the SDK examples (and
 * DescribeEnumItems' own doc) use `zh_cn` and `en_us`. All four are accepted.
 */
export const LANGS = ['zh', 'en', 'zh_cn', 'en_us'] as const;
export type Lang = (typeof LANGS)[number];
/** The Lang value for a UI locale: `en` for English, `zh` for everything else (the API default). */
export function langOf(locale: string): 'zh' | 'en' {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
/** True when `lang` asks for English (`en`, `en_us`), false for Chinese or none. */
export const isEnglish = (lang: string | undefined): boolean => lang === 'en' || lang === 'en_us';

/** TaskStatus codes by meaning. Any other code is "Unknown (N)", never an error. */
export const TASK_STATUS_GROUPS = {
  inProgress: [11, 21, 22],
  done: [20, 23, 24],
  failed: [90, 91, 92],
} as const;
export type TaskStatusGroup = keyof typeof TASK_STATUS_GROUPS;
/** Documented TaskStatus codes, in the documentation's order (the filter's options). */
export const TASK_STATUSES = [11, 21, 22, 23, 24, 20, 90, 91, 92] as const;
export type KnownTaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses that carry ErrCode / ErrMsg / ErrTip. */
export const FAILED_TASK_STATUSES: readonly number[] = TASK_STATUS_GROUPS.failed;

/** The group of a status code; undefined for codes outside the documented list. */
export function statusGroup(code: number): TaskStatusGroup | undefined {
  if (TASK_STATUS_GROUPS.inProgress.some((c) => c === code)) return 'inProgress';
  if (TASK_STATUS_GROUPS.done.some((c) => c === code)) return 'done';
  if (TASK_STATUS_GROUPS.failed.some((c) => c === code)) return 'failed';
  return undefined;
}

export const SOURCES = ['system', 'custom', 'custom_alert', 'soar-manual', 'soar-mdr'] as const;
/** Products (YunCode). */
export const YUN_CODES = ['WAF', 'CFW', 'Aegis'] as const;
export const ENTITY_TYPES = ['ip', 'file', 'process'] as const;

export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;
/** The page sizes a link may carry (the table offers these). */
export const PAGE_SIZES = [10, 20, 50, 100] as const;

/**
 * Fields of a response task (ProcessTask), in the API's order (also the order of an
 * "all fields" CSV export). Every field but TaskId may be missing upstream.
 * - type: `ms` is a 13-digit millisecond timestamp, `json` a JSON document in a string,
 *   `code` a machine code (shown monospaced);
 * - valueLabels: the vocabulary whose labels show the value (`status.90`);
 * - group: where the task drawer shows it;
 * - csv: `raw` is the API value; `iso` adds `<name>_ISO` before it; `label` adds
 *   `<name>_Label` after it;
 * - orderField: the OrderField value that sorts by this field.
 * The label key of every field is `field.<name>`.
 */
export const TASK_FIELDS = [
  { name: 'TaskId', type: 'string', group: 'ids', csv: 'raw' },
  { name: 'Creator', type: 'string', group: 'ids', csv: 'raw' },
  { name: 'GmtCreateMillis', type: 'ms', group: 'times', csv: 'iso', orderField: 'gmtCreate' },
  { name: 'GmtModifiedMillis', type: 'ms', group: 'times', csv: 'iso', orderField: 'gmtModified' },
  { name: 'YunCode', type: 'string', group: 'summary', csv: 'raw', valueLabels: 'product' },
  { name: 'EntityName', type: 'string', group: 'summary', csv: 'raw' },
  { name: 'EntityType', type: 'string', group: 'summary', csv: 'raw', valueLabels: 'entityType' },
  { name: 'TaskStatus', type: 'number', group: 'summary', csv: 'label', valueLabels: 'status' },
  { name: 'Scope', type: 'string', group: 'ids', csv: 'raw' },
  { name: 'InputParams', type: 'json', group: 'input', csv: 'raw' },
  { name: 'SceneCode', type: 'code', group: 'summary', csv: 'raw' },
  { name: 'SceneName', type: 'string', group: 'summary', csv: 'raw' },
  { name: 'ProcessTime', type: 'ms', group: 'times', csv: 'iso', orderField: 'processTime' },
  { name: 'RemoveTime', type: 'ms', group: 'times', csv: 'iso', orderField: 'removeTime' },
  { name: 'ProcessStrategyUuid', type: 'string', group: 'ids', csv: 'raw' },
  { name: 'Source', type: 'string', group: 'summary', csv: 'raw', valueLabels: 'source' },
  { name: 'ErrCode', type: 'code', group: 'error', csv: 'raw' },
  { name: 'ErrMsg', type: 'string', group: 'error', csv: 'raw' },
  { name: 'ErrTip', type: 'string', group: 'error', csv: 'raw' },
  { name: 'EntityUuid', type: 'string', group: 'ids', csv: 'raw' },
  { name: 'EventUuid', type: 'string', group: 'ids', csv: 'raw' },
  { name: 'ReqUuid', type: 'string', group: 'ids', csv: 'raw' },
  { name: 'TriggerSource', type: 'string', group: 'summary', csv: 'raw', valueLabels: 'source' },
  // UNVERIFIED: the newest SDK models send these three as DescribeProcessTasks filters but
  // the response models do not list them; the console reads them when a task carries them
  // (the emulator's tasks do: see src/server/emulator/dataset.ts).
  { name: 'AlertId', type: 'string', group: 'ids', csv: 'raw' },
  { name: 'ExecuteUuid', type: 'string', group: 'ids', csv: 'raw' },
  { name: 'ResponseRuleId', type: 'string', group: 'ids', csv: 'raw' },
] as const satisfies readonly TaskFieldSpec[];

export interface TaskFieldSpec {
  name: string;
  type: 'string' | 'code' | 'number' | 'ms' | 'json';
  group: 'summary' | 'ids' | 'times' | 'error' | 'input';
  csv: 'raw' | 'iso' | 'label';
  orderField?: string;
  valueLabels?: ValueLabels;
}
export type TaskField = (typeof TASK_FIELDS)[number];
export type TaskFieldName = TaskField['name'];
export type MsFieldName = Extract<TaskField, { type: 'ms' }>['name'];
export type StringFieldName = Extract<TaskField, { type: 'string' | 'code' | 'json' }>['name'];
export type TaskFieldGroup = TaskFieldSpec['group'];
export const TASK_FIELD_NAMES: readonly TaskFieldName[] = TASK_FIELDS.map((f) => f.name);

/** Fields DescribeProcessTasks can order by, with their OrderField value. Only gmtCreate is
 * documented; the rest are a choice (UNVERIFIED upstream). */
export const ORDERABLE_FIELDS = TASK_FIELDS.filter(
  (f): f is Extract<TaskField, { orderField: string }> => 'orderField' in f,
);
export type OrderField = Extract<TaskField, { orderField: string }>['orderField'];
export const ORDER_FIELDS: readonly OrderField[] = ORDERABLE_FIELDS.map((f) => f.orderField);
/** The task field an OrderField value sorts by. */
export function orderedField(orderField: OrderField): Extract<TaskField, { orderField: string }>['name'] {
  const hit = ORDERABLE_FIELDS.find((f) => f.orderField === orderField);
  if (!hit) throw new Error(`OrderField ${orderField} is not in the catalogue`);
  return hit.name;
}
export const DIRECTIONS = ['asc', 'desc'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** The order the API applies when asked for none (UNVERIFIED for gmtCreate; desc is documented). */
export const DEFAULT_ORDER_FIELD: OrderField = 'gmtCreate';
export const DEFAULT_DIRECTION: Direction = 'desc';

/** Inclusive bounds of a 13-digit millisecond timestamp (2001-09-09 .. 2286-11-20). */
export const MS_MIN = 1_000_000_000_000;
export const MS_MAX = 9_999_999_999_999;
const ID_MAX = 256;
const TEXT_MAX = 1024;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * DescribeProcessTasks request parameters (all optional), in the order links list them.
 * The label key of each is `field.<name>`. Per kind:
 * - list: wire `["90","91"]` (a JSON array of at most 50 strings in a string, each
 *   matching `item`); URL `90,91`. `values` are the documented ones; a link may also
 *   carry an undocumented value matching `open` (the API returns codes it does not
 *   document, and an analyst must be able to filter on what the table shows). The
 *   emulator keeps tasks whose `field` is one of the items.
 * - choice: one documented value; wire and URL as is. The wire accepts only `values`
 *   (a closed set, such as EntityType) unless `open` is given (a vocabulary Alibaba
 *   extends, such as TriggerSource); the emulator matches `field` exactly.
 * - text: any text without control characters, at most `maxLength`; the emulator
 *   matches `field` exactly (`equals`) or searches `fields` case-insensitively
 *   (`contains`). `suggest` names the action that lists usual values.
 * - time: wire 13-digit ms; URL also relative (`now-24h`, see time-expr.ts). Inclusive
 *   bound (`from`/`until`, UNVERIFIED) on `field`; a task without the field never matches.
 *   `valueLabels` is the message-key prefix of the values' labels (`status.90`).
 * - order / direction / page / pageSize: the view's sort and paging; defaults are left
 *   out of links, and the wire query always states the order.
 */
export const REQUEST_PARAMS = [
  {
    name: 'TaskStatus',
    kind: 'list',
    values: TASK_STATUSES.map(String),
    item: /^\d{1,4}$/,
    itemsName: 'status codes',
    open: /^\d{1,4}$/,
    field: 'TaskStatus',
    valueLabels: 'status',
    fileLabel: 'status',
  },
  {
    name: 'YunCode',
    kind: 'list',
    values: YUN_CODES,
    item: CODE,
    itemsName: 'product codes',
    open: /^[A-Za-z][A-Za-z0-9_-]{0,31}$/,
    field: 'YunCode',
    valueLabels: 'product',
    fileLabel: 'product',
  },
  {
    name: 'Source',
    kind: 'list',
    values: SOURCES,
    item: CODE,
    itemsName: 'source names',
    field: 'Source',
    valueLabels: 'source',
    fileLabel: 'source',
  },
  {
    name: 'TriggerSource',
    kind: 'choice',
    values: SOURCES,
    pattern: CODE,
    // Open, like Source: Alibaba adds sources; a well-formed name is accepted.
    open: CODE,
    message: 'must be a source name such as system or soar-manual',
    match: 'equals',
    field: 'TriggerSource',
    valueLabels: 'source',
    fileLabel: 'trigger',
  },
  {
    name: 'EntityType',
    kind: 'choice',
    values: ENTITY_TYPES,
    pattern: CODE,
    message: 'must be an entity type such as ip, file or process',
    match: 'equals',
    field: 'EntityType',
    valueLabels: 'entityType',
    fileLabel: 'type',
  },
  {
    name: 'EntityName',
    kind: 'text',
    maxLength: TEXT_MAX,
    match: 'equals',
    field: 'EntityName',
    fileLabel: 'entity',
  },
  {
    name: 'SceneCode',
    kind: 'text',
    maxLength: ID_MAX,
    match: 'equals',
    field: 'SceneCode',
    fileLabel: 'scene',
    suggest: 'DescribeEnumItems',
  },
  { name: 'TaskId', kind: 'text', maxLength: ID_MAX, match: 'equals', field: 'TaskId', fileLabel: 'task' },
  {
    name: 'EventUuid',
    kind: 'text',
    maxLength: ID_MAX,
    match: 'equals',
    field: 'EventUuid',
    fileLabel: 'event',
  },
  {
    name: 'EntityUuid',
    kind: 'text',
    maxLength: ID_MAX,
    match: 'equals',
    field: 'EntityUuid',
    fileLabel: 'entityuuid',
  },
  { name: 'ReqUuid', kind: 'text', maxLength: ID_MAX, match: 'equals', field: 'ReqUuid', fileLabel: 'req' },
  {
    name: 'ProcessStrategyUuid',
    kind: 'text',
    maxLength: ID_MAX,
    match: 'equals',
    field: 'ProcessStrategyUuid',
    fileLabel: 'strategy',
  },
  { name: 'Scope', kind: 'text', maxLength: ID_MAX, match: 'equals', field: 'Scope', fileLabel: 'account' },
  // Newest SDK models (undocumented): the alert that raised the task, the execution and
  // the automatic response rule behind it. Exact match, like the other IDs.
  { name: 'AlertId', kind: 'text', maxLength: ID_MAX, match: 'equals', field: 'AlertId', fileLabel: 'alert' },
  {
    name: 'ExecuteUuid',
    kind: 'text',
    maxLength: ID_MAX,
    match: 'equals',
    field: 'ExecuteUuid',
    fileLabel: 'execution',
  },
  {
    name: 'ResponseRuleId',
    kind: 'text',
    maxLength: ID_MAX,
    match: 'equals',
    field: 'ResponseRuleId',
    fileLabel: 'rule',
  },
  {
    name: 'ParamContent',
    kind: 'text',
    maxLength: TEXT_MAX,
    // UNVERIFIED: "fuzzy keyword over the entity, the response scene and the parameters".
    match: 'contains',
    fields: ['EntityName', 'SceneCode', 'SceneName', 'InputParams'],
    fileLabel: 'keyword',
  },
  { name: 'ProcessActionStart', kind: 'time', bound: 'from', field: 'ProcessTime' },
  { name: 'ProcessActionEnd', kind: 'time', bound: 'until', field: 'ProcessTime' },
  { name: 'ProcessRemoveStart', kind: 'time', bound: 'from', field: 'RemoveTime' },
  { name: 'ProcessRemoveEnd', kind: 'time', bound: 'until', field: 'RemoveTime' },
  { name: 'OrderField', kind: 'order', values: ORDER_FIELDS, default: DEFAULT_ORDER_FIELD },
  { name: 'Direction', kind: 'direction', values: DIRECTIONS, default: DEFAULT_DIRECTION },
  { name: 'PageNumber', kind: 'page', min: 1, max: 1_000_000, default: 1 },
  {
    name: 'PageSize',
    kind: 'pageSize',
    min: 1,
    max: PAGE_SIZE_MAX,
    default: PAGE_SIZE_DEFAULT,
    values: PAGE_SIZES,
  },
] as const satisfies readonly RequestParamSpec[];

/** The message-key prefix of a code's label: `status.90`, `product.WAF`, `source.system`, `entityType.ip`. */
export type ValueLabels = 'status' | 'product' | 'source' | 'entityType';

export type RequestParamSpec =
  | {
      name: string;
      kind: 'list';
      values: readonly string[];
      item: RegExp;
      itemsName: string;
      open?: RegExp;
      field: TaskFieldName;
      valueLabels: ValueLabels;
      fileLabel: string;
    }
  | {
      name: string;
      kind: 'choice';
      values: readonly string[];
      pattern: RegExp;
      /** The wire also accepts an undocumented value of this form; absent: `values` only. */
      open?: RegExp;
      message: string;
      match: 'equals';
      field: StringFieldName;
      valueLabels: ValueLabels;
      fileLabel: string;
    }
  | {
      name: string;
      kind: 'text';
      maxLength: number;
      match: 'equals';
      field: StringFieldName;
      fileLabel: string;
      suggest?: 'DescribeEnumItems';
    }
  | {
      name: string;
      kind: 'text';
      maxLength: number;
      match: 'contains';
      fields: readonly StringFieldName[];
      fileLabel: string;
    }
  | { name: string; kind: 'time'; bound: 'from' | 'until'; field: MsFieldName }
  | { name: string; kind: 'order' | 'direction'; values: readonly string[]; default: string }
  | {
      name: string;
      kind: 'page' | 'pageSize';
      min: number;
      max: number;
      default: number;
      values?: readonly number[];
    };

export type RequestParam = (typeof REQUEST_PARAMS)[number];
export type RequestParamName = RequestParam['name'];
export type ParamOfKind<K extends RequestParam['kind']> = Extract<RequestParam, { kind: K }>;
export type ListParamName = ParamOfKind<'list'>['name'];
export type ChoiceParamName = ParamOfKind<'choice'>['name'];
export type TextParamName = ParamOfKind<'text'>['name'];
export type TimeParamName = ParamOfKind<'time'>['name'];
/** Parameters that filter tasks (not sort or page). */
export type FilterParam = ParamOfKind<'list' | 'choice' | 'text' | 'time'>;
export type FilterParamName = FilterParam['name'];

const isFilter = (p: RequestParam): p is FilterParam =>
  p.kind === 'list' || p.kind === 'choice' || p.kind === 'text' || p.kind === 'time';
export const FILTER_PARAMS: readonly FilterParam[] = REQUEST_PARAMS.filter(isFilter);
export const REQUEST_PARAM_NAMES: readonly RequestParamName[] = REQUEST_PARAMS.map((p) => p.name);

/** The parameter of that name, or undefined for a name the API does not have. */
export function requestParam(name: string): RequestParam | undefined {
  return REQUEST_PARAMS.find((p) => p.name === name);
}

/**
 * Pairs of time parameters that form one range on one task field, with the label key
 * of the range (`field.<id>`) and its word in export file names.
 */
export const TIME_RANGES = [
  { id: 'ProcessActionRange', start: 'ProcessActionStart', end: 'ProcessActionEnd', fileLabel: 'processed' },
  { id: 'ProcessRemoveRange', start: 'ProcessRemoveStart', end: 'ProcessRemoveEnd', fileLabel: 'unblocked' },
] as const satisfies readonly { id: string; start: TimeParamName; end: TimeParamName; fileLabel: string }[];
export type TimeRange = (typeof TIME_RANGES)[number];

/** Text allowed in a text parameter: no control characters (tab, LF and CR are allowed). */
export const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** True when `value` is a valid wire value of a text parameter. */
export function isValidText(spec: { maxLength: number }, value: string): boolean {
  return value.length <= spec.maxLength && !CONTROL_CHARS.test(value);
}

/** The message key of a parameter's, field's or range's label: `field.<name>`. */
export function labelKey<N extends string>(name: N): `field.${N}` {
  return `field.${name}`;
}
