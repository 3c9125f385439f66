import { Button, Checkbox, Popover } from 'antd';
import type { ReactElement } from 'react';
import { t } from '../../../lib/i18n';
import type { TaskTable } from '../hooks/use-task-table';
import { columnLabel } from './task-columns';

/** The column chooser's popover (antd Popover and Checkbox), opened by clicking `children`: loaded after the first rows. */
export function ColumnChooserPopover({
  table,
  onReset,
  open,
  onOpenChange,
  children,
}: {
  table: TaskTable;
  onReset: () => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactElement;
}) {
  const content = (
    <div className="rtc-column-chooser" role="group" aria-label={t('toolbar.columnsTitle')}>
      {table.getAllLeafColumns().map((column) => (
        <Checkbox
          key={column.id}
          checked={column.getIsVisible()}
          disabled={!column.getCanHide()}
          onChange={(e) => column.toggleVisibility(e.target.checked)}
          data-column-id={column.id}
        >
          {columnLabel(column.id)}
        </Checkbox>
      ))}
      <Button size="small" type="link" onClick={onReset}>
        {t('toolbar.columnsReset')}
      </Button>
    </div>
  );
  return (
    <Popover
      content={content}
      title={t('toolbar.columnsTitle')}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={onOpenChange}
    >
      {children}
    </Popover>
  );
}
