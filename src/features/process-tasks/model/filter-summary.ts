/** Human words for active filters (chips, empty state). */
import { t, type MessageKey } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/time';
import { entityTypeLabel, productLabel, sourceLabel, statusLabel } from './labels';
import { isPreset, isRelative, resolveTimeExpr } from './time-expr';
import {
  CHOICE_PARAMS,
  LIST_PARAMS,
  TEXT_PARAMS,
  TIME_RANGES,
  type FilterParam,
  type TaskFilters,
} from './url-state';

export interface ActiveFilter {
  /** Stable id, also the chip's test id. */
  id: string;
  label: string;
  value: string;
  /** The URL parameters this chip clears. */
  params: FilterParam[];
}

function timeBound(expr: string): string {
  if (isRelative(expr)) {
    return expr === 'now' ? 'now' : expr;
  }
  const ms = resolveTimeExpr(expr, 0);
  return ms === undefined ? expr : formatDateTime(ms);
}

/** "Last 24 hours", "2026-11-01 00:00:00 – 2026-11-02 00:00:00", "from now-2h". */
export function describeTimeRange(start: string | undefined, end: string | undefined): string {
  if (isPreset(start, end)) return t(`range.${start}` as MessageKey);
  if (start !== undefined && end !== undefined)
    return t('range.between', { start: timeBound(start), end: timeBound(end) });
  if (start !== undefined) return t('range.from', { start: timeBound(start) });
  if (end !== undefined) return t('range.until', { end: timeBound(end) });
  return t('range.any');
}

const LIST_LABELS = {
  TaskStatus: (v: string) => statusLabel(Number(v)),
  YunCode: productLabel,
  Source: sourceLabel,
} as const;

export function activeFilters(filters: TaskFilters): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const p of LIST_PARAMS) {
    const items = filters[p];
    if (items?.length)
      out.push({ id: p, label: t(`field.${p}`), value: items.map(LIST_LABELS[p]).join(', '), params: [p] });
  }
  for (const p of CHOICE_PARAMS) {
    const v = filters[p];
    if (v !== undefined)
      out.push({
        id: p,
        label: t(`field.${p}`),
        value: p === 'EntityType' ? entityTypeLabel(v) : sourceLabel(v),
        params: [p],
      });
  }
  for (const [start, end] of TIME_RANGES) {
    const a = filters[start];
    const b = filters[end];
    if (a === undefined && b === undefined) continue;
    const id = start === 'ProcessActionStart' ? 'ProcessActionRange' : 'ProcessRemoveRange';
    out.push({ id, label: t(`field.${id}`), value: describeTimeRange(a, b), params: [start, end] });
  }
  for (const p of TEXT_PARAMS) {
    const v = filters[p];
    if (v !== undefined) out.push({ id: p, label: t(`field.${p}`), value: v, params: [p] });
  }
  return out;
}
