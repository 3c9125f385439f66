import { PieChartOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { t } from '../../../lib/i18n';
import type { TaskListView } from '../model/url-state';

// The breakdown (antd Progress, InputNumber, its scan) loads when first opened.
const FailureCauses = lazy(() => import('./failure-causes').then((m) => ({ default: m.FailureCauses })));

/** The "Failures by cause" toggle, at the end of the summary strip (beside the failed count). */
export function FailureCausesButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <Button
      size="small"
      icon={<PieChartOutlined />}
      aria-expanded={open}
      aria-controls="failure-causes"
      type={open ? 'primary' : 'default'}
      onClick={onToggle}
      data-testid="causes-button"
      title={t('causes.button')}
    >
      {t('causes.button')}
    </Button>
  );
}

/** The breakdown panel, above the table, while open (closing it drops its scan). */
export function FailureCausesPanel({
  view,
  onOpenTask,
  onClose,
}: {
  view: TaskListView;
  onOpenTask: (taskId: string) => void;
  onClose: () => void;
}) {
  return (
    <div id="failure-causes">
      <Suspense fallback={<Spin size="small" />}>
        <FailureCauses view={view} onOpenTask={onOpenTask} onClose={onClose} />
      </Suspense>
    </div>
  );
}
