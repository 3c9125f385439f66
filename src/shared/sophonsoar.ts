/**
 * The zod schemas of the Sophonsoar (2022-07-28) API, built from the zod-free catalogue
 * (./catalogue.ts, re-exported here): request parameters, response tasks, errors. One
 * module shared by the SPA, the proxy and the emulator, so all three agree on what a
 * valid request is. Code that needs only names and labels imports ./catalogue instead.
 *
 * Request parameters arrive as strings (query string), in the API's own vocabulary:
 * list filters are JSON arrays in a string (`TaskStatus=["90","91"]`), times are
 * 13-digit millisecond timestamps.
 */
import { z } from 'zod';
import { reversedRange } from './range-order';
import {
  CONTROL_CHARS,
  LANGS,
  MS_MAX,
  MS_MIN,
  OPERATIONS,
  PAGE_SIZE_MAX,
  REQUEST_PARAMS,
  type Action,
  type RequestParam,
  type RequestParamName,
} from './catalogue';

export * from './catalogue';
export * from './responses';

const describeOneOf = (values: readonly string[]) =>
  values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`;

const textString = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' });

const integerString = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,16}$/, { message: `must be ${what}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, {
      message: `must be ${what} between ${min} and ${max}`,
    });

/**
 * A JSON array of strings in a string, each item matching `item`; `example` is shown in
 * every message (`["90","91"]`). Items must be JSON strings, as the API documents them:
 * `[90]` or `["90",90]` is refused, not converted.
 *
 * Forward compatibility, on purpose: an item is checked for its form (`item`), not against
 * the documented values. Alibaba adds codes (a new TaskStatus, Source or YunCode appears in
 * answers before it is documented), the SPA shows such a code as "Unknown (N)", and an
 * analyst must be able to filter on what the table shows; so `["25"]` is accepted.
 */
const jsonArrayString = (item: RegExp, what: string, example: string) =>
  z.string().transform((raw, ctx) => {
    const expected = `must be a JSON array of strings (${what}), e.g. ${example}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: expected });
      return z.NEVER;
    }
    if (!Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: expected });
      return z.NEVER;
    }
    if (parsed.length > 50) {
      ctx.addIssue({ code: 'custom', message: `must be a JSON array of at most 50 ${what}` });
      return z.NEVER;
    }
    const out: string[] = [];
    for (const v of parsed) {
      if (typeof v !== 'string' || !item.test(v)) {
        const why =
          typeof v === 'string' ? `${what} expected` : `each item must be a string, e.g. ${example}`;
        ctx.addIssue({ code: 'custom', message: `has an invalid item ${JSON.stringify(v)}: ${why}` });
        return z.NEVER;
      }
      out.push(v);
    }
    return out;
  });

/**
 * A choice parameter's value. With `open` (a vocabulary Alibaba extends, see
 * jsonArrayString) any value of that form is accepted; without it the documented set is
 * closed and anything else is refused, naming the set.
 */
const choiceString = (p: Extract<RequestParam, { kind: 'choice' }>) =>
  'open' in p
    ? z.string().regex(p.open, { message: p.message })
    : z.string().refine((s) => p.values.some((v) => v === s), {
        message: `must be ${describeOneOf(p.values)}`,
      });

/** One of `values`, in any letter case, given back in its canonical spelling. */
const caseInsensitiveOneOf = <V extends string>(values: readonly V[]) =>
  z.string().transform((s, ctx) => {
    const hit = values.find((v) => v.toLowerCase() === s.toLowerCase());
    if (hit === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be ${describeOneOf(values)}` });
      return z.NEVER;
    }
    return hit;
  });

/** A parameter's typed value once validated. */
type ParamValue<P extends RequestParam> = P extends { kind: 'list' }
  ? string[]
  : P extends { kind: 'order' | 'direction'; values: readonly (infer V)[] }
    ? V
    : P extends { kind: 'time' | 'page' | 'pageSize' }
      ? number
      : string;

/** The wire schema of one parameter (strings in, typed values out). */
function wireSchema(p: RequestParam) {
  switch (p.kind) {
    case 'list':
      return jsonArrayString(p.item, p.itemsName, JSON.stringify(p.values.slice(0, 2)));
    case 'choice':
      return choiceString(p);
    case 'text':
      return textString(p.maxLength);
    case 'time':
      return integerString(MS_MIN, MS_MAX, 'a 13-digit millisecond timestamp');
    case 'order':
    case 'direction':
      return caseInsensitiveOneOf(p.values);
    case 'page':
    case 'pageSize':
      return integerString(p.min, p.max, 'a whole number');
  }
}

type ParamsShape = {
  [N in RequestParamName]: z.ZodOptional<z.ZodType<ParamValue<Extract<RequestParam, { name: N }>>, string>>;
};
function paramsShape(): ParamsShape {
  const entries = REQUEST_PARAMS.map((p) => [p.name, wireSchema(p).optional()] as const);
  // Object.fromEntries cannot keep per-key types; wireSchema gives each kind the value
  // type ParamValue names for it.
  return Object.fromEntries(entries) as unknown as ParamsShape;
}

/**
 * DescribeProcessTasks parameters as they travel (strings), parsed into typed values,
 * built from REQUEST_PARAMS. Strict: an unknown parameter is an error that names it.
 */
export const describeProcessTasksParamsSchema = z.strictObject(paramsShape());
export type DescribeProcessTasksParams = z.output<typeof describeProcessTasksParamsSchema>;
/** The wire form: every parameter a string. */
export type DescribeProcessTasksQuery = Partial<Record<RequestParamName, string>>;
export const DESCRIBE_PROCESS_TASKS_PARAMS: readonly RequestParamName[] = REQUEST_PARAMS.map((p) => p.name);

/** `Lang`: the four spellings the docs and the SDK examples use (catalogue LANGS). */
const langSchema = z.enum(LANGS, { message: `must be ${LANGS.join(', ')}` }).optional();
/** RoleFor: the member account ID a management account views as (digits). */
const roleForSchema = z
  .string()
  .regex(/^\d{1,20}$/, { message: 'must be an account ID (digits)' })
  .optional();
/** RoleType: 0 the current account's view (default), 1 every account of the enterprise. */
const roleTypeSchema = z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional();
const idString = textString(256);
const msString = integerString(MS_MIN, MS_MAX, 'a 13-digit millisecond timestamp');

export const describeEnumItemsParamsSchema = z.strictObject({
  EnumType: z.enum(['process'], { message: 'must be process' }),
  Lang: langSchema,
});
export type DescribeEnumItemsParams = z.output<typeof describeEnumItemsParamsSchema>;

/** DescribeProcessStatistics (openapi-meta/api/DescribeProcessStatistics.json). */
export const describeProcessStatisticsParamsSchema = z.strictObject({
  Lang: langSchema,
  RoleFor: roleForSchema,
  RoleType: roleTypeSchema,
});
export type DescribeProcessStatisticsParams = z.output<typeof describeProcessStatisticsParamsSchema>;

/** The most entity UUIDs one DescribeProcessTaskCount call takes (UNVERIFIED: the docs give none). */
export const ENTITY_UUID_LIST_MAX = 100;

/**
 * DescribeProcessTaskCount (openapi-meta/api/DescribeProcessTaskCount.json). The
 * RepeatList `EntityUuidList` travels as `EntityUuidList.1=…&EntityUuidList.2=…`;
 * checkParams gathers those into an array before this schema sees them.
 */
export const describeProcessTaskCountParamsSchema = z.strictObject({
  EntityUuidList: z
    .array(idString)
    .min(1, { message: 'needs at least one entity UUID' })
    .max(ENTITY_UUID_LIST_MAX, { message: `takes at most ${ENTITY_UUID_LIST_MAX} entity UUIDs` }),
  Lang: langSchema,
  RoleFor: roleForSchema,
  RoleType: roleTypeSchema,
});
export type DescribeProcessTaskCountParams = z.output<typeof describeProcessTaskCountParamsSchema>;

/** Playbook run statuses a DescribeSoarRecords query takes, and those a record carries. */
export const SOAR_QUERY_STATUSES = ['success', 'failed', 'inprogress'] as const;
export const SOAR_RECORD_STATUSES = ['success', 'fail', 'running'] as const;
/** Trigger types in the zh-CN metadata of DescribeSoarRecords. */
export const SOAR_TRIGGER_TYPES = ['stream', 'debug', 'manual', 'timer', 'SubInvoke', 'siem'] as const;

/** DescribeSoarRecords (openapi-meta/api/DescribeSoarRecords.json). */
export const describeSoarRecordsParamsSchema = z.strictObject({
  CompletedBeginTime: msString.optional(),
  CompletedEndTime: msString.optional(),
  EndMillis: msString.optional(),
  Lang: langSchema,
  PageNumber: integerString(1, 1_000_000, 'a whole number').optional(),
  PageSize: integerString(1, PAGE_SIZE_MAX, 'a whole number').optional(),
  PlaybookUuid: idString.optional(),
  QueryValue: textString(1024).optional(),
  RequestUuid: idString.optional(),
  StartMillis: msString.optional(),
  TaskStatus: z.enum(SOAR_QUERY_STATUSES, { message: 'must be success, failed or inprogress' }).optional(),
  TaskflowMd5: idString.optional(),
  TriggerType: z
    .enum(SOAR_TRIGGER_TYPES, { message: `must be one of ${SOAR_TRIGGER_TYPES.join(', ')}` })
    .optional(),
  TriggerUser: idString.optional(),
});
export type DescribeSoarRecordsParams = z.output<typeof describeSoarRecordsParamsSchema>;

export const paramsSchemaByAction = {
  DescribeProcessTasks: describeProcessTasksParamsSchema,
  DescribeEnumItems: describeEnumItemsParamsSchema,
  DescribeProcessStatistics: describeProcessStatisticsParamsSchema,
  DescribeProcessTaskCount: describeProcessTaskCountParamsSchema,
  DescribeSoarRecords: describeSoarRecordsParamsSchema,
} as const satisfies Record<Action, z.ZodType>;

export type ParamCheck<T> =
  | { ok: true; value: T }
  | { ok: false; param: string; code: 'InvalidParameter' | 'MissingParameter'; message: string };

/**
 * Moves `<name>.1`, `<name>.2`, … of `flat` into one array (in index order). The indexes
 * must run 1, 2, 3… without gaps or leading zeros (what every SDK sends); the bare name
 * is refused, because the API reads the numbered form only.
 */
function gatherRepeatList(
  flat: Record<string, string>,
  name: string,
): { ok: true; items?: string[] } | { ok: false; message: string } {
  const numbered = new Map<number, string>();
  for (const key of Object.keys(flat)) {
    if (key === name)
      return { ok: false, message: `The parameter ${name} must be sent as ${name}.1, ${name}.2, ….` };
    if (!key.startsWith(name + '.')) continue;
    const index = key.slice(name.length + 1);
    if (!/^[1-9]\d{0,5}$/.test(index))
      return {
        ok: false,
        message: `The parameter ${key} has an invalid index; use ${name}.1, ${name}.2, ….`,
      };
    numbered.set(Number(index), flat[key]!);
    delete flat[key];
  }
  if (numbered.size === 0) return { ok: true };
  for (let i = 1; i <= numbered.size; i++) {
    if (!numbered.has(i))
      return { ok: false, message: `The parameter ${name} skips ${name}.${i}; number the items 1, 2, 3….` };
  }
  return { ok: true, items: [...numbered.keys()].sort((a, b) => a - b).map((i) => numbered.get(i)!) };
}

/** A query like `?=x` has a parameter with an empty name: say so rather than print nothing. */
const paramLabel = (key: string) => (key === '' ? 'without a name (empty name before "=")' : key);

/**
 * Validates a raw query (as parsed by a server: values may repeat) for an action.
 * The first problem is reported with the parameter it concerns, in words an analyst
 * understands. A repeated parameter is an error (the API takes each once).
 */
export function checkParams<A extends Action>(
  action: A,
  raw: Record<string, string | string[] | undefined>,
): ParamCheck<z.output<(typeof paramsSchemaByAction)[A]>> {
  // No prototype: a parameter named __proto__ must stay a plain key (and be refused as unknown).
  const flat: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      return {
        ok: false,
        param: k,
        code: 'InvalidParameter',
        message: `The parameter ${paramLabel(k)} is given more than once.`,
      };
    }
    flat[k] = v;
  }
  const input: Record<string, unknown> = flat;
  for (const name of (OPERATIONS[action] as { repeatLists?: readonly string[] }).repeatLists ?? []) {
    const gathered = gatherRepeatList(flat, name);
    if (!gathered.ok) return { ok: false, param: name, code: 'InvalidParameter', message: gathered.message };
    if (gathered.items) input[name] = gathered.items;
  }
  const schema = paramsSchemaByAction[action];
  const r = schema.safeParse(input);
  if (r.success) {
    const reversed = reversedRange(r.data);
    if (reversed) return { ok: false, code: 'InvalidParameter', ...reversed };
    return { ok: true, value: r.data as z.output<(typeof paramsSchemaByAction)[A]> };
  }
  const issue = r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    return {
      ok: false,
      param: key,
      code: 'InvalidParameter',
      message: `The parameter ${paramLabel(key)} is not supported by ${action}.`,
    };
  }
  const top = String(issue.path[0] ?? '');
  // An item of a RepeatList is named as it travelled: EntityUuidList.3.
  const param = typeof issue.path[1] === 'number' ? `${top}.${issue.path[1] + 1}` : top;
  if (param && input[param] === undefined && param === top) {
    return { ok: false, param, code: 'MissingParameter', message: `The parameter ${param} is required.` };
  }
  return { ok: false, param, code: 'InvalidParameter', message: `The parameter ${param} ${issue.message}.` };
}
