import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense } from 'react';
import type { ExportSlotProps } from '../features/process-tasks/components/task-browser';
import { absoluteHref } from '../features/process-tasks/hooks/task-url-store';
import { exportedView } from '../features/process-tasks/model/task-view';
import { toWireQuery } from '../features/process-tasks/model/wire-query';
import { t } from '../lib/i18n';

// The export feature (papaparse, worker, engine) loads only when the toolbar renders it,
// in its own chunk, never with the first screen.
const ExportButton = lazy(() =>
  import('../features/export/export-button').then((m) => ({ default: m.ExportButton })),
);

/** The toolbar slot where the app plugs the export feature into the task list. */
export function renderExportSlot({ view, visibleColumns, totalCount, resolvedAt }: ExportSlotProps) {
  return (
    <Suspense
      fallback={
        <Button icon={<DownloadOutlined />} disabled>
          {t('export.loading')}
        </Button>
      }
    >
      <ExportButton
        query={toWireQuery(view, resolvedAt, { paging: false })}
        visibleColumns={visibleColumns}
        totalCount={totalCount}
        linkFor={(frozenEndMs) => absoluteHref({ view: exportedView(view, resolvedAt, frozenEndMs) })}
      />
    </Suspense>
  );
}
