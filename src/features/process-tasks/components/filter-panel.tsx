import { InfoCircleOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import { useState } from 'react';
import { DebouncedInput } from '../../../components/debounced-input';
import { t } from '../../../lib/i18n';
import { entityTypeOptions, productOptions, sourceOptions, statusOptions } from '../model/labels';
import type { ChoiceParam, ListParam, TaskFilters, TextParam } from '../model/url-state';
import { FilterField } from './filter-field';
import { SceneCodeInput } from './scene-code-input';
import { TimeRangeFilter } from './time-range-filter';

const ADVANCED: TextParam[] = [
  'EntityName',
  'TaskId',
  'EventUuid',
  'EntityUuid',
  'ReqUuid',
  'ProcessStrategyUuid',
  'Scope',
];

interface Props {
  filters: TaskFilters;
  onChange: (patch: Partial<TaskFilters>, opts?: { replace?: boolean }) => void;
}

const fid = (p: string) => `filter-${p}`;

export function FilterPanel({ filters, onChange }: Props) {
  const advancedActive = ADVANCED.some((p) => filters[p] !== undefined) || filters.SceneCode !== undefined;
  const [moreOpen, setMoreOpen] = useState(advancedActive);
  const showMore = moreOpen || advancedActive;

  const multi = (p: ListParam, options: { value: string; label: string }[]) => (
    <FilterField id={fid(p)} label={t(`field.${p}`)}>
      <Select
        id={fid(p)}
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('filters.any')}
        value={filters[p] ?? []}
        options={options}
        optionFilterProp="label"
        onChange={(v: string[]) => onChange({ [p]: v })}
      />
    </FilterField>
  );
  const single = (p: ChoiceParam, options: { value: string; label: string }[]) => (
    <FilterField id={fid(p)} label={t(`field.${p}`)}>
      <Select
        id={fid(p)}
        allowClear
        placeholder={t('filters.any')}
        value={filters[p] ?? null}
        options={options}
        onChange={(v: string | undefined | null) => onChange({ [p]: v ?? undefined })}
      />
    </FilterField>
  );
  const text = (p: TextParam, hint?: string) => (
    <FilterField id={fid(p)} label={t(`field.${p}`)} hint={hint}>
      <DebouncedInput
        id={fid(p)}
        value={filters[p]}
        aria-describedby={hint ? `${fid(p)}-hint` : undefined}
        onCommit={(v) => onChange({ [p]: v }, { replace: true })}
      />
    </FilterField>
  );

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
        {multi('TaskStatus', statusOptions(filters.TaskStatus))}
        {multi('YunCode', productOptions(filters.YunCode))}
        {multi('Source', sourceOptions())}
        {single('TriggerSource', sourceOptions())}
        {single('EntityType', entityTypeOptions())}
        {text('ParamContent', t('filters.keywordHint'))}
        <FilterField id={fid('ProcessActionStart')} label={t('field.ProcessActionRange')}>
          <TimeRangeFilter
            id={fid('ProcessActionStart')}
            start={filters.ProcessActionStart}
            end={filters.ProcessActionEnd}
            onChange={(a, b) => onChange({ ProcessActionStart: a, ProcessActionEnd: b })}
          />
        </FilterField>
        <FilterField id={fid('ProcessRemoveStart')} label={t('field.ProcessRemoveRange')}>
          <TimeRangeFilter
            id={fid('ProcessRemoveStart')}
            start={filters.ProcessRemoveStart}
            end={filters.ProcessRemoveEnd}
            onChange={(a, b) => onChange({ ProcessRemoveStart: a, ProcessRemoveEnd: b })}
          />
        </FilterField>
      </div>
      {showMore ? (
        <div className="rtc-filter-grid rtc-filter-grid-more">
          {text('EntityName', t('filters.exactHint'))}
          <FilterField id={fid('SceneCode')} label={t('field.SceneCode')}>
            <SceneCodeInput
              id={fid('SceneCode')}
              value={filters.SceneCode}
              onCommit={(v) => onChange({ SceneCode: v }, { replace: true })}
            />
          </FilterField>
          {text('TaskId', t('filters.exactHint'))}
          {text('EventUuid', t('filters.exactHint'))}
          {text('EntityUuid', t('filters.exactHint'))}
          {text('ReqUuid', t('filters.exactHint'))}
          {text('ProcessStrategyUuid', t('filters.exactHint'))}
          {text('Scope', t('filters.exactHint'))}
        </div>
      ) : null}
      <p className="rtc-note" data-testid="no-create-time-note">
        <InfoCircleOutlined aria-hidden /> {t('filters.noCreateTimeFilter')}
      </p>
    </section>
  );
}
