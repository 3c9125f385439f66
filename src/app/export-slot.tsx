import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense } from 'react';
import type { ExportSlotProps } from '../features/process-tasks/components/task-browser';
import { absoluteHref } from '../features/process-tasks/hooks/task-url-store';
import { toWireQuery, viewFromWireQuery } from '../features/process-tasks/model/url-state';
import { t } from '../lib/i18n';
import type { DescribeProcessTasksQuery } from '../shared/sophonsoar';

// The export feature (papaparse, worker, engine) loads only when the toolbar renders it,
// in its own chunk, never with the first screen.
const ExportButton = lazy(() =>
  import('../features/export/export-button').then((m) => ({ default: m.ExportButton })),
);

/** An absolute link that reopens exactly this query (its times are already absolute ms). */
function linkFor(query: DescribeProcessTasksQuery): string {
  return absoluteHref({ view: { ...viewFromWireQuery(query).view, page: 1 } });
}

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
        linkFor={linkFor}
      />
    </Suspense>
  );
}
