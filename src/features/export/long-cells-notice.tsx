/** The completion notice's warning about cells longer than a spreadsheet holds (cell-limits.ts). */
import { Alert } from 'antd';
import { VisibleText } from '../../components/visible-text';
import { formatNumber } from '../../lib/i18n';
import type { LongCellReport } from './cell-limits';
import { tx, txCount } from './i18n';

/** Cells named in the notice itself; the manifest lists up to LONG_CELLS_LISTED. */
const NAMED_IN_NOTICE = 5;

export function LongCellsNotice({ report }: { report: LongCellReport }) {
  if (report.count === 0) return null;
  const named = report.cells.slice(0, NAMED_IN_NOTICE);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="export-long-cells"
      title={txCount('export.done.longCells', report.count, {
        app: report.limit.application,
        max: formatNumber(report.limit.maxCharacters),
      })}
      description={
        <ul className="rtc-notice-list">
          {named.map((c) => (
            <li key={`${c.taskId}\u0000${c.column}`}>
              <VisibleText
                text={tx('export.done.longCell', {
                  taskId: c.taskId,
                  column: c.column,
                  characters: formatNumber(c.characters),
                })}
              />
            </li>
          ))}
          {report.count > named.length ? (
            <li>{tx('export.done.longCellsMore', { count: formatNumber(report.count - named.length) })}</li>
          ) : null}
        </ul>
      }
    />
  );
}
