/**
 * The filter panel's controls (antd Select, Input, AutoComplete, the time range), in their
 * own chunk: the panel's frame and labels render with the first rows, the controls load
 * just after them (see filter-panel.tsx).
 */
import { Select } from 'antd';
import { DebouncedInput } from '../../../components/debounced-input';
import { t } from '../../../lib/i18n';
import type { FilterParam } from '../../../shared/catalogue';
import { VALUE_OPTIONS } from '../model/labels';
import { COUNTED_FILTERS } from '../model/status-counts';
import type { TaskFilters } from '../model/task-view';
import { CountedSelect } from './counted-select';
import { multiSelectProps } from './multi-select-props';
import { SceneCodeInput } from './scene-code-input';
import { TimeRangeFilter } from './time-range-filter';

type OnChange = (patch: Partial<TaskFilters>) => void;

/** The control of one filter parameter (not a time: see TimeRangeControl). */
export function FilterControl({
  param: p,
  id,
  filters,
  onChange,
}: {
  param: FilterParam;
  id: string;
  filters: TaskFilters;
  onChange: OnChange;
}) {
  switch (p.kind) {
    case 'list':
      if (COUNTED_FILTERS.some((c) => c === p.name))
        return (
          <CountedSelect
            param={p.name as (typeof COUNTED_FILTERS)[number]}
            id={id}
            filters={filters}
            options={VALUE_OPTIONS[p.valueLabels](filters[p.name])}
            onChange={onChange}
          />
        );
      return (
        <Select
          id={id}
          {...multiSelectProps(p.name, filters[p.name] ?? [])}
          value={filters[p.name] ?? []}
          options={VALUE_OPTIONS[p.valueLabels](filters[p.name])}
          optionFilterProp="label"
          onChange={(v: string[]) => onChange({ [p.name]: v })}
        />
      );
    case 'choice':
      return (
        <Select
          id={id}
          allowClear
          placeholder={t('filters.any')}
          value={filters[p.name] ?? null}
          options={VALUE_OPTIONS[p.valueLabels]()}
          onChange={(v: string | undefined | null) => onChange({ [p.name]: v ?? undefined })}
        />
      );
    case 'text':
      if ('suggest' in p)
        return <SceneCodeInput id={id} value={filters[p.name]} onCommit={(v) => onChange({ [p.name]: v })} />;
      return (
        <DebouncedInput
          id={id}
          value={filters[p.name]}
          aria-describedby={`${id}-hint`}
          onCommit={(v) => onChange({ [p.name]: v })}
        />
      );
    case 'time':
      return null;
  }
}

/** A time range (start and end parameters) as one control. */
export { TimeRangeFilter as TimeRangeControl };

/** The one search box (IP, CIDR, UUID, path, process, keyword). */
export { SearchBox } from './search-box';
