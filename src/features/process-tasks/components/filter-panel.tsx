import { InfoCircleOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import { useState } from 'react';
import { DebouncedInput } from '../../../components/debounced-input';
import { t } from '../../../lib/i18n';
import {
  FILTER_PARAMS,
  TIME_RANGES,
  labelKey,
  type FilterParam,
  type ParamOfKind,
} from '../../../shared/catalogue';
import { VALUE_OPTIONS } from '../model/labels';
import type { TaskFilters } from '../model/task-view';
import { FilterField } from './filter-field';
import { SceneCodeInput } from './scene-code-input';
import { TimeRangeFilter } from './time-range-filter';

/** Exact-match identifiers wait behind "More filters"; the rest is always shown. */
const isAdvanced = (p: FilterParam): p is ParamOfKind<'text'> & { match: 'equals' } =>
  p.kind === 'text' && p.match === 'equals';
const MAIN = FILTER_PARAMS.filter((p) => !isAdvanced(p) && p.kind !== 'time');
const ADVANCED = FILTER_PARAMS.filter(isAdvanced);

interface Props {
  filters: TaskFilters;
  onChange: (patch: Partial<TaskFilters>) => void;
}

const fid = (p: string) => `filter-${p}`;

export function FilterPanel({ filters, onChange }: Props) {
  const advancedActive = ADVANCED.some((p) => filters[p.name] !== undefined);
  const [moreOpen, setMoreOpen] = useState(advancedActive);
  const showMore = moreOpen || advancedActive;

  const field = (p: FilterParam) => {
    const id = fid(p.name);
    const label = t(labelKey(p.name));
    switch (p.kind) {
      case 'list':
        return (
          <FilterField key={p.name} id={id} label={label}>
            <Select
              id={id}
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder={t('filters.any')}
              value={filters[p.name] ?? []}
              options={VALUE_OPTIONS[p.valueLabels](filters[p.name])}
              optionFilterProp="label"
              onChange={(v: string[]) => onChange({ [p.name]: v })}
            />
          </FilterField>
        );
      case 'choice':
        return (
          <FilterField key={p.name} id={id} label={label}>
            <Select
              id={id}
              allowClear
              placeholder={t('filters.any')}
              value={filters[p.name] ?? null}
              options={VALUE_OPTIONS[p.valueLabels]()}
              onChange={(v: string | undefined | null) => onChange({ [p.name]: v ?? undefined })}
            />
          </FilterField>
        );
      case 'text': {
        if ('suggest' in p)
          return (
            <FilterField key={p.name} id={id} label={label}>
              <SceneCodeInput id={id} value={filters[p.name]} onCommit={(v) => onChange({ [p.name]: v })} />
            </FilterField>
          );
        const hint = p.match === 'contains' ? t('filters.keywordHint') : t('filters.exactHint');
        return (
          <FilterField key={p.name} id={id} label={label} hint={hint}>
            <DebouncedInput
              id={id}
              value={filters[p.name]}
              aria-describedby={`${id}-hint`}
              onCommit={(v) => onChange({ [p.name]: v })}
            />
          </FilterField>
        );
      }
      case 'time':
        return null;
    }
  };

  return (
    <section className="rtc-panel rtc-filters" aria-labelledby="filters-title">
      <div className="rtc-panel-head">
        <h2 id="filters-title" className="rtc-panel-title">
          {t('filters.title')}
        </h2>
        <Button type="link" size="small" aria-expanded={showMore} onClick={() => setMoreOpen(!showMore)}>
          {showMore ? t('filters.less') : t('filters.more')}
        </Button>
      </div>
      <div className="rtc-filter-grid">
        {MAIN.map(field)}
        {TIME_RANGES.map(({ id, start, end }) => (
          <FilterField key={id} id={fid(start)} label={t(labelKey(id))}>
            <TimeRangeFilter
              id={fid(start)}
              start={filters[start]}
              end={filters[end]}
              onChange={(a, b) => onChange({ [start]: a, [end]: b })}
            />
          </FilterField>
        ))}
      </div>
      {showMore ? <div className="rtc-filter-grid rtc-filter-grid-more">{ADVANCED.map(field)}</div> : null}
      <p className="rtc-note" data-testid="no-create-time-note">
        <InfoCircleOutlined aria-hidden /> {t('filters.noCreateTimeFilter')}
      </p>
    </section>
  );
}
