import { useQuery } from '@tanstack/react-query';
import { Button, Empty } from 'antd';
import { t, tCount } from '../../../lib/i18n';
import { processTasksProbeQueryOptions } from '../api/get-process-tasks';
import type { FilterParamName } from '../../../shared/catalogue';
import { toWireFilters } from '../model/wire-query';
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
  onApply,
}: {
  filters: TaskFilters;
  view: TaskListView;
  /** The answer's TotalCount, when known. */
  totalCount: number | undefined;
  onGoToPage: (page: number) => void;
  onRemove: (params: FilterParamName[]) => void;
  onClearAll: () => void;
  /** Applies a change of filters (the keyword results offered for an exact entity). */
  onApply: (patch: Partial<TaskFilters>) => void;
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
  if (filters.EntityName !== undefined && totalCount === 0)
    return (
      <ExactEntityEmpty filters={filters} onApply={onApply} onRemove={onRemove} onClearAll={onClearAll} />
    );
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

/**
 * An exact entity match found nothing: never a bare zero. The same text as a keyword
 * (ParamContent, contains; the other filters kept) is counted, and offered when it finds
 * something.
 */
function ExactEntityEmpty({
  filters,
  onApply,
  onRemove,
  onClearAll,
}: {
  filters: TaskFilters;
  onApply: (patch: Partial<TaskFilters>) => void;
  onRemove: (params: FilterParamName[]) => void;
  onClearAll: () => void;
}) {
  const entity = filters.EntityName!;
  const keywordFilters: TaskFilters = { ...filters, EntityName: undefined, ParamContent: entity };
  const probe = useQuery(processTasksProbeQueryOptions(toWireFilters(keywordFilters)));
  const found = probe.data?.Page?.TotalCount ?? probe.data?.ProcessTasks.length;
  return (
    <div className="rtc-empty" data-testid="empty-state">
      <Empty
        description={
          <>
            <strong>{t('table.empty')}</strong>
            <br />
            {t('table.emptyWithFilters')} {t('search.exactNone', { entity })}
            <br />
            <span data-testid="keyword-offer-text">
              {probe.isPending
                ? t('search.countingKeyword')
                : found
                  ? tCount('search.keywordFinds', found)
                  : t('search.keywordNone')}
            </span>
          </>
        }
      >
        {found ? (
          <Button
            type="primary"
            data-testid="keyword-offer"
            onClick={() => onApply({ EntityName: undefined, ParamContent: entity })}
          >
            {tCount('search.showKeywordResults', found)}
          </Button>
        ) : null}
        <FilterChips filters={filters} onRemove={onRemove} />
        <Button onClick={onClearAll}>{t('filters.clearAll')}</Button>
      </Empty>
    </div>
  );
}
