import { ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { t, tCount } from '../../../lib/i18n';
import type { TaskTable } from '../hooks/use-task-table';
import type { TaskUrlState } from '../model/url-state';
import { ColumnChooser } from './column-chooser';
import { CopyLinkButtons } from './copy-link-buttons';

interface Props {
  state: TaskUrlState;
  totalCount: number | undefined;
  /** Rows are on screen and a newer answer is on its way. */
  refreshing: boolean;
  onRefresh: () => void;
  table: TaskTable;
  onResetColumns: () => void;
  /** What the app plugs in at the end (the export), if anything. */
  extra?: ReactNode;
}

/** The results' title and count, with Refresh, the copy-link buttons and the column chooser. */
export function TaskToolbar({
  state,
  totalCount,
  refreshing,
  onRefresh,
  table,
  onResetColumns,
  extra,
}: Props) {
  return (
    <div className="rtc-toolbar">
      <div className="rtc-toolbar-left">
        <h2 id="results-title" className="rtc-panel-title">
          {t('table.caption')}
        </h2>
        <span className="rtc-total" data-testid="total-count" aria-live="polite">
          {totalCount === undefined ? '' : tCount('toolbar.total', totalCount)}
        </span>
        {refreshing ? <span className="rtc-muted">{t('toolbar.refreshing')}</span> : null}
      </div>
      <div className="rtc-toolbar-right">
        <Button icon={<ReloadOutlined />} onClick={onRefresh}>
          {t('toolbar.refresh')}
        </Button>
        <CopyLinkButtons state={state} />
        <ColumnChooser table={table} onReset={onResetColumns} />
        {extra}
      </div>
    </div>
  );
}
