import { Button, Tag } from 'antd';
import { VisibleText } from '../../../components/visible-text';
import { t } from '../../../lib/i18n';
import { useTimeZoneSetting } from '../../../lib/use-time-zone';
import { activeFilters } from '../model/filter-summary';
import type { FilterParamName } from '../../../shared/catalogue';
import type { TaskFilters } from '../model/task-view';

/** Active filters at a glance, each removable, plus clear-all. */
export function FilterChips({
  filters,
  onRemove,
  onClearAll,
}: {
  filters: TaskFilters;
  onRemove: (params: FilterParamName[]) => void;
  /** Omit where a clear-all button is already at hand (the empty state). */
  onClearAll?: () => void;
}) {
  useTimeZoneSetting(); // absolute ranges are shown in the display zone: follow its changes
  const active = activeFilters(filters);
  if (active.length === 0) return <p className="rtc-chips rtc-muted">{t('filters.none')}</p>;
  return (
    <div className="rtc-chips" role="group" aria-label={t('filters.active')} data-testid="filter-chips">
      {active.map((f) => (
        <Tag
          key={f.id}
          data-testid={`chip-${f.id}`}
          closable
          closeIcon={<span aria-label={t('filters.clear', { label: f.label })}>×</span>}
          onClose={(e) => {
            e.preventDefault();
            onRemove(f.params);
          }}
          className="rtc-chip"
        >
          <span className="rtc-chip-label">{t('filters.chipLabel', { label: f.label })}</span>
          <span className="rtc-chip-value">
            <VisibleText text={f.value} />
          </span>
        </Tag>
      ))}
      {onClearAll ? (
        <Button size="small" type="link" onClick={onClearAll}>
          {t('filters.clearAll')}
        </Button>
      ) : null}
    </div>
  );
}
