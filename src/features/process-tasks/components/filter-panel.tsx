import InfoCircleOutlined from '@ant-design/icons-svg/es/asn/InfoCircleOutlined';
import { lazy, Suspense, useCallback, useState } from 'react';
import { PlainButton } from '../../../components/plain-button';
import { PlainIcon } from '../../../components/plain-icon';
import { useFirstScreenShown } from '../../../lib/first-screen';
import { t } from '../../../lib/i18n';
import { readJson, writeJson } from '../../../lib/local-storage';
import {
  FILTER_PARAMS,
  TIME_RANGES,
  labelKey,
  type FilterParam,
  type FilterParamName,
} from '../../../shared/catalogue';
import type { TaskFilters } from '../model/task-view';
import { FilterField } from './filter-field';

// The controls (antd Select and Input: about 45 KB gzip with their styles) load after the
// first rows; the bar's frame and labels do not wait for them.
const FilterControl = lazy(() => import('./filter-controls').then((m) => ({ default: m.FilterControl })));
const TimeRangeControl = lazy(() =>
  import('./filter-controls').then((m) => ({ default: m.TimeRangeControl })),
);
const SearchBox = lazy(() => import('./filter-controls').then((m) => ({ default: m.SearchBox })));

/** Holds a control's place (an empty input's size and frame) until the control loads. */
function ControlPlaceholder({ wide = false }: { wide?: boolean }) {
  return (
    <span
      className={wide ? 'rtc-control-placeholder rtc-control-placeholder-wide' : 'rtc-control-placeholder'}
      aria-hidden
    />
  );
}

/** The one-line bar: status, product, processed range and the search box. */
const BAR_PARAMS: readonly FilterParamName[] = ['TaskStatus', 'YunCode'];
const [PROCESSED, ...OTHER_RANGES] = TIME_RANGES;
/** Everything else waits in the panel ("More filters"). */
const PANEL = FILTER_PARAMS.filter((p) => p.kind !== 'time' && !BAR_PARAMS.includes(p.name));
const BAR = FILTER_PARAMS.filter((p) => BAR_PARAMS.includes(p.name));

/** localStorage key: whether the "More filters" panel is open (it stays as the analyst left it). */
export const FILTER_PANEL_STORAGE_KEY = 'rtc.process-tasks.filter-panel.v1';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

function usePanelOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => readJson(FILTER_PANEL_STORAGE_KEY, isBoolean) ?? false);
  const set = useCallback((next: boolean) => {
    writeJson(FILTER_PANEL_STORAGE_KEY, next);
    setOpen(next);
  }, []);
  return [open, set];
}

interface Props {
  filters: TaskFilters;
  onChange: (patch: Partial<TaskFilters>) => void;
}

const fid = (p: string) => `filter-${p}`;

export function FilterPanel({ filters, onChange }: Props) {
  const [open, setOpen] = usePanelOpen();
  // The controls' code loads once the first rows are painted (lib/first-screen.ts).
  const controls = useFirstScreenShown();
  const inPanel =
    PANEL.filter((p) => filters[p.name] !== undefined).length +
    OTHER_RANGES.filter((r) => filters[r.start] !== undefined || filters[r.end] !== undefined).length;

  const field = (p: FilterParam, inline: boolean) => {
    const id = fid(p.name);
    const hint =
      inline || p.kind !== 'text' || 'suggest' in p
        ? undefined
        : p.match === 'contains'
          ? t('filters.keywordHint')
          : t('filters.exactHint');
    return (
      <FilterField key={p.name} id={id} label={t(labelKey(p.name))} hint={hint} inline={inline}>
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

  const range = ({ id, start, end }: (typeof TIME_RANGES)[number], inline: boolean) => (
    <FilterField key={id} id={fid(start)} label={t(labelKey(id))} inline={inline}>
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
  );

  return (
    <section className="rtc-panel rtc-filters" aria-labelledby="filters-title">
      <h2 id="filters-title" className="rtc-sr-only">
        {t('filters.title')}
      </h2>
      <div className="rtc-filter-bar" data-testid="filter-bar">
        {BAR.map((p) => field(p, true))}
        {range(PROCESSED, true)}
        <div className="rtc-search-slot">
          <Suspense fallback={<ControlPlaceholder wide />}>
            {controls ? <SearchBox filters={filters} onChange={onChange} /> : <ControlPlaceholder wide />}
          </Suspense>
        </div>
        <PlainButton
          aria-expanded={open}
          aria-controls="filter-more"
          data-testid="more-filters"
          variant={open ? 'primary-ghost' : 'default'}
          onClick={() => setOpen(!open)}
        >
          {inPanel > 0 ? t('filters.moreCount', { count: inPanel }) : t('filters.more')}
        </PlainButton>
      </div>
      {open ? (
        <div id="filter-more" role="group" aria-label={t('filters.panel')} className="rtc-filter-more">
          <div className="rtc-filter-grid">
            {PANEL.map((p) => field(p, false))}
            {OTHER_RANGES.map((r) => range(r, false))}
          </div>
          <p className="rtc-note" data-testid="no-create-time-note">
            <PlainIcon icon={InfoCircleOutlined} /> {t('filters.noCreateTimeFilter')}
          </p>
        </div>
      ) : null}
    </section>
  );
}
