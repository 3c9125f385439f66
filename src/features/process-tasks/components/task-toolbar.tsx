import ReloadOutlined from '@ant-design/icons-svg/es/asn/ReloadOutlined';
import type { ReactNode } from 'react';
import { PlainButton } from '../../../components/plain-button';
import { t, tCount } from '../../../lib/i18n';
import { DENSITIES, type Density } from '../hooks/use-density';
import type { TaskTable } from '../hooks/use-task-table';
import type { TaskUrlState } from '../model/url-state';
import { ColumnChooser } from './column-chooser';
import { CopyLinkButtons } from './copy-link-buttons';
import { ToolbarHabits } from './toolbar-habits';

interface Props {
  state: TaskUrlState;
  totalCount: number | undefined;
  /** Rows are on screen and a newer answer is on its way. */
  refreshing: boolean;
  /**
   * The total shown was counted for an earlier view (other filters, page or sort) and
   * the answer for this one has not arrived (or failed): it is marked as such.
   */
  totalStale: boolean;
  onRefresh: () => void;
  table: TaskTable;
  onResetColumns: () => void;
  /** The auto-refresh choice, before Refresh (components/auto-refresh-select.tsx). */
  live?: ReactNode;
  /** What the app plugs in (the export), if anything: before the buttons of the first paint. */
  extra?: ReactNode;
  density: Density;
  onDensityChange: (d: Density) => void;
}

/** Compact / comfortable rows, as two toggle buttons (remembered by useDensity). */
function DensitySwitch({ density, onChange }: { density: Density; onChange: (d: Density) => void }) {
  return (
    <span
      role="group"
      aria-label={t('table.density')}
      className="rtc-density-switch"
      data-testid="density-switch"
    >
      {DENSITIES.map((d) => (
        <PlainButton
          key={d}
          size="small"
          variant={density === d ? 'primary' : 'default'}
          aria-pressed={density === d}
          onClick={() => onChange(d)}
        >
          {t(`table.density.${d}`)}
        </PlainButton>
      ))}
    </span>
  );
}

/** The results' title and count, with Refresh, the copy-link buttons and the column chooser. */
export function TaskToolbar({
  state,
  totalCount,
  refreshing,
  totalStale,
  onRefresh,
  live,
  table,
  onResetColumns,
  extra,
  density,
  onDensityChange,
}: Props) {
  return (
    <div className="rtc-toolbar">
      <div className="rtc-toolbar-left">
        <h2 id="results-title" className="rtc-panel-title">
          {t('table.caption')}
        </h2>
        <span
          className={totalStale ? 'rtc-total rtc-total-stale' : 'rtc-total'}
          data-testid="total-count"
          data-stale={totalStale ? 'true' : undefined}
          aria-live="polite"
          aria-busy={totalStale}
        >
          {totalCount === undefined ? '' : tCount('toolbar.total', totalCount)}
        </span>
        {totalStale && totalCount !== undefined ? (
          <span className="rtc-muted" data-testid="total-stale">
            {t('toolbar.totalStale')}
          </span>
        ) : refreshing ? (
          <span className="rtc-muted">{t('toolbar.refreshing')}</span>
        ) : null}
      </div>
      <div className="rtc-toolbar-right">
        {/* What loads after the first rows comes first: the group is right-aligned, so the
            buttons there from the first paint (density to columns) never move. */}
        <ToolbarHabits table={table} totalCount={totalCount} />
        {extra}
        <DensitySwitch density={density} onChange={onDensityChange} />
        {live}
        <PlainButton
          icon={ReloadOutlined}
          onClick={onRefresh}
          data-testid="refresh"
          title={t('toolbar.refresh')}
        >
          {t('toolbar.refresh')}
        </PlainButton>
        <CopyLinkButtons state={state} />
        <ColumnChooser table={table} onReset={onResetColumns} />
      </div>
    </div>
  );
}
