/**
 * Fuzz of the proxy's /api surface: > 10,000 generated requests (valid and invalid: wrong
 * types, huge and Unicode strings, repeated and unknown parameters, odd percent-encodings)
 * through app.inject to the real emulator. No 5xx, no crash, and every 400 names the
 * parameter at fault.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESCRIBE_PROCESS_TASKS_PARAMS,
  DIRECTIONS,
  ENTITY_TYPES,
  ORDER_FIELDS,
  SOURCES,
  TASK_STATUSES,
  TIME_RANGES,
  YUN_CODES,
  describeEnumItemsResponseSchema,
  describeProcessTasksResponseSchema,
} from '../../src/shared/sophonsoar';
import { startProxyHarness, type ProxyHarness } from '../helpers/proxy-harness';

let h: ProxyHarness;
beforeAll(async () => {
  h = await startProxyHarness({ emulator: { tasks: 400, seed: 7 } });
});
afterAll(async () => h?.close());

type Pair = [key: string, value: string];

const REQUIRED: Record<string, string[]> = { DescribeProcessTasks: [], DescribeEnumItems: ['EnumType'] };

/** Runs a property; on failure reports the assertion (with its short context), not the whole batch. */
async function check<T>(arb: fc.Arbitrary<T>, run: (v: T) => Promise<void>, numRuns: number, seed: number) {
  const details = await fc.check(fc.asyncProperty(arb, run), { numRuns, seed, endOnFailure: true });
  if (details.failed) {
    throw details.errorInstance instanceof Error
      ? details.errorInstance
      : new Error(String(details.errorInstance));
  }
}

// ---- values ------------------------------------------------------------------------
const caseVariant = (s: string) =>
  fc.constantFrom(s, s.toLowerCase(), s.toUpperCase(), s[0]!.toUpperCase() + s.slice(1));
const jsonList = <T>(items: readonly T[]) =>
  fc.subarray([...items], { minLength: 0 }).map((xs) => JSON.stringify(xs.map(String)));
const ms = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }).map(String);
const safeText = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .filter((s) => !/[\u0000-\u001f\u007f]/.test(s));

const validValue: Record<string, fc.Arbitrary<string>> = {
  TaskStatus: jsonList(TASK_STATUSES),
  Source: jsonList(SOURCES),
  YunCode: jsonList(YUN_CODES),
  TriggerSource: fc.constantFrom(...SOURCES),
  EntityType: fc.constantFrom(...ENTITY_TYPES),
  ProcessActionStart: ms,
  ProcessActionEnd: ms,
  ProcessRemoveStart: ms,
  ProcessRemoveEnd: ms,
  OrderField: fc.constantFrom(...ORDER_FIELDS).chain(caseVariant),
  Direction: fc.constantFrom(...DIRECTIONS).chain(caseVariant),
  PageNumber: fc.integer({ min: 1, max: 50 }).map(String),
  PageSize: fc.integer({ min: 1, max: 100 }).map(String),
};
const valueFor = (key: string) => validValue[key] ?? safeText;

const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }), // any code point, controls and lone surrogates included
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '101',
    '1e3',
    '1.5',
    '0x10',
    'NaN',
    'Infinity',
    '١٢٣', // Arabic-Indic digits
    '１２', // full-width digits
    '12345678901234567890',
    '[',
    '[1,2',
    '{"a":1}',
    '["a",1,null]',
    '[[]]',
    'null',
    'true',
    '"11"',
    '["11"]\u0000',
    '[90,91]', // numbers, not strings
    '["90",90]',
    '92',
    '1600000000000', // a time bound, and a range's start after its end when paired below
    JSON.stringify(Array.from({ length: 60 }, () => '11')),
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x")',
    '../../etc/passwd',
    '%00',
    '\u202e\u0645\u0631\u062d\u0628\u0627',
    '🛡️🔥👩‍💻',
  ),
  // Huge values: far past every length limit (Node's 16 KB header limit stops longer URLs
  // on a real socket; inject lets them through to the app).
  fc
    .tuple(fc.constantFrom('x', '界', '🔥', '%', '['), fc.integer({ min: 1_000, max: 12_000 }))
    .map(([c, n]) => c.repeat(n)),
);

// ---- keys --------------------------------------------------------------------------
const knownKey = fc.constantFrom(...DESCRIBE_PROCESS_TASKS_PARAMS);
const oddKey = fc.oneof(
  knownKey.chain(caseVariant), // the API's names are case-sensitive
  fc.constantFrom(
    'Action',
    'Version',
    'AccessKeyId',
    'Signature',
    'SignatureNonce',
    'RegionId',
    'SecurityToken',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'TaskStatus[]',
    'TaskStatus.1',
    'Task Status',
    '',
    'EnumType',
    'Lang',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
);

// ---- encodings ---------------------------------------------------------------------
const RAW_OK = /^[A-Za-z0-9\-_.~!$'()*,;:@/?[\]{}|^`"<>\\]*$/;
const encoders: [string, (s: string) => string][] = [
  ['standard', (s) => encodeURIComponent(s)],
  ['plus-for-space', (s) => encodeURIComponent(s).replace(/%20/g, '+')],
  ['lower-case hex', (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
  ['double-encoded', (s) => encodeURIComponent(encodeURIComponent(s))],
  [
    'everything escaped',
    (s) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
  ],
  // Raw punctuation that clients do send unescaped; anything else escaped.
  [
    'raw where possible',
    (s) => [...s].map((c) => (RAW_OK.test(c) && c !== '&' ? c : encodeURIComponent(c))).join(''),
  ],
];
const encoder = fc.constantFrom(...encoders);
/** Breaks an encoded string: stray '%', truncated or invalid escapes, overlong UTF-8. */
const breaker = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => `${s}%`,
  (s) => `${s}%4`,
  (s) => `%ZZ${s}`,
  (s) => `${s}%E0%A4`, // truncated UTF-8 sequence
  (s) => `%C0%AF${s}`, // overlong '/'
  (s) => `${s}%ED%A0%80`, // encoded lone surrogate
  (s) => `${s}%00`,
);

/** Swaps the bounds of a time range whose start is after its end (a valid request has none). */
function orderRanges(pairs: Pair[]): Pair[] {
  const out = pairs.map((p): Pair => [p[0], p[1]]);
  for (const r of TIME_RANGES) {
    const s = out.find((p) => p[0] === r.start);
    const e = out.find((p) => p[0] === r.end);
    if (s && e && Number(s[1]) > Number(e[1])) [s[1], e[1]] = [e[1], s[1]];
  }
  return out;
}

interface FuzzRequest {
  action: string;
  pairs: Pair[];
  url: string;
  /** Every way the server could have decoded each key (for "names the parameter"). */
  keyForms: Set<string>;
}

function decodeForms(encoded: string): string[] {
  const plus = encoded.replace(/\+/g, ' ');
  // As the server receives it: the client's URL parser percent-encodes a few characters
  // that may be sent raw (the WHATWG special-query set: ' " < > and space).
  const received = new URL(`http://x/?${encoded}`).search.slice(1);
  const forms = [encoded, plus, received];
  for (const s of [encoded, plus]) {
    try {
      forms.push(decodeURIComponent(s));
    } catch {
      /* malformed escape: the server keeps it raw */
    }
  }
  return forms;
}

const pairArb = (valid: boolean): fc.Arbitrary<Pair> =>
  valid
    ? knownKey.chain((k) => valueFor(k).map((v): Pair => [k, v]))
    : fc.oneof(
        { weight: 3, arbitrary: knownKey.chain((k) => valueFor(k).map((v): Pair => [k, v])) },
        { weight: 3, arbitrary: fc.tuple(knownKey, hostileValue) },
        { weight: 2, arbitrary: fc.tuple(oddKey, fc.oneof(safeText, hostileValue)) },
      );

const requestArb = (valid: boolean): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      action: valid
        ? fc.constant('DescribeProcessTasks')
        : fc.oneof(
            { weight: 8, arbitrary: fc.constant('DescribeProcessTasks') },
            { weight: 1, arbitrary: fc.constant('DescribeEnumItems') },
          ),
      pairs: fc.array(pairArb(valid), { maxLength: valid ? 5 : 8 }),
      repeat: valid ? fc.constant(false) : fc.boolean(),
      encodeKey: valid ? fc.constant(encoders[0]!) : encoder,
      encodeValue: valid ? fc.constantFrom(...encoders.slice(0, 3)) : encoder,
      breakKey: valid ? fc.constant((s: string) => s) : breaker,
      breakValue: valid ? fc.constant((s: string) => s) : breaker,
      sep: fc.constantFrom('&', '&', '&&'),
    })
    .map(({ action, pairs, repeat, encodeKey, encodeValue, breakKey, breakValue, sep }) => {
      const all = repeat && pairs.length > 0 ? [...pairs, pairs[0]!] : pairs;
      // A valid request names each parameter once, and its time ranges are in order.
      const unique = valid ? orderRanges([...new Map(all.map((p) => [p[0], p])).values()]) : all;
      const keyForms = new Set<string>();
      const parts = unique.map(([k, v], i) => {
        // Only one pair gets broken, so a key stays recognisable as the one at fault.
        const ek = i === 0 ? breakKey(encodeKey[1](k)) : encodeKey[1](k);
        const ev = i === 0 ? breakValue(encodeValue[1](v)) : encodeValue[1](v);
        for (const f of decodeForms(ek)) keyForms.add(f);
        return `${ek}=${ev}`;
      });
      return { action, pairs: unique, url: `/api/${action}?${parts.join(sep)}`, keyForms };
    });

const stats = { total: 0, ok: 0, badRequest: 0, other: new Map<number, number>() };

async function send(req: FuzzRequest) {
  const res = await h.app.inject({ method: 'GET', url: req.url });
  stats.total++;
  const context = () => `${req.url.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, context()).toBeLessThan(500);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  if (res.statusCode === 200) {
    stats.ok++;
    const schema =
      req.action === 'DescribeProcessTasks'
        ? describeProcessTasksResponseSchema
        : describeEnumItemsResponseSchema;
    expect(schema.safeParse(body).success, context()).toBe(true);
  } else if (res.statusCode === 400) {
    stats.badRequest++;
    expect(['InvalidParameter', 'MissingParameter'], context()).toContain(body.Code);
    expect(typeof body.RequestId, context()).toBe('string');
    const message = String(body.Message);
    // The parameter at fault is one the request sent, or a required one it left out.
    const candidates = body.Code === 'MissingParameter' ? (REQUIRED[req.action] ?? []) : [...req.keyForms];
    const named = candidates.some((k) =>
      k === '' ? message.includes('parameter without a name') : message.includes(`parameter ${k} `),
    );
    expect(named, `400 does not name a parameter of the request: ${context()}`).toBe(true);
  } else {
    stats.other.set(res.statusCode, (stats.other.get(res.statusCode) ?? 0) + 1);
  }
  return { status: res.statusCode, body };
}

describe('proxy fuzz', () => {
  it('answers 9,000 mixed requests without a 5xx, and every 400 names its parameter', async () => {
    await check(
      fc.array(requestArb(false), { minLength: 10, maxLength: 10 }),
      async (batch) => {
        await Promise.all(batch.map(send));
      },
      900,
      20261127,
    );
  }, 120_000);

  it('answers 2,000 valid requests with 200 and the page asked for', async () => {
    await check(
      fc.array(requestArb(true), { minLength: 10, maxLength: 10 }),
      async (batch) => {
        await Promise.all(
          batch.map(async (req) => {
            const { status, body } = await send(req);
            expect(status, req.url).toBe(200);
            const q = Object.fromEntries(req.pairs);
            const page = body.Page as { PageNumber: number; PageSize: number };
            expect(page.PageSize, req.url).toBe(Number(q.PageSize ?? 20));
            expect(page.PageNumber, req.url).toBe(Number(q.PageNumber ?? 1));
          }),
        );
      },
      200,
      20261128,
    );
  }, 120_000);

  it('sent >= 10,000 requests with both outcomes well represented', () => {
    console.log(
      `fuzz: ${stats.total} requests, ${stats.ok} × 200, ${stats.badRequest} × 400, other ${JSON.stringify([...stats.other])}`,
    );
    expect(stats.total).toBeGreaterThanOrEqual(10_000);
    expect(stats.ok).toBeGreaterThan(2_000);
    expect(stats.badRequest).toBeGreaterThan(2_000);
  });
});
