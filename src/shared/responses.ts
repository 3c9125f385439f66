/**
 * The response schemas of the Sophonsoar API and of the proxy's own `/api/config`, built
 * from the catalogue with `zod/mini` (zod 4's tree-shakable form: the same parser and the
 * same rules as full zod, a few KB in the browser instead of ~25 KB gzip). The SPA's first
 * screen validates its first page with these; ./sophonsoar.ts re-exports them for the
 * proxy, the emulator and the tests.
 */
import * as z from 'zod/mini';
import { TASK_FIELDS, type TaskField } from './catalogue';

const fieldSchema = (f: TaskField) =>
  f.type === 'number' || f.type === 'ms' ? z.optional(z.number()) : z.optional(z.string());
type FieldValue<F extends TaskField> = F extends { type: 'number' | 'ms' } ? number : string;
type TaskShape = {
  [N in TaskField['name']]: z.ZodMiniOptional<z.ZodMiniType<FieldValue<Extract<TaskField, { name: N }>>>>;
};
function taskShape(): TaskShape {
  // One entry per catalogue field, typed by FieldValue (Object.fromEntries cannot keep it).
  return Object.fromEntries(
    TASK_FIELDS.map((f) => [f.name, fieldSchema(f)] as const),
  ) as unknown as TaskShape;
}

/** One response task, built from TASK_FIELDS. Every field but TaskId may be missing
 * upstream (InputParams is a JSON document in a string, or empty, or not JSON at all).
 * Unknown fields pass through. */
export const processTaskSchema = z.looseObject({ ...taskShape(), TaskId: z.string() });
export type ProcessTask = z.infer<typeof processTaskSchema>;
/** Every documented field of a task, in the API's order. */
export const PROCESS_TASK_FIELDS: readonly TaskField['name'][] = TASK_FIELDS.map((f) => f.name);

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
  /** The request rate a CSV export may use through the proxy (the operator's setting). */
  exportMaxRequestsPerSecond: z.optional(z.number().check(z.positive())),
});
export type AppConfig = z.infer<typeof appConfigSchema>;
