/**
 * Human labels for the API's codes. Unknown codes get a label too ("Unknown (25)"):
 * the API may grow new values and the table must never crash on them.
 */
import { t, type MessageKey } from '../../../lib/i18n';
import { removalVerb, type BlockFields } from './block-state';
import {
  ENTITY_TYPES,
  FAILED_TASK_STATUSES,
  SOURCES,
  TASK_STATUSES,
  YUN_CODES,
  type ValueLabels,
} from '../../../shared/catalogue';

export type StatusTone = 'processing' | 'success' | 'error' | 'warning' | 'default';

const STATUS_TONES: Record<number, StatusTone> = {
  11: 'processing',
  21: 'warning',
  22: 'warning',
  23: 'success',
  24: 'default',
  20: 'success',
  90: 'error',
  91: 'error',
  92: 'error',
};

function known(list: readonly (string | number)[], v: string | number | undefined): boolean {
  return v !== undefined && list.includes(v);
}

/** "Failed" for 90; "Unknown" for codes outside the documented list. */
function statusName(code: number | undefined): string {
  if (code === undefined) return t('value.missing');
  return known(TASK_STATUSES, code) ? t(`status.${code}` as MessageKey) : t('status.unknown');
}
/** "Failed (90)", "Unknown (25)". */
export function statusLabel(code: number | undefined): string {
  if (code === undefined) return t('value.missing');
  return t('label.withCode', { label: statusName(code), code });
}
export function statusTone(code: number | undefined): StatusTone {
  return code === undefined ? 'default' : (STATUS_TONES[code] ?? 'default');
}
export function isFailedStatus(code: number | undefined): boolean {
  return code !== undefined && FAILED_TASK_STATUSES.includes(code);
}

/** "Cloud Firewall (CFW)"; unknown products keep their code: "Unknown (XYZ)". */
export function productLabel(code: string | undefined): string {
  if (!code) return t('value.missing');
  const name = known(YUN_CODES, code) ? t(`product.${code}` as MessageKey) : t('status.unknown');
  return t('label.withCode', { label: name, code });
}
/** "Web Application Firewall" only (for narrow cells; the code sits beside it). */
export function productName(code: string | undefined): string {
  if (!code) return t('value.missing');
  return known(YUN_CODES, code) ? t(`product.${code}` as MessageKey) : code;
}

/** "Manual (soar-manual)"; unknown sources: "Unknown (xyz)". */
export function sourceLabel(code: string | undefined): string {
  if (!code) return t('value.missing');
  const name = known(SOURCES, code) ? t(`source.${code}` as MessageKey) : t('status.unknown');
  return t('label.withCode', { label: name, code });
}
export function sourceName(code: string | undefined): string {
  if (!code) return t('value.missing');
  return known(SOURCES, code) ? t(`source.${code}` as MessageKey) : code;
}

/** "IP address"; unknown types keep their raw value. */
export function entityTypeLabel(code: string | undefined): string {
  if (!code) return t('value.missing');
  return known(ENTITY_TYPES, code) ? t(`entityType.${code}` as MessageKey) : code;
}

/**
 * The label of one task's RemoveTime: "Unblocked" (解封时间) for a block, "Restored"
 * (解除隔离时间) for a quarantine (model/block-state.ts `removalVerb`), else the column's
 * "Unblocked / restored" (解封/解除隔离时间).
 */
export function removeTimeLabel(task: Pick<BlockFields, 'TaskStatus' | 'EntityType'>): string {
  const verb = removalVerb(task);
  return verb ? t(`removeTime.${verb}`) : t('field.RemoveTime');
}

/** The documented statuses, then any other code already selected (from a link), labelled "Unknown (25)". */
export const statusOptions = (selected: readonly string[] = []) =>
  [...new Set([...TASK_STATUSES.map(String), ...selected])].map((c) => ({
    value: c,
    label: statusLabel(Number(c)),
  }));
/** The documented products, then any other code already selected, labelled "Unknown (XYZ)". */
export const productOptions = (selected: readonly string[] = []) =>
  [...new Set([...YUN_CODES, ...selected])].map((c) => ({ value: c, label: productLabel(c) }));
export const sourceOptions = () => SOURCES.map((c) => ({ value: c, label: sourceLabel(c) }));
export const entityTypeOptions = () =>
  ENTITY_TYPES.map((c) => ({ value: c, label: t('label.withCode', { label: entityTypeLabel(c), code: c }) }));

/** The label of a filter value, by the vocabulary its parameter uses (the catalogue's `valueLabels`). */
export const VALUE_LABEL: Record<ValueLabels, (code: string) => string> = {
  status: (c) => statusLabel(Number(c)),
  product: productLabel,
  source: sourceLabel,
  entityType: entityTypeLabel,
};
/** A filter's options, by vocabulary; `selected` adds codes a link brought in. */
export const VALUE_OPTIONS: Record<
  ValueLabels,
  (selected?: readonly string[]) => { value: string; label: string }[]
> = {
  status: statusOptions,
  product: productOptions,
  source: sourceOptions,
  entityType: entityTypeOptions,
};
