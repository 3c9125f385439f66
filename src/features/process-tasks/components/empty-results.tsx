import { Button, Empty } from 'antd';
import { t } from '../../../lib/i18n';
import type { FilterParamName } from '../../../shared/catalogue';
import { countActiveFilters, lastPage, type TaskFilters, type TaskListView } from '../model/url-state';
import { FilterChips } from './filter-chips';

/**
 * An empty page. When tasks match but this page lies past the end, says so with a way to
 * the last page; when no task matches, says so and offers to drop the filters that are set.
 */
export function EmptyResults({
  filters,
  view,
  totalCount,
  onGoToPage,
  onRemove,
  onClearAll,
}: {
  filters: TaskFilters;
  view: TaskListView;
  /** The answer's TotalCount, when known. */
  totalCount: number | undefined;
  onGoToPage: (page: number) => void;
  onRemove: (params: FilterParamName[]) => void;
  onClearAll: () => void;
}) {
  if (totalCount !== undefined && totalCount > 0) {
    const last = lastPage(totalCount, view.pageSize);
    return (
      <div className="rtc-empty" data-testid="empty-state">
        <Empty
          description={
            <strong>
              {t('table.pastEnd', {
                page: view.page.toLocaleString(),
                total: totalCount.toLocaleString(),
                last: last.toLocaleString(),
              })}
            </strong>
          }
        >
          <Button type="primary" onClick={() => onGoToPage(last)}>
            {t('table.goToLastPage', { last: last.toLocaleString() })}
          </Button>
        </Empty>
      </div>
    );
  }
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
