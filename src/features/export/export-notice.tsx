/** The completion notice: counts, the window used, a link to reopen the set, the manifest. */
import { Alert, Button, Space, Typography } from 'antd';
import { formatNumber } from '../../lib/i18n';
import { formatDateTimeWithZone } from '../../lib/time';
import { saveJson } from './download';
import type { ExportOutcome } from './export-session';
import { tx } from './i18n';
import { LongCellsNotice } from './long-cells-notice';
import type { TimeBound } from './manifest';

function bound(b: TimeBound | null, zone: string): string {
  return b ? formatDateTimeWithZone(b.ms, zone) : tx('export.done.windowOpen');
}

export function ExportNotice({ outcome, listedCount }: { outcome: ExportOutcome; listedCount?: number }) {
  const { manifest, result, names } = outcome;
  const zone = manifest.timeZone;
  const processed = manifest.window.processed;
  const unblocked = manifest.window.unblocked;
  return (
    <Space orientation="vertical" size="small" data-testid="export-notice">
      <Typography.Text strong data-testid="export-rows">
        {tx('export.done.rows', {
          rows: formatNumber(result.rows),
          total: formatNumber(result.totalCountAtStart),
        })}
      </Typography.Text>
      {manifest.consistencyNote ? (
        <Alert type="warning" showIcon title={manifest.consistencyNote} data-testid="export-mismatch" />
      ) : null}
      <LongCellsNotice report={manifest.cellsOverSpreadsheetLimit} />
      {listedCount !== undefined && listedCount !== result.totalCountAtStart ? (
        <Typography.Text type="secondary" data-testid="export-listed">
          {tx('export.done.listed', {
            listed: formatNumber(listedCount),
            total: formatNumber(result.totalCountAtStart),
          })}
        </Typography.Text>
      ) : null}
      <Typography.Text data-testid="export-window">
        {tx('export.done.window', {
          start: bound(processed.start, zone),
          end: bound(processed.end, zone),
        })}
        {processed.endFrozenAtExportStart ? ` (${tx('export.done.frozen')})` : ''}
      </Typography.Text>
      {unblocked.start || unblocked.end ? (
        <Typography.Text>
          {tx('export.done.unblockedWindow', {
            start: bound(unblocked.start, zone),
            end: bound(unblocked.end, zone),
          })}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
        {tx('export.done.file', { name: names.csv })}
      </Typography.Text>
      <Space wrap>
        <Typography.Link
          href={outcome.reopenLink}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="export-reopen-link"
        >
          {tx('export.done.reopen')}
        </Typography.Link>
        <Button size="small" onClick={() => saveJson(manifest, names.manifest)} data-testid="export-manifest">
          {tx('export.done.manifest')}
        </Button>
      </Space>
    </Space>
  );
}
