import { PieChartOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState, type ComponentProps } from 'react';
import { t } from '../../../lib/i18n';
import type { FailureCauses as FailureCausesDrawer } from './failure-causes';

// The breakdown (antd Drawer, Progress, InputNumber, its scan) loads when first opened.
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

/**
 * The breakdown's drawer (over the list, which does not move), loaded when first opened and
 * kept mounted after, so that it animates closed and gives focus back to the button.
 */
export function FailureCausesPanel(props: ComponentProps<typeof FailureCausesDrawer>) {
  const [opened, setOpened] = useState(props.open);
  if (props.open && !opened) setOpened(true);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <FailureCauses {...props} />
    </Suspense>
  );
}
