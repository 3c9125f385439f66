/**
 * Saved views: the list's filters, sort and page size (as the URL's query string, through
 * the one URL codec, url-state.ts, so a relative range such as `now-24h` stays relative),
 * plus which columns show and the table's density, under a name. Kept in localStorage and
 * shared between analysts as a JSON file:
 *
 *   { "format": "rtc-saved-views", "version": 1,
 *     "views": [ { "name": "Failed WAF, last 24 h", "search": "TaskStatus=90&YunCode=WAF&ProcessActionStart=now-24h",
 *                  "columns": { "TaskId": true, "Scope": false, … }, "density": "compact",
 *                  "savedAt": 1764230400000 } ] }
 *
 * An imported file is validated whole before anything changes (zod for the shape, then
 * every view's query through `parseSearch`, its columns against the table's, its name
 * unique); the error names each problem in the analyst's language with its place: which
 * view (its number and name) and which of its fields ("View 3 "P1", columns "Bogus": …",
 * 第 3 个视图（P1）的列“Bogus”：…). What is wrong comes from zod's own messages in the UI
 * locale (zod's zh-CN locale for Chinese, `z.locales`) or from our catalog.
 * Loaded with the saved-views dialog only (full zod and its locales are not on the first screen).
 */
import { z } from 'zod';
import { formatSize, getLocale, t, formatList } from '../../../lib/i18n';
import { labelKey, requestParam } from '../../../shared/catalogue';
import type { Density } from '../hooks/use-density';
import {
  parseSearch,
  serializeView,
  type NoticeReason,
  type TaskListView,
  type UrlNotice,
} from './url-state';
import { th, type HabitsKey } from '../habits-i18n';

export const SAVED_VIEWS_FORMAT = 'rtc-saved-views';
export const SAVED_VIEWS_VERSION = 1;
export const NAME_MAX = 80;
/** Bytes; a file of 200 views with every filter set is far below. */
export const FILE_MAX_BYTES = 1024 * 1024;
const VIEWS_MAX = 500;
const DENSITY_VALUES = ['compact', 'comfortable'] as const satisfies readonly Density[];

const savedViewSchema = z.strictObject({
  name: z.string().trim().min(1).max(NAME_MAX),
  /** The list view's query string without `?` (url-state.ts `serializeView`). */
  search: z.string().max(8000),
  /** Column id → shown. */
  columns: z.record(z.string().max(100), z.boolean()),
  density: z.enum(DENSITY_VALUES),
  /** ms since the epoch. */
  savedAt: z.number().int().nonnegative().optional(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

const fileSchema = z.strictObject({
  format: z.literal(SAVED_VIEWS_FORMAT),
  version: z.literal(SAVED_VIEWS_VERSION),
  views: z.array(savedViewSchema).max(VIEWS_MAX),
});
export type SavedViewsFile = z.infer<typeof fileSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** An import refused: what is wrong, and each problem found (at most PROBLEMS_SHOWN, then "and N more"). */
export type ImportResult<T> = { ok: true; value: T } | { ok: false; error: string; problems: string[] };
const PROBLEMS_SHOWN = 10;

/** The fields of a view, as the analyst knows them. */
const VIEW_FIELDS = ['name', 'search', 'columns', 'density', 'savedAt'] as const;
type ViewField = (typeof VIEW_FIELDS)[number];
const isViewField = (k: unknown): k is ViewField => VIEW_FIELDS.includes(k as ViewField);

/**
 * Where a problem is, in words: "View 2 ("P1"), columns "Scope": …", "第 2 个视图（P1）的列“Scope”：…",
 * "The file's "format": …". `views` is the file's own `views` (for the view's name, when it
 * has a readable one); `path` a zod issue path or our own (`['views', 2, 'columns', 'Scope']`).
 */
export function problemText(path: readonly PropertyKey[], message: string, views: unknown): string {
  if (path[0] === 'views' && typeof path[1] === 'number') {
    const i = path[1];
    const raw = Array.isArray(views) ? (views[i] as { name?: unknown } | undefined)?.name : undefined;
    const name = typeof raw === 'string' && raw.trim() !== '' ? raw : th('savedViews.problem.unnamed');
    const [field, ...rest] = path.slice(2);
    if (field === undefined) return th('savedViews.problem.view', { n: i + 1, name, message });
    const label = isViewField(field) ? th(`savedViews.field.${field}`) : String(field);
    const fieldText = rest.length
      ? th('savedViews.problem.fieldKey', { field: label, key: rest.map(String).join('.') })
      : label;
    return th('savedViews.problem.viewField', { n: i + 1, name, field: fieldText, message });
  }
  if (path.length === 0) return th('savedViews.problem.file', { message });
  return th('savedViews.problem.fileField', { field: path.map(String).join('.'), message });
}

const JSON_TYPES = ['null', 'array', 'object', 'string', 'number', 'boolean'] as const;
type JsonType = (typeof JSON_TYPES)[number];

/** A JSON type in the catalog's words ("text", "a list", 文本, 列表); another name as it is. */
function typeWord(type: string): string {
  return JSON_TYPES.includes(type as JsonType) ? th(`savedViews.type.${type as JsonType}`) : type;
}
const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * What is wrong, in the UI locale: our own words for what a saved-views file can get
 * wrong (a wrong type, an empty or too long text, a value not among the allowed ones,
 * unknown keys, a negative time), zod's own message in the locale (its zh-CN locale,
 * `z.locales.zhCN`, on the Chinese screen) for anything else.
 */
function zodErrorMap(): z.core.$ZodErrorMap {
  const fallback = (getLocale() === 'zh-CN' ? z.locales.zhCN() : z.locales.en()).localeError;
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined
          ? th('savedViews.issue.missing', { expected: typeWord(issue.expected) })
          : th('savedViews.issue.type', {
              expected: typeWord(issue.expected),
              received: typeWord(typeOf(issue.input)),
            });
      case 'invalid_value':
        return th('savedViews.issue.oneOf', {
          values: formatList(
            issue.values.map((v) => JSON.stringify(v)),
            'or',
          ),
        });
      case 'unrecognized_keys':
        return th('savedViews.issue.unknownKeys', {
          count: issue.keys.length,
          keys: formatList(issue.keys.map((k) => `“${k}”`)),
        });
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) <= 1) return th('savedViews.issue.empty');
        if (issue.origin === 'number') return th('savedViews.issue.min', { min: Number(issue.minimum) });
        break;
      case 'too_big':
        if (issue.origin === 'string') return th('savedViews.issue.tooLong', { max: Number(issue.maximum) });
        if (issue.origin === 'array') return th('savedViews.issue.tooMany', { max: Number(issue.maximum) });
        break;
    }
    return fallback(issue);
  };
}

/** "line 3, column 14" of a JSON.parse error, when the engine says where (V8: "at position 41"). */
function jsonPlace(text: string, error: unknown): { line: number; column: number } | undefined {
  const m = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  if (!m) return undefined;
  const before = text.slice(0, Number(m[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/** What each link notice means in a view to import: a refusal, so never "ignored". */
const FILTER_PROBLEMS: Readonly<Record<NoticeReason, HabitsKey>> = {
  unknownParam: 'savedViews.filter.unknownParam',
  invalidValue: 'savedViews.filter.invalidValue',
  unknownValue: 'savedViews.filter.unknownValue',
  repeated: 'savedViews.filter.repeated',
  rangeOrder: 'savedViews.filter.rangeOrder',
  trimmed: 'savedViews.filter.trimmed',
  blankValue: 'savedViews.filter.blankValue',
  pastLastPage: 'savedViews.filter.pastLastPage',
};

/**
 * One problem of a view's query, in the UI locale: the parameter by its label and API name
 * ("Status (TaskStatus)", 状态（TaskStatus）; an unknown name as it is) and what is wrong
 * with it ("the value “abc” is not a known value").
 */
export function filterProblemText(notice: UrlNotice): string {
  const spec = requestParam(notice.param);
  const param = spec ? t('label.withCode', { label: t(labelKey(spec.name)), code: spec.name }) : notice.param;
  return th(FILTER_PROBLEMS[notice.reason], { param, value: notice.value });
}

/**
 * Problems zod does not see: each view's query must read back without a single notice
 * (an unknown parameter or value would otherwise be dropped silently), its columns must be
 * the table's, its name unique.
 */
function semanticProblems(views: readonly SavedView[], knownColumns: readonly string[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  views.forEach((v, i) => {
    const at = (field: ViewField, message: string) => problemText(['views', i, field], message, views);
    if (names.has(v.name)) problems.push(at('name', th('savedViews.error.duplicateName', { name: v.name })));
    names.add(v.name);
    for (const n of parseSearch(v.search).notices) problems.push(at('search', filterProblemText(n)));
    for (const c of Object.keys(v.columns))
      if (!knownColumns.includes(c))
        problems.push(at('columns', th('savedViews.error.unknownColumn', { column: c })));
  });
  return problems;
}

/**
 * Reads a saved-views file (its text), in the UI locale's words. Refused (nothing to
 * import): larger than FILE_MAX_BYTES, not JSON (with the line and column where the engine
 * says), not the shape above, or a view whose query, columns or name is wrong: `problems`
 * names each with its place (problemText), at most 10 then "and N more".
 */
export function parseSavedViewsFile(
  text: string,
  knownColumns: readonly string[],
): ImportResult<SavedView[]> {
  const refuse = (error: string, problems: string[] = []) => ({ ok: false as const, error, problems });
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > FILE_MAX_BYTES)
    return refuse(
      th('savedViews.error.tooBig', { size: formatSize(bytes), max: formatSize(FILE_MAX_BYTES) }),
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const place = jsonPlace(text, e);
    return refuse(place ? th('savedViews.error.notJsonAt', place) : th('savedViews.error.notJson'));
  }
  const parsed = fileSchema.safeParse(json, { error: zodErrorMap() });
  const views = (json as { views?: unknown } | null)?.views;
  const problems = parsed.success
    ? semanticProblems(parsed.data.views, knownColumns)
    : parsed.error.issues.map((issue) => problemText(issue.path, issue.message, views));
  if (!parsed.success || problems.length > 0) {
    const shown = problems.slice(0, PROBLEMS_SHOWN);
    if (problems.length > PROBLEMS_SHOWN)
      shown.push(th('savedViews.error.more', { count: problems.length - PROBLEMS_SHOWN }));
    // The shape wrong: not a file as this console writes it; the shape right: views refused.
    const error = parsed.success ? 'savedViews.error.refused' : 'savedViews.error.invalid';
    return refuse(th(error, { count: problems.length }), shown);
  }
  return { ok: true, value: parsed.data.views };
}

/** The file text of `views`, as parseSavedViewsFile reads it. */
export function savedViewsFileText(views: readonly SavedView[]): string {
  const file: SavedViewsFile = {
    format: SAVED_VIEWS_FORMAT,
    version: SAVED_VIEWS_VERSION,
    views: [...views],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * What localStorage holds. Read leniently, unlike an imported file: the views this browser
 * saved stay usable after an upgrade that drops a column or a parameter: each view is
 * checked on its own (a broken one is left out), unknown columns are dropped, and the
 * query is read like any link (parseSearch drops what it does not know). Broken storage
 * reads as no views.
 */
export function readStoredViews(raw: string | null, knownColumns: readonly string[]): SavedView[] {
  if (raw === null) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return [];
  }
  const views = (json as { views?: unknown } | null)?.views;
  if (!Array.isArray(views)) return [];
  const out: SavedView[] = [];
  for (const v of views) {
    const r = savedViewSchema.safeParse(v);
    if (!r.success || out.some((o) => o.name === r.data.name)) continue;
    const columns = Object.fromEntries(
      Object.entries(r.data.columns).filter(([c]) => knownColumns.includes(c)),
    );
    out.push({ ...r.data, columns });
  }
  return out;
}

function checkName(name: string): Result<string> {
  const n = name.trim();
  if (n === '') return fail(th('savedViews.error.nameEmpty'));
  if (n.length > NAME_MAX) return fail(th('savedViews.error.nameLong', { max: NAME_MAX }));
  return { ok: true, value: n };
}

/** The view to keep for the list as it is: first page (a saved view starts at the top). */
export function captureView(
  name: string,
  view: TaskListView,
  columns: Record<string, boolean>,
  density: Density,
  now: number,
): Result<SavedView> {
  const n = checkName(name);
  if (!n.ok) return n;
  return {
    ok: true,
    value: {
      name: n.value,
      search: serializeView({ ...view, page: 1 }),
      columns: { ...columns },
      density,
      savedAt: now,
    },
  };
}

/** `views` with `view` added, or in place of the one with its name. */
export function upsertView(views: readonly SavedView[], view: SavedView): SavedView[] {
  const i = views.findIndex((v) => v.name === view.name);
  return i < 0 ? [...views, view] : views.map((v, j) => (j === i ? view : v));
}

export function renameView(views: readonly SavedView[], from: string, to: string): Result<SavedView[]> {
  const n = checkName(to);
  if (!n.ok) return n;
  if (n.value !== from && views.some((v) => v.name === n.value))
    return fail(th('savedViews.error.nameTaken', { name: n.value }));
  return { ok: true, value: views.map((v) => (v.name === from ? { ...v, name: n.value } : v)) };
}

export function deleteView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}

/** Imported views join the list; one with a name already there replaces it. */
export function mergeViews(views: readonly SavedView[], imported: readonly SavedView[]): SavedView[] {
  return imported.reduce<SavedView[]>(upsertView, [...views]);
}

/** The list view a saved view reopens (read through the URL codec). */
export function viewOf(saved: SavedView): TaskListView {
  return parseSearch(saved.search).view;
}
