import { Pagination } from 'antd';
import { t } from '../../../lib/i18n';
import type { TaskTable } from '../hooks/use-task-table';
import { PAGE_SIZES, type TaskListView } from '../model/url-state';

/** Page and page size, through the table (which owns paging state and writes the URL). */
export function TaskPagination({
  view,
  totalCount,
  table,
}: {
  view: TaskListView;
  totalCount: number;
  table: TaskTable;
}) {
  return (
    <Pagination
      className="rtc-pagination"
      current={view.page}
      pageSize={view.pageSize}
      total={totalCount}
      pageSizeOptions={PAGE_SIZES.map(String)}
      showSizeChanger
      showTotal={(total, [from, to]) =>
        t('table.pageRange', {
          from: from.toLocaleString(),
          to: to.toLocaleString(),
          total: total.toLocaleString(),
        })
      }
      onChange={(page, size) => {
        if (size !== view.pageSize) table.setPageSize(size);
        else table.setPageIndex(page - 1);
      }}
    />
  );
}
