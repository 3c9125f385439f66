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
  MS_MAX,
  MS_MIN,
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
  const param = String(issue.path[0] ?? '');
  if (param && flat[param] === undefined) {
    return { ok: false, param, code: 'MissingParameter', message: `The parameter ${param} is required.` };
  }
  return { ok: false, param, code: 'InvalidParameter', message: `The parameter ${param} ${issue.message}.` };
}
