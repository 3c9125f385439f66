import { ArrowUpOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { tCount } from '../../../lib/i18n';
import './live-updates.css';

/**
 * The line above the table while auto-refresh is on: "N new tasks: show" when new tasks
 * wait (hooks/use-live-rows.ts), empty otherwise. It keeps its height either way, so the
 * rows never move when the banner appears or goes. After "show" focus moves to the first
 * row (the newest task), where the analyst's eyes go, instead of being lost with the button.
 */
export function NewTasksBanner({
  newCount,
  atLeast,
  onShow,
}: {
  newCount: number;
  atLeast: boolean;
  onShow: () => void;
}) {
  return (
    <div className="rtc-live-bar" data-testid="live-bar" role="status">
      {newCount > 0 ? (
        <Button
          size="small"
          type="primary"
          ghost
          icon={<ArrowUpOutlined aria-hidden />}
          data-testid="new-tasks-banner"
          data-count={newCount}
          onClick={onShow}
        >
          {tCount(atLeast ? 'live.newTasksAtLeast' : 'live.newTasks', newCount)}
        </Button>
      ) : null}
    </div>
  );
}
