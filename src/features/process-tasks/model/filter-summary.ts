/** Human words for active filters (chips, empty state). */
import { t, type MessageKey, formatList } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/time';
import { FILTER_PARAMS, TIME_RANGES, labelKey, type FilterParamName } from '../../../shared/catalogue';
import { VALUE_LABEL } from './labels';
import type { TaskFilters } from './task-view';
import { isPreset, isRelative, resolveTimeExpr } from './time-expr';

export interface ActiveFilter {
  /** Stable id, also the chip's test id. */
  id: string;
  label: string;
  value: string;
  /** The URL parameters this chip clears. */
  params: FilterParamName[];
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

/** Chips in this order: lists and choices, then time ranges, then texts. */
export function activeFilters(filters: TaskFilters): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const spec of FILTER_PARAMS) {
    if (spec.kind === 'list') {
      const items = filters[spec.name];
      if (items?.length) out.push(chip(spec.name, formatList(items.map(VALUE_LABEL[spec.valueLabels]))));
    } else if (spec.kind === 'choice') {
      const v = filters[spec.name];
      if (v !== undefined) out.push(chip(spec.name, VALUE_LABEL[spec.valueLabels](v)));
    }
  }
  for (const { id, start, end } of TIME_RANGES) {
    const a = filters[start];
    const b = filters[end];
    if (a !== undefined || b !== undefined)
      out.push({ id, label: t(labelKey(id)), value: describeTimeRange(a, b), params: [start, end] });
  }
  for (const spec of FILTER_PARAMS) {
    const v = spec.kind === 'text' ? filters[spec.name] : undefined;
    if (v !== undefined) out.push(chip(spec.name, v));
  }
  return out;
}

function chip(name: FilterParamName, value: string): ActiveFilter {
  return { id: name, label: t(labelKey(name)), value, params: [name] };
}
