import SettingOutlined from '@ant-design/icons-svg/es/asn/SettingOutlined';
import { lazy, Suspense, useState } from 'react';
import { PlainButton } from '../../../components/plain-button';
import { useFirstScreenShown } from '../../../lib/first-screen';
import { t } from '../../../lib/i18n';
import type { TaskTable } from '../hooks/use-task-table';

// antd Popover and Checkbox (and the Tooltip and trigger under them) load after the first
// rows: the first screen shows the button only.
const ColumnChooserPopover = lazy(() =>
  import('./column-chooser-popover').then((m) => ({ default: m.ColumnChooserPopover })),
);

/** Show or hide columns; the choice is remembered (see useColumnVisibility). */
export function ColumnChooser({ table, onReset }: { table: TaskTable; onReset: () => void }) {
  const afterFirstRows = useFirstScreenShown();
  // Controlled, so that a click before the popover's chunk has loaded opens it once loaded.
  const [open, setOpen] = useState(false);
  const button = (onClick?: () => void) => (
    <PlainButton
      icon={SettingOutlined}
      data-testid="column-chooser"
      title={t('toolbar.columns')}
      onClick={onClick}
    >
      {t('toolbar.columns')}
    </PlainButton>
  );
  const early = button(() => setOpen(true));
  if (!afterFirstRows && !open) return early;
  return (
    <Suspense fallback={early}>
      <ColumnChooserPopover table={table} onReset={onReset} open={open} onOpenChange={setOpen}>
        {button()}
      </ColumnChooserPopover>
    </Suspense>
  );
}
