/**
 * "Export CSV": every task matching the list's query, as a CSV download.
 * This module is the lazy-loaded entry of the export feature: papaparse, the CSV worker
 * and the engine are imported only from here or deeper, never from the first screen.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { ExportDialog, type ExportScope } from './export-dialog';
import { tx } from './i18n';

/** Opens the export dialog for the list's current query. */
export function ExportButton(props: ExportScope) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        onClick={() => setOpen(true)}
        disabled={props.totalCount === 0}
        data-testid="export-button"
        title={tx('export.button')}
      >
        {tx('export.button')}
      </Button>
      {open ? <ExportDialog {...props} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
