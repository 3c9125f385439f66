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

const cmpId = (a: ProcessTask, b: ProcessTask) => (a.TaskId < b.TaskId ? -1 : a.TaskId > b.TaskId ? 1 : 0);

/** The order of two tasks for a field and direction, as documented above. */
export function compareTasks(
  a: ProcessTask,
  b: ProcessTask,
  field: OrderField,
  direction: 'asc' | 'desc',
): number {
  const key = ORDER_FIELD_KEYS[field];
  const va = a[key];
  const vb = b[key];
  const sign = direction === 'asc' ? 1 : -1;
  if (typeof va !== 'number' || typeof vb !== 'number') {
    if (typeof va === 'number') return -1;
    if (typeof vb === 'number') return 1;
    return sign * cmpId(a, b);
  }
  if (va !== vb) return sign * (va - vb);
  return sign * cmpId(a, b);
}

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

  /** Replaces the data; the caller must not mutate task objects in place. */
  replace(tasks: ProcessTask[]): void {
    this.tasks = tasks;
    this.sorted.clear();
  }

  ordered(field: OrderField, direction: 'asc' | 'desc'): readonly ProcessTask[] {
    const key = `${field}:${direction}`;
    let list = this.sorted.get(key);
    if (!list) {
      list = [...this.tasks].sort((a, b) => compareTasks(a, b, field, direction));
      this.sorted.set(key, list);
    }
    return list;
  }
}

export function queryProcessTasks(index: TaskIndex, p: DescribeProcessTasksParams): QueryResult {
  const pageNumber = p.PageNumber ?? 1;
  const pageSize = p.PageSize ?? PAGE_SIZE_DEFAULT;
  const ordered = index.ordered(p.OrderField ?? 'gmtCreate', p.Direction ?? 'desc');
  const keep = taskFilter(p);
  const from = (pageNumber - 1) * pageSize;
  const to = from + pageSize;
  const page: ProcessTask[] = [];
  let total = 0;
  for (const t of ordered) {
    if (!keep(t)) continue;
    if (total >= from && total < to) page.push(t);
    total++;
  }
  return { tasks: page, totalCount: total, pageNumber, pageSize };
}
