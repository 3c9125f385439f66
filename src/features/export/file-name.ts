/**
 * Export file names that say what the file is:
 *   process-tasks_<filter summary>_<export time in the analyst's zone>.csv
 *   e.g. process-tasks_status-90-91_product-WAF_2026-11-27T1712+0800.csv
 * The summary lists the active filters in a fixed order (`all` when there are none).
 * Only [A-Za-z0-9._+-] appear (safe on Windows, macOS, Linux and in URLs); each value is
 * cut to 24 characters and the summary to 120, so names stay well under 255 bytes.
 */
import { formatFileStamp } from '../../lib/time';
import { FILTER_PARAMS, TIME_RANGES } from '../../shared/catalogue';
import type { DescribeProcessTasksQuery } from '../../shared/sophonsoar';

const FILE_PRODUCT = 'process-tasks';
const VALUE_MAX = 24;
const SUMMARY_MAX = 120;

/** Keeps safe characters only: anything else becomes '-', runs collapse, ends trimmed. */
export function slug(s: string, max = VALUE_MAX): string {
  return s
    .replace(/[^A-Za-z0-9.+-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+/, '')
    .slice(0, max)
    .replace(/[-.]+$/, '');
}

/** List parameters are JSON arrays in a string; tolerate a plain comma list too. */
function listValues(v: string): string[] {
  try {
    const parsed: unknown = JSON.parse(v);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // not JSON: fall through
  }
  return v.split(',');
}

/** `2026-11-27T1712+0800` (minutes precision, offset without colon), via src/lib/time. */
function compactTime(ms: number, timeZone: string): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return 'invalid-time';
  return formatFileStamp(ms, timeZone);
}

function rangeToken(label: string, start: string | undefined, end: string | undefined, zone: string) {
  if (!start && !end) return undefined;
  const t = (v: string | undefined) => (v && /^\d+$/.test(v) ? compactTime(Number(v), zone) : 'open');
  return `${label}-${t(start)}--${t(end)}`;
}

export function filterSummary(query: DescribeProcessTasksQuery, timeZone: string): string {
  const tokens: string[] = [];
  // Each filter's short word (the catalogue's fileLabel), in the catalogue's order.
  for (const spec of FILTER_PARAMS) {
    if (spec.kind === 'time') continue;
    const v = query[spec.name];
    if (v === undefined || v === '') continue;
    const values = spec.kind === 'list' ? listValues(v) : [v];
    const parts = values.map((x) => slug(x)).filter(Boolean);
    tokens.push([spec.fileLabel, ...parts].join('-'));
  }
  for (const range of TIME_RANGES) {
    const token = rangeToken(range.fileLabel, query[range.start], query[range.end], timeZone);
    if (token) tokens.push(token);
  }
  if (tokens.length === 0) return 'all';
  let out = '';
  for (const tok of tokens) {
    const next = out ? `${out}_${tok}` : tok;
    if (next.length > SUMMARY_MAX) return (out || tok.slice(0, SUMMARY_MAX - 5)) + '_more';
    out = next;
  }
  return out;
}

export interface FileNames {
  csv: string;
  manifest: string;
}

/**
 * Names for an export. `query` is the analyst's filter (not the frozen one, so the upper
 * bound added at export time doesn't clutter the name; the manifest records it).
 */
export function exportFileNames(
  query: DescribeProcessTasksQuery,
  exportedAtMs: number,
  timeZone: string,
): FileNames {
  const base = `${FILE_PRODUCT}_${filterSummary(query, timeZone)}_${compactTime(exportedAtMs, timeZone)}`;
  return { csv: `${base}.csv`, manifest: `${base}.manifest.json` };
}
