/**
 * DescribeProcessTasks semantics over an in-memory list, pure apart from caches.
 *
 * Choices where the real API is UNVERIFIED (kept here, easy to change):
 * - time bounds are inclusive; a task lacking the field never matches a bound on it;
 * - an empty string or an empty JSON array as a filter means "no filter";
 * - OrderField defaults to gmtCreate, Direction to desc; tasks lacking the order field
 *   sort last in both directions; ties are broken by TaskId (code-unit order) in the same
 *   direction, so paging is stable;
 * - ParamContent is a case-insensitive substring of EntityName, SceneCode, SceneName or
 *   InputParams.
 */
import {
  PAGE_SIZE_DEFAULT,
  type DescribeProcessTasksParams,
  type OrderField,
  type ProcessTask,
} from '../../shared/sophonsoar';

export const ORDER_FIELD_KEYS: Record<
  OrderField,
  'GmtCreateMillis' | 'GmtModifiedMillis' | 'ProcessTime' | 'RemoveTime'
> = {
  gmtCreate: 'GmtCreateMillis',
  gmtModified: 'GmtModifiedMillis',
  processTime: 'ProcessTime',
  removeTime: 'RemoveTime',
};

const EXACT_FILTERS = [
  'TriggerSource',
  'EntityType',
  'EntityName',
  'EntityUuid',
  'EventUuid',
  'TaskId',
  'ReqUuid',
  'ProcessStrategyUuid',
  'SceneCode',
  'Scope',
] as const;

export interface QueryResult {
  tasks: ProcessTask[];
  totalCount: number;
  pageNumber: number;
  pageSize: number;
}

const KEEP_ALL = () => true;

/** Builds the per-task predicate for the filter parameters. */
export function taskFilter(p: DescribeProcessTasksParams): (t: ProcessTask) => boolean {
  const tests: ((t: ProcessTask) => boolean)[] = [];
  if (p.TaskStatus?.length) {
    const set = new Set(p.TaskStatus.map(Number));
    tests.push((t) => t.TaskStatus !== undefined && set.has(t.TaskStatus));
  }
  for (const key of ['Source', 'YunCode'] as const) {
    const list = p[key];
    if (list?.length) {
      const set = new Set(list);
      tests.push((t) => t[key] !== undefined && set.has(t[key]));
    }
  }
  for (const key of EXACT_FILTERS) {
    const want = p[key];
    if (want) tests.push((t) => t[key] === want);
  }
  const range = (key: 'ProcessTime' | 'RemoveTime', from?: number, to?: number) => {
    if (from === undefined && to === undefined) return;
    tests.push((t) => {
      const v = t[key];
      return typeof v === 'number' && (from === undefined || v >= from) && (to === undefined || v <= to);
    });
  };
  range('ProcessTime', p.ProcessActionStart, p.ProcessActionEnd);
  range('RemoveTime', p.ProcessRemoveStart, p.ProcessRemoveEnd);
  if (p.ParamContent) {
    const needle = p.ParamContent.toLowerCase();
    tests.push((t) => searchText(t).includes(needle));
  }
  if (tests.length === 0) return KEEP_ALL;
  if (tests.length === 1) return tests[0]!;
  return (t) => tests.every((f) => f(t));
}

const searchTexts = new WeakMap<ProcessTask, string>();

/** Lower-cased text ParamContent searches, cached per task object (tasks are replaced, not mutated). */
export function searchText(t: ProcessTask): string {
  let s = searchTexts.get(t);
  if (s === undefined) {
    // \u0000 separates the fields so a match never spans two of them.
    s = [t.EntityName, t.SceneCode, t.SceneName, t.InputParams]
      .map((v) => (v ?? '').toLowerCase())
      .join('\u0000');
    searchTexts.set(t, s);
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
  const prop = ORDER_FIELD_KEYS[field];
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
  const pageSize = p.PageSize ?? PAGE_SIZE_DEFAULT;
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
