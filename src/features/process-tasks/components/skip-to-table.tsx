import { t } from '../../../lib/i18n';
import { focusTable, TASK_TABLE_ID } from '../hooks/task-table-focus';

/** "Skip to the task table": the first stop of the keyboard, shown when focused. */
export function SkipToTable() {
  return (
    <a
      className="rtc-skip-link"
      href={`#${TASK_TABLE_ID}`}
      onClick={(e) => {
        e.preventDefault();
        focusTable();
      }}
    >
      {t('shortcuts.skipToTable')}
    </a>
  );
}
