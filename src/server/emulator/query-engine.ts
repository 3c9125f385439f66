/**
 * DescribeProcessTasks semantics over an in-memory list, pure apart from caches.
 *
 * Choices where the real API is UNVERIFIED (kept here, easy to change):
 * - time bounds are inclusive; a task lacking the field never matches a bound on it;
 * - an empty string or an empty JSON array as a filter means "no filter";
 * - OrderField defaults to gmtCreate, Direction to desc; tasks lacking the order field
 *   sort last in both directions; ties are broken by TaskId (code-unit order) in the same
 *   direction, so paging is stable;
 * - the filters themselves (which field each parameter tests, exact or substring) are
 *   described in src/shared/catalogue.ts.
 */
import {
  FILTER_PARAMS,
  OPERATIONS,
  orderedField,
  type DescribeProcessTasksParams,
  type FilterParam,
  type OrderField,
  type ProcessTask,
  type StringFieldName,
} from '../../shared/sophonsoar';

export interface QueryResult {
  tasks: ProcessTask[];
  totalCount: number;
  pageNumber: number;
  pageSize: number;
}

type Test = (t: ProcessTask) => boolean;
const KEEP_ALL = () => true;

/** The test one filter parameter makes, as the catalogue describes it; undefined when unset. */
function filterTest(spec: FilterParam, p: DescribeProcessTasksParams): Test | undefined {
  switch (spec.kind) {
    case 'list': {
      const items = p[spec.name];
      if (!items?.length) return undefined;
      const strings = new Set(items);
      const numbers = new Set(items.map(Number));
      const field = spec.field;
      return (t) => {
        const v = t[field];
        return typeof v === 'number' ? numbers.has(v) : v !== undefined && strings.has(v);
      };
    }
    case 'choice':
    case 'text': {
      const want = p[spec.name];
      if (!want) return undefined;
      if (spec.match === 'contains') {
        const needle = want.toLowerCase();
        const fields = spec.fields;
        return (t) => searchText(t, fields).includes(needle);
      }
      const field = spec.field;
      return (t) => t[field] === want;
    }
    case 'time': {
      const bound = p[spec.name];
      if (bound === undefined) return undefined;
      const field = spec.field;
      return spec.bound === 'from'
        ? (t) => typeof t[field] === 'number' && t[field] >= bound
        : (t) => typeof t[field] === 'number' && t[field] <= bound;
    }
  }
}

/** Builds the per-task predicate for the filter parameters. */
export function taskFilter(p: DescribeProcessTasksParams): Test {
  const tests = FILTER_PARAMS.map((spec) => filterTest(spec, p)).filter((f) => f !== undefined);
  if (tests.length === 0) return KEEP_ALL;
  if (tests.length === 1) return tests[0]!;
  return (t) => tests.every((f) => f(t));
}

const searchTexts = new Map<string, WeakMap<ProcessTask, string>>();

/**
 * Lower-cased text a `contains` filter searches, cached per task object (tasks are
 * replaced, not mutated) and per field list.
 */
export function searchText(t: ProcessTask, fields: readonly StringFieldName[]): string {
  const key = fields.join(',');
  let cache = searchTexts.get(key);
  if (!cache) searchTexts.set(key, (cache = new WeakMap()));
  let s = cache.get(t);
  if (s === undefined) {
    // \u0000 separates the fields so a match never spans two of them.
    s = fields.map((f) => (t[f] ?? '').toLowerCase()).join('\u0000');
    cache.set(t, s);
  }
  return s;
}

/**
 * The dataset plus sorted orders, computed once per (field, direction) and dropped when
 * the data changes (live mode), so a query is one filtered walk: fast for 50k+ tasks.
 */
export class TaskIndex {
  private sorted = new Map<string, ProcessTask[]>();
  constructor(private tasks: ProcessTask[]) {}

  all(): readonly ProcessTask[] {
    return this.tasks;
  }

  /**
   * Replaces the data; the caller must not mutate task objects in place. The orders are
   * rebuilt lazily: a fresh sort of 50k tasks (~30 ms) costs less than patching the old
   * orders by TaskId.
   */
  replace(tasks: ProcessTask[]): void {
    this.tasks = tasks;
    this.sorted.clear();
  }

  ordered(field: OrderField, direction: 'asc' | 'desc'): readonly ProcessTask[] {
    const key = `${field}:${direction}`;
    let list = this.sorted.get(key);
    if (!list) {
      list = sortTasks(this.tasks, field, direction);
      this.sorted.set(key, list);
    }
    return list;
  }
}

/** Sorts by precomputed keys (a plain comparator over 50k loose objects is several times slower). */
export function sortTasks(tasks: readonly ProcessTask[], field: OrderField, direction: 'asc' | 'desc') {
  const prop = orderedField(field);
  const asc = direction === 'asc';
  // Missing values sort last in both directions.
  const missing = asc ? Infinity : -Infinity;
  const items = tasks.map((t) => {
    const v = t[prop];
    return { k: typeof v === 'number' ? v : missing, id: t.TaskId, t };
  });
  const sign = asc ? 1 : -1;
  items.sort((a, b) =>
    a.k !== b.k ? (a.k < b.k ? -sign : sign) : a.id === b.id ? 0 : a.id < b.id ? -sign : sign,
  );
  return items.map((i) => i.t);
}

export function queryProcessTasks(index: TaskIndex, p: DescribeProcessTasksParams): QueryResult {
  const pageNumber = p.PageNumber ?? 1;
  // The doc is explicit: "If the PageSize parameter is empty, 10 entries are returned".
  const pageSize = p.PageSize ?? OPERATIONS.DescribeProcessTasks.pageSizeDefault;
  const ordered = index.ordered(p.OrderField ?? 'gmtCreate', p.Direction ?? 'desc');
  const keep = taskFilter(p);
  const from = (pageNumber - 1) * pageSize;
  const to = from + pageSize;
  if (keep === KEEP_ALL) {
    return { tasks: ordered.slice(from, to), totalCount: ordered.length, pageNumber, pageSize };
  }
  const page: ProcessTask[] = [];
  let total = 0;
  for (const t of ordered) {
    if (!keep(t)) continue;
    if (total >= from && total < to) page.push(t);
    total++;
  }
  return { tasks: page, totalCount: total, pageNumber, pageSize };
}
