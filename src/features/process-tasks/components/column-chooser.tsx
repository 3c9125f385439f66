import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import { t } from '../../../lib/i18n';
import type { TaskTable } from '../hooks/use-task-table';
import { columnLabel } from './task-columns';

/** Show or hide columns; the choice is remembered (see useColumnVisibility). */
export function ColumnChooser({ table, onReset }: { table: TaskTable; onReset: () => void }) {
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
    <Popover content={content} title={t('toolbar.columnsTitle')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="column-chooser">
        {t('toolbar.columns')}
      </Button>
    </Popover>
  );
}
