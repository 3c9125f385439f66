import { Button, Empty } from 'antd';
import { t } from '../../../lib/i18n';
import type { FilterParamName } from '../../../shared/catalogue';
import { countActiveFilters, type TaskFilters } from '../model/url-state';
import { FilterChips } from './filter-chips';

/** No task matches: says so, and offers to drop the filters that are set. */
export function EmptyResults({
  filters,
  onRemove,
  onClearAll,
}: {
  filters: TaskFilters;
  onRemove: (params: FilterParamName[]) => void;
  onClearAll: () => void;
}) {
  const filtered = countActiveFilters(filters) > 0;
  return (
    <div className="rtc-empty" data-testid="empty-state">
      <Empty
        description={
          <>
            <strong>{t('table.empty')}</strong>
            <br />
            {filtered ? t('table.emptyWithFilters') : t('table.emptyNoFilters')}
          </>
        }
      >
        {filtered ? (
          <>
            <FilterChips filters={filters} onRemove={onRemove} />
            <Button type="primary" onClick={onClearAll}>
              {t('filters.clearAll')}
            </Button>
          </>
        ) : null}
      </Empty>
    </div>
  );
}
