/**
 * "Add a parameter": every DescribeProcessTasks parameter of the catalogue, walked from a
 * link to the emulator's answer: URL → view (no notice, same link back) → wire query →
 * the real proxy's validation over loopback (the value passes, a malformed one is refused
 * naming the parameter) → the emulator's answer, filtered, ordered or paged by it (checked
 * against the whole dataset). The cases come from the catalogue itself, so a new
 * parameter is covered by adding its catalogue entry (and its label, checked here too);
 * a new kind of parameter fails to compile here until it has a walk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxyHarness, type ProxyHarness } from '../helpers/proxy-harness';
import { messagesEn } from '../../src/lib/messages-en';
import {
  ORDER_FIELDS,
  REQUEST_PARAMS,
  labelKey,
  orderedField,
  type RequestParam,
  type StringFieldName,
} from '../../src/shared/catalogue';
import {
  describeProcessTasksResponseSchema,
  type DescribeProcessTasksQuery,
  type DescribeProcessTasksResponse,
  type ProcessTask,
} from '../../src/shared/sophonsoar';
import { parseSearch, serializeView } from '../../src/features/process-tasks/model/url-state';
import { toWireQuery } from '../../src/features/process-tasks/model/wire-query';

const NOW = Date.now();

let harness: ProxyHarness | undefined;
let baseUrl: string;
let dataset: readonly ProcessTask[];

beforeAll(async () => {
  harness = await startProxyHarness({
    emulator: { tasks: 3000, seed: 8, liveIntervalMs: 1000 },
    timeoutMs: 5000,
    deadlineMs: 10_000,
    retries: 0,
    rateLimitPerMinute: 100_000,
    backoff: { baseDelayMs: 20, maxDelayMs: 200 },
    listen: true,
  });
  baseUrl = harness.url!;
  dataset = harness.emulator.store.all();
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function callProxy(query: DescribeProcessTasksQuery): Promise<{ status: number; body: unknown }> {
  const qs = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const res = await fetch(`${baseUrl}/api/DescribeProcessTasks?${qs}`);
  return { status: res.status, body: await res.json() };
}

/** Plain text a link, the wire and the emulator carry unchanged (hostile records excluded). */
const plain = (v: unknown): v is string =>
  typeof v === 'string' && /^[\x21-\x7e][\x20-\x7e]{0,60}[\x21-\x7e]$/.test(v);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * One walk: the URL value, the wire value it must become, a malformed wire value the
 * proxy must refuse, and what the emulator's answer must then satisfy.
 */
interface Walk {
  url: string;
  wire: string;
  malformed: string;
  /** Tasks of the whole dataset the answer must count (filters); undefined: all of them. */
  keeps?: (t: ProcessTask) => boolean;
  check?: (answer: DescribeProcessTasksResponse) => void;
}

function walkOf(spec: RequestParam): Walk {
  switch (spec.kind) {
    case 'list': {
      const field = spec.field;
      const code = (t: ProcessTask) => {
        const v = t[field];
        return v === undefined ? undefined : String(v);
      };
      const known = new Set<string>(spec.values);
      const items = [...new Set(dataset.map(code))]
        .filter((v) => v !== undefined && known.has(v))
        .slice(0, 2);
      expect(items.length, `${spec.name}: the dataset has two documented values`).toBe(2);
      return {
        url: items.join(','),
        wire: JSON.stringify(items),
        malformed: items.join(','),
        keeps: (t) => items.includes(code(t) ?? ''),
      };
    }
    case 'choice':
    case 'text': {
      if (spec.match === 'contains') {
        // A keyword: the name of one entity, searched in every field the catalogue lists.
        const needle = dataset.map((t) => t.EntityName).find(plain)!;
        const fields: readonly StringFieldName[] = spec.fields;
        return {
          url: encodeURIComponent(needle),
          wire: needle,
          malformed: `a\u0001b`,
          keeps: (t) => fields.some((f) => (t[f] ?? '').toLowerCase().includes(needle.toLowerCase())),
        };
      }
      const field = spec.field;
      const allowed = (v: string) => spec.kind === 'text' || spec.values.some((x) => x === v);
      const value = dataset.map((t) => t[field]).find((v) => plain(v) && allowed(v))!;
      expect(value, `${spec.name}: the dataset has a value`).toBeDefined();
      return {
        url: encodeURIComponent(value),
        wire: value,
        malformed: spec.kind === 'choice' ? '<b>' : `x\u0007`,
        keeps: (t) => t[field] === value,
      };
    }
    case 'time': {
      const field = spec.field;
      const ms = median(dataset.map((t) => t[field]).filter((v) => typeof v === 'number'));
      return {
        url: String(ms),
        wire: String(ms),
        malformed: '17957',
        keeps: (t) => {
          const v = t[field];
          return typeof v === 'number' && (spec.bound === 'from' ? v >= ms : v <= ms);
        },
      };
    }
    case 'order': {
      const value = ORDER_FIELDS.find((f) => f !== spec.default)!;
      const key = orderedField(value);
      return {
        url: value,
        wire: value,
        malformed: 'nope',
        check: (a) => {
          const times = a.ProcessTasks.map((t) => t[key] ?? -Infinity);
          expect(times).toEqual([...times].sort((x, y) => y - x));
        },
      };
    }
    case 'direction': {
      const value = spec.values.find((d) => d !== spec.default)!;
      return {
        url: value,
        wire: value,
        malformed: 'up',
        check: (a) => {
          const times = a.ProcessTasks.map((t) => t.GmtCreateMillis ?? Infinity);
          expect(times).toEqual([...times].sort((x, y) => (value === 'asc' ? x - y : y - x)));
        },
      };
    }
    case 'page':
      return {
        url: '3',
        wire: '3',
        malformed: '0',
        check: (a) => expect(a.Page.PageNumber).toBe(3),
      };
    case 'pageSize': {
      const size = spec.values.find((n) => n !== spec.default)!;
      return {
        url: String(size),
        wire: String(size),
        malformed: String(spec.max + 1),
        check: (a) => {
          expect(a.Page.PageSize).toBe(size);
          expect(a.ProcessTasks).toHaveLength(size);
        },
      };
    }
  }
}

describe('every catalogue parameter, from the link to the emulator', () => {
  it.each(REQUEST_PARAMS.map((spec) => [spec.name, spec] as const))('%s', async (name, spec) => {
    const walk = walkOf(spec);
    expect(messagesEn, 'its label').toHaveProperty([labelKey(name)]);

    // URL → view: kept without a notice, and the view's link is the same.
    const search = `${name}=${walk.url}`;
    const { view, notices } = parseSearch(search, NOW);
    expect(notices).toEqual([]);
    expect(serializeView(view)).toBe(search);

    // View → wire query, in the parameter's wire form.
    const wire = toWireQuery(view, NOW);
    expect(wire[name]).toBe(walk.wire);

    // The proxy refuses a malformed value, naming the parameter…
    const refused = await callProxy({ ...wire, [name]: walk.malformed });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain(name);

    // …and passes the real one to the emulator, whose answer follows it.
    const answered = await callProxy(wire);
    expect(answered.status).toBe(200);
    const answer = describeProcessTasksResponseSchema.parse(answered.body);
    if (walk.keeps) {
      const expected = dataset.filter(walk.keeps).length;
      expect(expected, 'the filter keeps some tasks and drops others').toBeGreaterThan(0);
      expect(expected).toBeLessThan(dataset.length);
      expect(answer.Page.TotalCount).toBe(expected);
      for (const t of answer.ProcessTasks) expect(walk.keeps(t), t.TaskId).toBe(true);
    } else {
      expect(answer.Page.TotalCount).toBe(dataset.length);
    }
    walk.check?.(answer);
  });
});
