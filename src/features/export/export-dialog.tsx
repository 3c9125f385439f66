/** The export dialog: choose columns, watch progress (rows / TotalCount, ETA), cancel. */
import { Alert, Button, Modal, Progress, Radio, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { formatNumber, formatSize } from '../../lib/i18n';
import { resolveTimeZone } from '../../lib/time';
import type { DescribeProcessTasksQuery } from '../../shared/sophonsoar';
import { columnsFor, type ColumnChoice } from './columns';
import type { CsvForm } from './csv-builder';
import { ExportNotice } from './export-notice';
import { runBrowserExport } from './export-session';
import type { ExportProgress } from './fetch-engine';
import { formatDuration, tx, txCount } from './i18n';
import { isAbort } from './pacing';
import { feedback } from '../../components/feedback';

/** What to export: the list's query and columns as the toolbar shows them. */
export interface ExportScope {
  /** The current list query in the API's wire form (strings), relative times already
   *  resolved to ms, without PageNumber/PageSize. Includes OrderField/Direction if set. */
  query: DescribeProcessTasksQuery;
  /** Ids of the table columns currently visible, in order (API field names). */
  visibleColumns: string[];
  /** The TotalCount the list currently shows, if known (for the confirmation). */
  totalCount?: number;
  /** Builds an absolute link (relative presets frozen) that reopens the given query. */
  /** Builds an absolute link (relative times frozen) that reopens the exported set, given
   *  the processed-time upper bound (ms) the export froze, if the filter had none. */
  linkFor: (frozenEndMs: number | undefined) => string;
}

type Phase =
  | { kind: 'choose' }
  | { kind: 'running'; progress?: ExportProgress }
  | { kind: 'confirm'; totalCount: number; estimatedBytes: number; progress?: ExportProgress }
  | { kind: 'error'; message: string };

export function ExportDialog(props: ExportScope & { onClose: () => void }) {
  const { notification, message } = feedback;
  const [choice, setChoice] = useState<ColumnChoice>('visible');
  const [form, setForm] = useState<CsvForm>('raw');
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const abortRef = useRef<AbortController | null>(null);
  const confirmRef = useRef<((ok: boolean) => void) | null>(null);
  const zone = resolveTimeZone();

  // Leaving the page (or unmounting) mid-export stops it.
  useEffect(() => () => abortRef.current?.abort(), []);

  const start = () => {
    const ac = new AbortController();
    abortRef.current = ac;
    setPhase({ kind: 'running' });
    runBrowserExport({
      query: props.query,
      choice,
      visibleColumns: props.visibleColumns,
      form,
      timeZone: zone,
      linkFor: props.linkFor,
      signal: ac.signal,
      onProgress: (progress) =>
        setPhase((p) => (p.kind === 'running' || p.kind === 'confirm' ? { ...p, progress } : p)),
      confirmLarge: ({ totalCount, estimatedBytes }) =>
        new Promise<boolean>((resolve) => {
          confirmRef.current = resolve;
          setPhase((p) => ({
            kind: 'confirm',
            totalCount,
            estimatedBytes,
            progress: 'progress' in p ? p.progress : undefined,
          }));
        }),
    }).then(
      (outcome) => {
        abortRef.current = null;
        props.onClose();
        const ok = outcome.result.complete;
        notification[ok ? 'success' : 'warning']({
          key: `export-${outcome.result.startedAt}`,
          title: ok ? tx('export.done.title') : tx('export.done.mismatchTitle'),
          description: <ExportNotice outcome={outcome} listedCount={props.totalCount} />,
          duration: 0,
          placement: 'bottomRight',
        });
      },
      (e: unknown) => {
        abortRef.current = null;
        if (isAbort(e) || ac.signal.aborted) {
          props.onClose();
          void message.info(tx('export.cancelled'));
          return;
        }
        setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
  };

  const cancel = () => {
    confirmRef.current?.(false);
    confirmRef.current = null;
    if (abortRef.current) abortRef.current.abort();
    else props.onClose();
  };

  const visibleCount = columnsFor('visible', props.visibleColumns).length;
  const allCount = columnsFor('all', []).length;
  const busy = phase.kind === 'running' || phase.kind === 'confirm';

  const footer =
    phase.kind === 'choose' ? (
      <>
        <Button onClick={props.onClose}>{tx('export.close')}</Button>
        <Button type="primary" onClick={start} data-testid="export-start">
          {tx('export.start')}
        </Button>
      </>
    ) : phase.kind === 'confirm' ? (
      <>
        <Button onClick={cancel}>{tx('export.cancel')}</Button>
        <Button
          type="primary"
          data-testid="export-confirm"
          onClick={() => {
            confirmRef.current?.(true);
            confirmRef.current = null;
            setPhase((p) => ({ kind: 'running', progress: 'progress' in p ? p.progress : undefined }));
          }}
        >
          {tx('export.confirm.continue')}
        </Button>
      </>
    ) : phase.kind === 'running' ? (
      <Button danger onClick={cancel} data-testid="export-cancel">
        {tx('export.cancel')}
      </Button>
    ) : (
      <>
        <Button onClick={props.onClose}>{tx('export.close')}</Button>
        <Button type="primary" onClick={start}>
          {tx('export.retry')}
        </Button>
      </>
    );

  return (
    <Modal
      open
      title={tx('export.title')}
      onCancel={busy ? cancel : props.onClose}
      mask={{ closable: !busy }}
      keyboard
      footer={footer}
      destroyOnHidden
    >
      {phase.kind === 'choose' ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{tx('export.scope')}</Typography.Paragraph>
          {props.totalCount !== undefined ? (
            <Typography.Text strong>{txCount('export.matching', props.totalCount)}</Typography.Text>
          ) : null}
          <Radio.Group
            aria-label={tx('export.columns')}
            value={choice}
            onChange={(e) => setChoice(e.target.value as ColumnChoice)}
            options={[
              { value: 'visible', label: tx('export.columns.visible', { count: visibleCount }) },
              { value: 'all', label: tx('export.columns.all', { count: allCount }) },
            ]}
          />
          <Radio.Group
            aria-label={tx('export.form')}
            value={form}
            onChange={(e) => setForm(e.target.value as CsvForm)}
            data-testid="export-form"
            options={[
              { value: 'raw', label: tx('export.form.raw') },
              { value: 'spreadsheet', label: tx('export.form.spreadsheet') },
            ]}
          />
          <Typography.Text type="secondary">
            {tx(form === 'spreadsheet' ? 'export.form.spreadsheetHint' : 'export.columns.hint', { zone })}
          </Typography.Text>
          {props.query.ProcessActionEnd ? null : (
            <Typography.Text type="secondary">{tx('export.window.frozenNote')}</Typography.Text>
          )}
        </Space>
      ) : null}
      {phase.kind === 'running' || phase.kind === 'confirm' ? (
        <ProgressView progress={phase.progress} />
      ) : null}
      {phase.kind === 'confirm' ? (
        <Alert
          type="warning"
          showIcon
          title={tx('export.confirm.title')}
          description={tx('export.confirm.body', {
            total: formatNumber(phase.totalCount),
            size: formatSize(phase.estimatedBytes),
          })}
          data-testid="export-confirm-message"
        />
      ) : null}
      {phase.kind === 'error' ? (
        <Alert
          type="error"
          showIcon
          title={tx('export.failed')}
          description={phase.message}
          data-testid="export-error"
        />
      ) : null}
    </Modal>
  );
}

function ProgressView({ progress: p }: { progress: ExportProgress | undefined }) {
  if (!p) return <Typography.Text>{tx('export.preparing')}</Typography.Text>;
  const total = p.totalCount;
  const percent = total ? Math.min(100, Math.floor((p.rows / total) * 100)) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Progress percent={percent} status="active" aria-label={tx('export.title')} />
      <Typography.Text data-testid="export-progress" aria-live="polite">
        {total === undefined
          ? tx('export.progressUnknown', { rows: formatNumber(p.rows) })
          : tx('export.progress', { rows: formatNumber(p.rows), total: formatNumber(total) })}
      </Typography.Text>
      <Typography.Text type="secondary" data-testid="export-eta">
        {p.rows > 0 && total !== undefined && p.rows >= total
          ? tx('export.building')
          : p.etaMs === undefined
            ? tx('export.etaUnknown')
            : tx('export.eta', { time: formatDuration(p.etaMs) })}
      </Typography.Text>
      {p.backingOff ? <Typography.Text type="warning">{tx('export.backingOff')}</Typography.Text> : null}
      {p.retries > 0 ? (
        <Typography.Text type="secondary">
          {tx('export.retries', { count: formatNumber(p.retries) })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
