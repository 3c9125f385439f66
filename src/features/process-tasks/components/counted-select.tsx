/**
 * The multi-select of the status, product and source filters with each option's count
 * beside it: the tasks matching the current filters with this filter left out, plus the
 * option. The counts are asked only while the dropdown is open (a filter change costs no
 * count call until someone looks), at most OPTION_COUNT_CALLS_MAX per dropdown, and cached
 * per filter set (api/get-status-counts.ts), shared with the summary strip's.
 */
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { formatNumber, tCount } from '../../../lib/i18n';
import { useTaskCounts } from '../api/get-status-counts';
import { optionCountQueries, type CountedFilter } from '../model/status-counts';
import type { TaskFilters } from '../model/task-view';
import { multiSelectProps } from './multi-select-props';

export function CountedSelect({
  param,
  id,
  filters,
  options,
  onChange,
}: {
  param: CountedFilter;
  id: string;
  filters: TaskFilters;
  options: { value: string; label: string }[];
  onChange: (patch: Partial<TaskFilters>) => void;
}) {
  const [open, setOpen] = useState(false);
  const queries = useMemo(
    () =>
      optionCountQueries(
        param,
        filters,
        options.map((o) => o.value),
      ),
    [param, filters, options],
  );
  const { counts } = useTaskCounts(queries, { enabled: open });
  const countOf = (value: string): number | undefined => counts[value] ?? undefined;
  return (
    <Select
      id={id}
      {...multiSelectProps(param, filters[param] ?? [])}
      value={filters[param] ?? []}
      // The label stays the option's name (typing filters on it, the tags show it, and it
      // is the accessible name, set explicitly: without a virtual list the name would be
      // the whole row); the count is drawn beside it and read out as its description.
      options={options.map((o) => {
        const n = countOf(o.value);
        return {
          ...o,
          'aria-label': o.label,
          ...(n !== undefined && { 'aria-description': tCount('summary.optionCount', n) }),
        };
      })}
      optionFilterProp="label"
      optionRender={(o) => {
        const n = countOf(String(o.value));
        return (
          <span className="rtc-option-with-count">
            <span>{o.label}</span>
            {n === undefined ? null : (
              <span className="rtc-option-count" data-testid={`option-count-${param}-${String(o.value)}`}>
                {formatNumber(n)}
              </span>
            )}
          </span>
        );
      }}
      popupMatchSelectWidth={false}
      onOpenChange={setOpen}
      onChange={(v: string[]) => onChange({ [param]: v })}
    />
  );
}
