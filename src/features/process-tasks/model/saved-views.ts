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
 * unique); the error names each problem with its place (`views[2].search: …`).
 * Loaded with the saved-views dialog only (full zod is not on the first screen).
 */
import { z } from 'zod';
import { formatSize, t, type MessageKey } from '../../../lib/i18n';
import type { Density } from '../hooks/use-density';
import { parseSearch, serializeView, type TaskListView } from './url-state';
import { th } from '../habits-i18n';

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

/** `views[2].name` from a zod issue path. */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)),
    '',
  );
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
    if (names.has(v.name))
      problems.push(`views[${i}].name: ${th('savedViews.error.duplicateName', { name: v.name })}`);
    names.add(v.name);
    for (const n of parseSearch(v.search).notices)
      problems.push(
        `views[${i}].search: ${t(`notice.${n.reason}` as MessageKey, { param: n.param, value: n.value })}`,
      );
    for (const c of Object.keys(v.columns))
      if (!knownColumns.includes(c))
        problems.push(`views[${i}].columns: ${th('savedViews.error.unknownColumn', { column: c })}`);
  });
  return problems;
}

/**
 * Reads a saved-views file (its text). Errors: larger than FILE_MAX_BYTES, not JSON, not
 * the shape above, or a view whose query, columns or name is wrong: each named with its
 * place, at most 10 listed.
 */
export function parseSavedViewsFile(text: string, knownColumns: readonly string[]): Result<SavedView[]> {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > FILE_MAX_BYTES)
    return fail(th('savedViews.error.tooBig', { size: formatSize(bytes), max: formatSize(FILE_MAX_BYTES) }));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(th('savedViews.error.notJson', { detail: e instanceof Error ? e.message : String(e) }));
  }
  const parsed = fileSchema.safeParse(json);
  const problems = parsed.success
    ? semanticProblems(parsed.data.views, knownColumns)
    : parsed.error.issues.map((issue) => `${pathText(issue.path) || '(file)'}: ${issue.message}`);
  if (!parsed.success || problems.length > 0) {
    const shown = problems.slice(0, 10).join('; ');
    return fail(th('savedViews.error.invalid', { problems: problems.length > 10 ? `${shown}; …` : shown }));
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
