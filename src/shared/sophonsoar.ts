/**
 * The Sophonsoar (2022-07-28) API as this project knows it: constants, request
 * parameter schemas and response schemas. One module shared by the SPA, the proxy
 * and the emulator, so all three agree on what a valid request is.
 *
 * Request parameters arrive as strings (query string), in the API's own vocabulary:
 * list filters are JSON arrays in a string (`TaskStatus=["90","91"]`), times are
 * 13-digit millisecond timestamps.
 */
import { z } from 'zod';

export const PRODUCT = 'Sophonsoar';
export const API_VERSION = '2022-07-28';

/** Read-only actions the proxy forwards. Anything else is refused. */
export const ACTIONS = ['DescribeProcessTasks', 'DescribeEnumItems'] as const;
export type Action = (typeof ACTIONS)[number];

/** Documented TaskStatus codes. Any other code is shown as "unknown (N)", never an error. */
export const TASK_STATUSES = [11, 21, 22, 23, 24, 20, 90, 91, 92] as const;
export type KnownTaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses that carry ErrCode / ErrMsg / ErrTip. */
export const FAILED_TASK_STATUSES: readonly number[] = [90, 91, 92];

export const SOURCES = ['system', 'custom', 'custom_alert', 'soar-manual', 'soar-mdr'] as const;
export const YUN_CODES = ['WAF', 'CFW', 'Aegis'] as const;
export const ENTITY_TYPES = ['ip', 'file', 'process'] as const;

/** Fields DescribeProcessTasks can order by. Only gmtCreate is documented; the rest are a
 * choice (UNVERIFIED upstream), kept in this one list so they are easy to change. */
export const ORDER_FIELDS = ['gmtCreate', 'gmtModified', 'processTime', 'removeTime'] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];
export const DIRECTIONS = ['asc', 'desc'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;

/** Inclusive bounds for a 13-digit millisecond timestamp (2001-09-09 .. 2286-11-20). */
const MS_MIN = 1_000_000_000_000;
const MS_MAX = 9_999_999_999_999;

const ID_MAX = 256;
const TEXT_MAX = 1024;

const trimmedString = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), {
      message: 'must not contain control characters',
    });

const integerString = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,16}$/, { message: `must be ${what}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, {
      message: `must be ${what} between ${min} and ${max}`,
    });

const msTimestamp = integerString(MS_MIN, MS_MAX, 'a 13-digit millisecond timestamp');

/** A JSON array of strings in a string, each item matching `item`. */
const jsonArrayString = (item: z.ZodString, what: string) =>
  z.string().transform((raw, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a JSON array of ${what}, e.g. ["a","b"]` });
      return z.NEVER;
    }
    if (!Array.isArray(parsed) || parsed.length > 50) {
      ctx.addIssue({ code: 'custom', message: `must be a JSON array of at most 50 ${what}` });
      return z.NEVER;
    }
    const out: string[] = [];
    for (const v of parsed) {
      const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : v;
      const r = item.safeParse(s);
      if (!r.success) {
        ctx.addIssue({
          code: 'custom',
          message: `has an invalid item ${JSON.stringify(v)}: ${what} expected`,
        });
        return z.NEVER;
      }
      out.push(r.data);
    }
    return out;
  });

/**
 * DescribeProcessTasks parameters as they travel (strings), parsed into typed values.
 * Strict: an unknown parameter is an error that names it.
 */
export const describeProcessTasksParamsSchema = z.strictObject({
  TaskStatus: jsonArrayString(z.string().regex(/^\d{1,4}$/), 'status codes').optional(),
  Source: jsonArrayString(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), 'source names').optional(),
  YunCode: jsonArrayString(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), 'product codes').optional(),
  TriggerSource: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be a source name such as system or soar-manual' })
    .optional(),
  EntityType: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be an entity type such as ip, file or process' })
    .optional(),
  EntityName: trimmedString(TEXT_MAX).optional(),
  EntityUuid: trimmedString(ID_MAX).optional(),
  EventUuid: trimmedString(ID_MAX).optional(),
  TaskId: trimmedString(ID_MAX).optional(),
  ReqUuid: trimmedString(ID_MAX).optional(),
  ProcessStrategyUuid: trimmedString(ID_MAX).optional(),
  SceneCode: trimmedString(ID_MAX).optional(),
  Scope: trimmedString(ID_MAX).optional(),
  ParamContent: trimmedString(TEXT_MAX).optional(),
  ProcessActionStart: msTimestamp.optional(),
  ProcessActionEnd: msTimestamp.optional(),
  ProcessRemoveStart: msTimestamp.optional(),
  ProcessRemoveEnd: msTimestamp.optional(),
  OrderField: z
    .string()
    .transform((s, ctx) => {
      const hit = ORDER_FIELDS.find((f) => f.toLowerCase() === s.toLowerCase());
      if (!hit) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${ORDER_FIELDS.join(', ')}` });
        return z.NEVER;
      }
      return hit;
    })
    .optional(),
  Direction: z
    .string()
    .transform((s, ctx) => {
      const d = s.toLowerCase();
      if (d !== 'asc' && d !== 'desc') {
        ctx.addIssue({ code: 'custom', message: 'must be asc or desc' });
        return z.NEVER;
      }
      return d as Direction;
    })
    .optional(),
  PageNumber: integerString(1, 1_000_000, 'a whole number').optional(),
  PageSize: integerString(1, PAGE_SIZE_MAX, 'a whole number').optional(),
});
export type DescribeProcessTasksParams = z.output<typeof describeProcessTasksParamsSchema>;
/** The wire form: every parameter a string. */
export type DescribeProcessTasksQuery = Partial<Record<keyof DescribeProcessTasksParams, string>>;
export const DESCRIBE_PROCESS_TASKS_PARAMS = Object.keys(
  describeProcessTasksParamsSchema.shape,
) as (keyof DescribeProcessTasksParams)[];

export const describeEnumItemsParamsSchema = z.strictObject({
  EnumType: z.enum(['process'], { message: 'must be process' }),
  Lang: z.enum(['zh', 'en'], { message: 'must be zh or en' }).optional(),
});
export type DescribeEnumItemsParams = z.output<typeof describeEnumItemsParamsSchema>;

export const paramsSchemaByAction = {
  DescribeProcessTasks: describeProcessTasksParamsSchema,
  DescribeEnumItems: describeEnumItemsParamsSchema,
} as const;

export type ParamCheck<T> =
  | { ok: true; value: T }
  | { ok: false; param: string; code: 'InvalidParameter' | 'MissingParameter'; message: string };

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
  const schema = paramsSchemaByAction[action];
  const r = schema.safeParse(flat);
  if (r.success) return { ok: true, value: r.data as z.output<(typeof paramsSchemaByAction)[A]> };
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
  const param = String(issue.path[0] ?? '');
  if (param && flat[param] === undefined) {
    return { ok: false, param, code: 'MissingParameter', message: `The parameter ${param} is required.` };
  }
  return { ok: false, param, code: 'InvalidParameter', message: `The parameter ${param} ${issue.message}.` };
}

/** One response task. Every field but TaskId may be missing upstream. Unknown fields pass through. */
export const processTaskSchema = z.looseObject({
  TaskId: z.string(),
  Creator: z.string().optional(),
  GmtCreateMillis: z.number().optional(),
  GmtModifiedMillis: z.number().optional(),
  YunCode: z.string().optional(),
  EntityName: z.string().optional(),
  EntityType: z.string().optional(),
  TaskStatus: z.number().optional(),
  Scope: z.string().optional(),
  /** A JSON document in a string, or empty, or not JSON at all. */
  InputParams: z.string().optional(),
  SceneCode: z.string().optional(),
  SceneName: z.string().optional(),
  ProcessTime: z.number().optional(),
  RemoveTime: z.number().optional(),
  ProcessStrategyUuid: z.string().optional(),
  Source: z.string().optional(),
  ErrCode: z.string().optional(),
  ErrMsg: z.string().optional(),
  ErrTip: z.string().optional(),
  EntityUuid: z.string().optional(),
  EventUuid: z.string().optional(),
  ReqUuid: z.string().optional(),
  TriggerSource: z.string().optional(),
});
export type ProcessTask = z.infer<typeof processTaskSchema>;
/** Every documented field of a task, in display order. */
export const PROCESS_TASK_FIELDS = Object.keys(processTaskSchema.shape) as (keyof ProcessTask & string)[];

export const describeProcessTasksResponseSchema = z.looseObject({
  RequestId: z.string(),
  ProcessTasks: z.array(processTaskSchema),
  Page: z.looseObject({
    TotalCount: z.number(),
    PageNumber: z.number(),
    PageSize: z.number(),
  }),
});
export type DescribeProcessTasksResponse = z.infer<typeof describeProcessTasksResponseSchema>;

export const describeEnumItemsResponseSchema = z.looseObject({
  RequestId: z.string(),
  Data: z.array(z.looseObject({ Key: z.string(), Value: z.string() })),
});
export type DescribeEnumItemsResponse = z.infer<typeof describeEnumItemsResponseSchema>;

/** Alibaba's error body. The proxy answers its own errors in the same shape. */
export const apiErrorSchema = z.looseObject({
  RequestId: z.string(),
  Code: z.string(),
  Message: z.string(),
  HostId: z.string().optional(),
  Recommend: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** GET /api/config */
export const appConfigSchema = z.object({
  mode: z.enum(['live', 'demo']),
  endpointHost: z.string(),
  /** How the proxy signs: the credential provider type (e.g. `cli_profile/ecs_ram_role`), never the key. */
  credentialProvider: z.string().optional(),
  version: z.string(),
  /** The request rate a CSV export may use through the proxy (the operator's setting). */
  exportMaxRequestsPerSecond: z.number().positive().optional(),
});
export type AppConfig = z.infer<typeof appConfigSchema>;
