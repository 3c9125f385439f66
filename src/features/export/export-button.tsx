/**
 * "Export CSV": every task matching the list's query, as a CSV download.
 * This module is the lazy-loaded entry of the export feature: papaparse, the CSV worker
 * and the engine are imported only from here or deeper, never from the first screen.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import type { DescribeProcessTasksQuery } from '../../shared/sophonsoar';
import { ExportDialog } from './export-dialog';
import { tx } from './i18n';

export interface ExportButtonProps {
  /** The current list query in the API's wire form (strings), relative times already
   *  resolved to ms, without PageNumber/PageSize. Includes OrderField/Direction if set. */
  query: DescribeProcessTasksQuery;
  /** Ids of the table columns currently visible, in order (API field names). */
  visibleColumns: string[];
  /** The TotalCount the list currently shows, if known (for the confirmation). */
  totalCount?: number;
  /** Builds an absolute link (relative times frozen) that reopens the exported set, given
   *  the processed-time upper bound (ms) the export froze, if the filter had none. */
  linkFor: (frozenEndMs: number | undefined) => string;
}

export function ExportButton(props: ExportButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        onClick={() => setOpen(true)}
        disabled={props.totalCount === 0}
        data-testid="export-button"
      >
        {tx('export.button')}
      </Button>
      {open ? <ExportDialog {...props} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
