/**
 * The response schemas of the Sophonsoar API and of the proxy's own `/api/config`, built
 * from the catalogue with `zod/mini` (zod 4's tree-shakable form: the same parser and the
 * same rules as full zod, a few KB in the browser instead of ~25 KB gzip). The SPA's first
 * screen validates its first page with these; ./sophonsoar.ts re-exports them for the
 * proxy, the emulator and the tests.
 */
import * as z from 'zod/mini';
import { TASK_FIELDS, type Action, type TaskField } from './catalogue';

/**
 * Responses are read as leniently as the SDK models read them: every field optional,
 * `null` the same as absent, unknown fields kept. `dropNulls` removes the null-valued
 * keys of a plain object before its schema sees it.
 */
function dropNulls(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = x;
  return out;
}
/** A response object: loose (unknown fields kept) and null-tolerant. */
const lenientObject = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.pipe(z.transform(dropNulls), z.looseObject(shape));
/** A number field: a JSON number (text there is unusable, as in the SDK models' typed fields). */
const lenientNumber = z.number({ message: 'expected a number' });
const lenientString = z.string({ message: 'expected text' });
/** A list field: null or absent is `[]`. */
const lenientArray = <T extends z.core.SomeType>(item: T) =>
  z.pipe(
    z.transform((v: unknown) => (v === null || v === undefined ? [] : v)),
    z.array(item, { message: 'expected a list' }),
  );

const fieldSchema = (f: TaskField, lenient: boolean) =>
  f.type === 'number' || f.type === 'ms'
    ? z.optional(lenient ? lenientNumber : z.number())
    : z.optional(lenient ? lenientString : z.string());
type FieldValue<F extends TaskField> = F extends { type: 'number' | 'ms' } ? number : string;
type TaskShape = {
  [N in TaskField['name']]: z.ZodMiniOptional<z.ZodMiniType<FieldValue<Extract<TaskField, { name: N }>>>>;
};
function taskShape(lenient: boolean): TaskShape {
  // One entry per catalogue field, typed by FieldValue (Object.fromEntries cannot keep it).
  return Object.fromEntries(
    TASK_FIELDS.map((f) => [f.name, fieldSchema(f, lenient)] as const),
  ) as unknown as TaskShape;
}

/**
 * One task as the emulator holds and answers it (and tests read it back): every field
 * but TaskId optional, unknown fields kept. The SPA reads answers with the lenient
 * `taskRecordSchema` instead.
 */
export const processTaskSchema = z.looseObject({ ...taskShape(false), TaskId: z.string() });
export type ProcessTask = z.infer<typeof processTaskSchema>;
/** Every documented field of a task, in the API's order. */
export const PROCESS_TASK_FIELDS: readonly TaskField['name'][] = TASK_FIELDS.map((f) => f.name);

/** DescribeProcessTasks' answer as the emulator gives it (tests parse its answers with this). */
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

/**
 * One task as the SPA reads it, as leniently as the SDK models: every field optional
 * (TaskId too), null read as absent, unknown fields kept. InputParams is a JSON document
 * in a string, or empty, or not JSON at all.
 */
export const taskRecordSchema = lenientObject(taskShape(true));
export type TaskRecord = z.infer<typeof taskRecordSchema>;

const pageSchema = lenientObject({
  TotalCount: z.optional(lenientNumber),
  PageNumber: z.optional(lenientNumber),
  PageSize: z.optional(lenientNumber),
});

/** DescribeProcessTasks' answer as the SPA reads it: `ProcessTasks` missing or null is `[]`; `Page` optional. */
export const processTasksAnswerSchema = lenientObject({
  RequestId: z.optional(lenientString),
  ProcessTasks: lenientArray(taskRecordSchema),
  Page: z.optional(pageSchema),
});
export type ProcessTasksAnswer = z.infer<typeof processTasksAnswerSchema>;

export const describeEnumItemsResponseSchema = lenientObject({
  RequestId: z.optional(lenientString),
  Data: lenientArray(lenientObject({ Key: z.optional(lenientString), Value: z.optional(lenientString) })),
});
export type DescribeEnumItemsResponse = z.infer<typeof describeEnumItemsResponseSchema>;

/** DescribeProcessStatistics' answer: the account's headline counts. */
export const describeProcessStatisticsResponseSchema = lenientObject({
  RequestId: z.optional(lenientString),
  Metrics: z.optional(
    lenientObject({
      TaskNum: z.optional(lenientNumber),
      BanIpNum: z.optional(lenientNumber),
      BanFileNum: z.optional(lenientNumber),
      BanProcessNum: z.optional(lenientNumber),
    }),
  ),
});
export type DescribeProcessStatisticsResponse = z.infer<typeof describeProcessStatisticsResponseSchema>;

/** DescribeProcessTaskCount's answer: tasks per entity UUID. */
export const describeProcessTaskCountResponseSchema = lenientObject({
  RequestId: z.optional(lenientString),
  Data: lenientArray(
    lenientObject({ EntityUuid: z.optional(lenientString), Count: z.optional(lenientNumber) }),
  ),
});
export type DescribeProcessTaskCountResponse = z.infer<typeof describeProcessTaskCountResponseSchema>;

/** One playbook run (DescribeSoarRecords' SoarExecuteRecords item). Times are 13-digit ms. */
export const soarExecuteRecordSchema = lenientObject({
  RequestUuid: z.optional(lenientString),
  /** The playbook's UUID. */
  TaskName: z.optional(lenientString),
  /** success | fail | running (other values kept as sent). */
  Status: z.optional(lenientString),
  TriggerType: z.optional(lenientString),
  TriggerUser: z.optional(lenientString),
  StartTime: z.optional(lenientNumber),
  EndTime: z.optional(lenientNumber),
  ErrorMsg: z.optional(lenientString),
  /** The playbook's input, a JSON document in a string. */
  RawEventReq: z.optional(lenientString),
  TaskflowMd5: z.optional(lenientString),
  OutputList: lenientArray(
    lenientObject({
      ActionUuid: z.optional(lenientString),
      NodeName: z.optional(lenientString),
      Content: z.optional(lenientString),
    }),
  ),
});
export type SoarExecuteRecord = z.infer<typeof soarExecuteRecordSchema>;

export const describeSoarRecordsResponseSchema = lenientObject({
  RequestId: z.optional(lenientString),
  Page: z.optional(pageSchema),
  SoarExecuteRecords: lenientArray(soarExecuteRecordSchema),
});
export type DescribeSoarRecordsResponse = z.infer<typeof describeSoarRecordsResponseSchema>;

/** How the SPA reads each operation's answer (lenient, as the SDK models). */
export const responseSchemaByAction = {
  DescribeProcessTasks: processTasksAnswerSchema,
  DescribeEnumItems: describeEnumItemsResponseSchema,
  DescribeProcessStatistics: describeProcessStatisticsResponseSchema,
  DescribeProcessTaskCount: describeProcessTaskCountResponseSchema,
  DescribeSoarRecords: describeSoarRecordsResponseSchema,
} as const satisfies Record<Action, z.ZodMiniType>;

/**
 * Where a response cannot be used: the path of the first problem in the API's own names
 * (`ProcessTasks[3].TaskStatus`) and what was wrong, from a failed safeParse.
 */
export function responseProblem(error: z.core.$ZodError): { field: string; message: string } {
  const issue = error.issues[0]!;
  let field = '';
  for (const part of issue.path) {
    field += typeof part === 'number' ? `[${part}]` : field === '' ? String(part) : `.${String(part)}`;
  }
  return { field: field || '(the body)', message: issue.message };
}

/** Alibaba's error body. The proxy answers its own errors in the same shape. */
export const apiErrorSchema = z.looseObject({
  RequestId: z.string(),
  Code: z.string(),
  Message: z.string(),
  HostId: z.optional(z.string()),
  Recommend: z.optional(z.string()),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** GET /api/config */
export const appConfigSchema = z.object({
  mode: z.enum(['live', 'demo']),
  endpointHost: z.string(),
  /** How the proxy signs: the credential provider type (e.g. `cli_profile/ecs_ram_role`), never the key. */
  credentialProvider: z.optional(z.string()),
  version: z.string(),
});
export type AppConfig = z.infer<typeof appConfigSchema>;
