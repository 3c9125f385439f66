import { InfoCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useFirstScreenShown } from '../../../lib/first-screen';
import { t } from '../../../lib/i18n';
import {
  FILTER_PARAMS,
  TIME_RANGES,
  labelKey,
  type FilterParam,
  type ParamOfKind,
} from '../../../shared/catalogue';
import type { TaskFilters } from '../model/task-view';
import { FilterField } from './filter-field';

// The controls (antd Select and Input: about 45 KB gzip with their styles) load after the
// first rows; the panel's frame and labels do not wait for them.
const FilterControl = lazy(() => import('./filter-controls').then((m) => ({ default: m.FilterControl })));
const TimeRangeControl = lazy(() =>
  import('./filter-controls').then((m) => ({ default: m.TimeRangeControl })),
);

/** Holds a control's place (an empty input's size and frame) until the control loads. */
function ControlPlaceholder() {
  return <span className="rtc-control-placeholder" aria-hidden />;
}

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
  // The controls' code loads once the first rows are painted (lib/first-screen.ts).
  const controls = useFirstScreenShown();

  const field = (p: FilterParam) => {
    const id = fid(p.name);
    const hint =
      p.kind !== 'text' || 'suggest' in p
        ? undefined
        : p.match === 'contains'
          ? t('filters.keywordHint')
          : t('filters.exactHint');
    return (
      <FilterField key={p.name} id={id} label={t(labelKey(p.name))} hint={hint}>
        <Suspense fallback={<ControlPlaceholder />}>
          {controls ? (
            <FilterControl param={p} id={id} filters={filters} onChange={onChange} />
          ) : (
            <ControlPlaceholder />
          )}
        </Suspense>
      </FilterField>
    );
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
            <Suspense fallback={<ControlPlaceholder />}>
              {controls ? (
                <TimeRangeControl
                  id={fid(start)}
                  start={filters[start]}
                  end={filters[end]}
                  onChange={(a, b) => onChange({ [start]: a, [end]: b })}
                />
              ) : (
                <ControlPlaceholder />
              )}
            </Suspense>
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
