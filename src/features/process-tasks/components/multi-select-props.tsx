import type { SelectProps } from 'antd';
import { t, type PluralKey } from '../../../lib/i18n';
import type { FilterParamName } from '../../../shared/catalogue';
import { tf, tfCount, type filterMessagesEn } from '../filter-i18n';
import { GROUP_LABEL, groupOfCodes } from '../model/status-counts';

const CHOSEN_KEYS = new Set<string>(['TaskStatus', 'YunCode', 'Source']);

/**
 * What a filter's select shows for `chosen` values when there are several: a status group's
 * name when the statuses are exactly that group ("Failed (all)", 全部失败),
 * otherwise how many ("3 statuses", 3 个状态), instead of antd's "+ 3 …".
 */
export function chosenSummary(param: FilterParamName, chosen: readonly string[]): string {
  const group = param === 'TaskStatus' ? groupOfCodes(chosen) : undefined;
  if (group !== undefined) return tf('filters.chosenGroup', { group: t(GROUP_LABEL[group]) });
  const key = (CHOSEN_KEYS.has(param) ? `filters.chosen.${param}` : 'filters.chosen.other') as PluralKey<
    typeof filterMessagesEn
  >;
  return tfCount(key, chosen.length);
}

/**
 * The props every multi-select filter shares (the counted ones, counted-select.tsx, and the
 * others, filter-controls.tsx): one chosen value shows as its tag; several show one
 * readable summary (chosenSummary), the chosen labels in its title.
 */
export function multiSelectProps(param: FilterParamName, chosen: readonly string[]) {
  return {
    mode: 'multiple',
    allowClear: true,
    maxTagCount: chosen.length > 1 ? 0 : 'responsive',
    maxTagPlaceholder: (omitted) => (
      <span
        className="rtc-chosen-summary"
        title={omitted.map((o) => String(o.label ?? o.value)).join(', ')}
        data-testid={`chosen-${param}`}
      >
        {chosenSummary(param, chosen)}
      </span>
    ),
    placeholder: t('filters.any'),
  } satisfies SelectProps<string[]>;
}
