// Loaded on demand (React.lazy): not part of the first screen.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Space, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { CopyButton } from '../../../components/copy-button';
import { VisibleText } from '../../../components/visible-text';
import { t } from '../../../lib/i18n';
import { revealInvisible } from '../../../lib/invisible-chars';
import { pastEventTime } from '../../../lib/server-clock';
import { formatDateTimeWithZone, formatRelative, formatUtc } from '../../../lib/time';
import { useTimeZoneSetting } from '../../../lib/use-time-zone';
import {
  TASK_FIELDS,
  TASK_FIELD_NAMES,
  labelKey,
  type TaskField,
  type TaskFieldGroup,
  type TaskFieldName,
} from '../../../shared/catalogue';
import type { TaskRecord } from '../../../shared/responses';
import { refreshInPlace } from '../api/background-refresh';
import { processTaskQueryOptions } from '../api/get-process-task';
import { useAutoRefreshTick } from '../hooks/use-auto-refresh';
import { isFailedStatus, removeTimeLabel, statusLabel, VALUE_LABEL } from '../model/labels';
import type { TaskListView } from '../model/url-state';
import { ErrorState } from './error-state';
import { DurationLines } from './duration-text';
import { StatusTag } from './status-tag';
import { StuckBadge } from './stuck-badge';
import { TaskNoteButton } from './ticket-note-button';

// The drill-downs (related tasks, playbook run) load with the drawer's first opening.
const TaskTriage = lazy(() => import('./task-triage').then((m) => ({ default: m.TaskTriage })));
const JsonViewer = lazy(() => import('./json-viewer').then((m) => ({ default: m.JsonViewer })));

/** The catalogue's fields of one drawer section, in the API's order. */
const inGroup = <G extends TaskFieldGroup>(group: G) =>
  TASK_FIELDS.filter((f): f is Extract<TaskField, { group: G }> => f.group === group);
const SUMMARY_FIELDS = inGroup('summary');
const ID_FIELDS = inGroup('ids');
const TIME_FIELDS = inGroup('times');
const ERROR_FIELDS = inGroup('error');
const KNOWN = new Set<string>(TASK_FIELD_NAMES);

const label = (f: TaskFieldName) => t(labelKey(f));

/** Fields whose text is prose that may span lines; every other field is single-line data. */
const MULTILINE_FIELDS: ReadonlySet<TaskFieldName> = new Set(['ErrMsg', 'ErrTip']);

function Value({ v, multiline = false }: { v: string | undefined; multiline?: boolean }) {
  return v === undefined || v === '' ? (
    <span className="rtc-muted">{t('value.missing')}</span>
  ) : (
    <VisibleText text={v} multiline={multiline} />
  );
}

function Row({ name, children, testId }: { name: string; children: React.ReactNode; testId?: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

/** A summary or error field: a status tag, a labelled code, a monospaced code or text. */
function FieldValue({ field, task, now }: { field: TaskField; task: TaskRecord; now?: number }) {
  const v = task[field.name];
  if ('valueLabels' in field && field.valueLabels === 'status')
    return (
      <span className="rtc-status-cell">
        <StatusTag code={typeof v === 'number' ? v : undefined} />
        {now === undefined ? null : <StuckBadge task={task} now={now} />}
      </span>
    );
  if ('valueLabels' in field && typeof v === 'string')
    return <VisibleText text={VALUE_LABEL[field.valueLabels](v)} />;
  const multiline = MULTILINE_FIELDS.has(field.name);
  const text = <Value v={v === undefined ? undefined : String(v)} multiline={multiline} />;
  // rtc-break is white-space: pre-wrap, so a multi-line value keeps its line breaks.
  return <span className={field.type === 'code' ? 'rtc-mono rtc-break' : 'rtc-break'}>{text}</span>;
}

function TaskDetails({ task, now }: { task: TaskRecord; now: number }) {
  const zone = useTimeZoneSetting();
  const failed = isFailedStatus(task.TaskStatus);
  const hasError = ERROR_FIELDS.some((f) => Boolean(task[f.name]));
  // Fields the API added that this version does not know yet: shown raw, never dropped.
  const extra = Object.keys(task).filter((k) => !KNOWN.has(k));
  const errorBlock = (
    <dl className="rtc-dl rtc-dl-error">
      {ERROR_FIELDS.map((f) => (
        <Row key={f.name} name={label(f.name)} testId={`drawer-${f.name}`}>
          <FieldValue field={f} task={task} />
        </Row>
      ))}
    </dl>
  );
  return (
    <div className="rtc-drawer-body">
      {failed || hasError ? (
        <Alert
          type={failed ? 'error' : 'warning'}
          showIcon
          data-testid="drawer-error"
          title={t('drawer.failedTitle', { status: statusLabel(task.TaskStatus) })}
          description={errorBlock}
        />
      ) : null}

      <section aria-labelledby="drawer-summary">
        <h3 id="drawer-summary" className="rtc-section-title">
          {t('drawer.section.summary')}
        </h3>
        <dl className="rtc-dl">
          {SUMMARY_FIELDS.map((f) => (
            <Row key={f.name} name={label(f.name)} testId={`drawer-${f.name}`}>
              <FieldValue field={f} task={task} now={now} />
            </Row>
          ))}
        </dl>
      </section>

      <section aria-labelledby="drawer-ids">
        <h3 id="drawer-ids" className="rtc-section-title">
          {t('drawer.section.ids')}
        </h3>
        <dl className="rtc-dl">
          {ID_FIELDS.map(({ name: f }) => {
            const v = task[f];
            return (
              <Row key={f} name={label(f)} testId={`drawer-${f}`}>
                {v ? (
                  <span className="rtc-id-full">
                    <code className="rtc-mono rtc-break">
                      <VisibleText text={v} />
                    </code>
                    <CopyButton value={v} label={label(f)} />
                  </span>
                ) : (
                  <Value v={v} />
                )}
              </Row>
            );
          })}
        </dl>
      </section>

      <section aria-labelledby="drawer-times">
        <h3 id="drawer-times" className="rtc-section-title">
          {t('drawer.section.times')}
        </h3>
        <table className="rtc-times">
          <thead>
            <tr>
              <th scope="col">
                <span className="rtc-sr-only">{t('drawer.section.times')}</span>
              </th>
              <th scope="col">{t('time.local')}</th>
              <th scope="col">{t('time.utc')}</th>
              <th scope="col">{t('time.ms')}</th>
            </tr>
          </thead>
          <tbody>
            {TIME_FIELDS.map(({ name: f }) => {
              const ms = task[f];
              const has = typeof ms === 'number' && Number.isFinite(ms);
              return (
                <tr key={f} data-testid={`drawer-${f}`}>
                  <th scope="row">{f === 'RemoveTime' ? removeTimeLabel(task) : label(f)}</th>
                  <td>
                    {has ? (
                      <>
                        {formatDateTimeWithZone(ms, zone)}
                        <br />
                        <span className="rtc-muted">
                          {formatRelative(f === 'RemoveTime' ? ms : pastEventTime(ms, now), now)}
                        </span>
                      </>
                    ) : (
                      <Value v={undefined} />
                    )}
                  </td>
                  <td>{has ? formatUtc(ms) : <Value v={undefined} />}</td>
                  <td className="rtc-mono">{has ? String(ms) : <Value v={undefined} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <DurationLines task={task} now={now} />
      </section>

      <section aria-labelledby="drawer-input" data-testid="drawer-InputParams">
        <h3 id="drawer-input" className="rtc-section-title">
          {t('drawer.section.input')}
        </h3>
        <Suspense fallback={<Spin size="small" />}>
          <JsonViewer raw={task.InputParams} />
        </Suspense>
      </section>

      {extra.length > 0 ? (
        <section aria-labelledby="drawer-other">
          <h3 id="drawer-other" className="rtc-section-title">
            {t('drawer.section.other')}
          </h3>
          <dl className="rtc-dl">
            {extra.map((k) => {
              const v = (task as Record<string, unknown>)[k];
              return (
                <Row key={k} name={revealInvisible(k)}>
                  <span className="rtc-mono rtc-break">
                    <VisibleText text={typeof v === 'string' ? v : JSON.stringify(v)} />
                  </span>
                </Row>
              );
            })}
          </dl>
        </section>
      ) : null}
    </div>
  );
}

/** Every field of one task. Fetched by TaskId, so it works for tasks not on the current page. */
export function TaskDrawer({
  taskId,
  pageRows,
  view,
  now,
  onRefresh,
  onNavigate,
  onClose,
  onAfterClose,
}: {
  taskId: string | undefined;
  pageRows: TaskRecord[] | undefined;
  /**
   * The screen's one clock (epoch ms on the server's clock, lib/use-now.ts, the list's):
   * the drawer's ages and "so far" durations move with the list's, re-rendered in
   * place (nothing remounts: scroll, focus and selection stay).
   */
  now: number;
  /** The list view the drawer sits over (for its links). */
  view: TaskListView;
  /**
   * The screen's Refresh (the toolbar's, which the open drawer covers): the list, then this
   * drawer's queries with the analyst's priority (hooks/use-task-list.ts `refresh`).
   */
  onRefresh: () => void;
  /** Opens another task in the drawer (previous, next, related). */
  onNavigate: (taskId: string) => void;
  onClose: () => void;
  /** Called with the task shown once the drawer has closed (to give focus back to its row). */
  onAfterClose?: (taskId: string | undefined) => void;
}) {
  // Keep showing the last task while the drawer animates closed.
  const [shownId, setShownId] = useState(taskId);
  if (taskId !== undefined && taskId !== shownId) setShownId(taskId);
  const fromPage = pageRows?.find((r) => r.TaskId === shownId);
  const detail = useQuery({
    ...processTaskQueryOptions(shownId ?? ''),
    enabled: shownId !== undefined,
    placeholderData: fromPage,
  });
  // Auto-refresh (priority 'background') and the Refresh button refresh the open task too,
  // with the list.
  const queryClient = useQueryClient();
  useAutoRefreshTick((priority) => {
    if (taskId !== undefined) refreshInPlace(queryClient, processTaskQueryOptions(taskId, priority));
  });
  const task = detail.data;
  const triageProps = { pageRows, view, onNavigate, now };

  return (
    <Drawer
      open={taskId !== undefined}
      onClose={onClose}
      afterOpenChange={(open) => {
        if (!open) onAfterClose?.(shownId);
      }}
      size={720}
      destroyOnHidden
      title={
        <span className="rtc-drawer-title">{t('drawer.title', { id: revealInvisible(shownId ?? '') })}</span>
      }
      closable={{ 'aria-label': t('drawer.close') }}
      extra={
        <Space size="small">
          {/* Icon only: the title (the Task ID) keeps the room and breaks only between words. */}
          <Button
            icon={<ReloadOutlined aria-hidden="true" />}
            onClick={onRefresh}
            aria-label={t('toolbar.refresh')}
            title={t('drawer.refreshTitle')}
            data-testid="drawer-refresh"
          />
          {task ? <TaskNoteButton task={task} /> : null}
        </Space>
      }
      data-testid="task-drawer"
      rootClassName="rtc-drawer"
    >
      {task ? (
        <>
          {detail.isError ? (
            // A refresh failed: the task shown is the last one fetched, and the drawer says so.
            <ErrorState
              error={detail.error}
              title={t('drawer.refreshFailed')}
              onRetry={() => void detail.refetch()}
              keptData
            />
          ) : null}
          {!fromPage ? <p className="rtc-muted">{t('drawer.notOnPage')}</p> : null}
          <Suspense fallback={null}>
            <TaskTriage part="head" {...triageProps} task={task} />
          </Suspense>
          <TaskDetails task={task} now={now} />
          <Suspense fallback={<Spin size="small" />}>
            <TaskTriage part="drill" {...triageProps} task={task} />
          </Suspense>
        </>
      ) : detail.isError ? (
        <ErrorState
          error={detail.error}
          title={t('drawer.errorTitle')}
          onRetry={() => void detail.refetch()}
        />
      ) : (
        <div className="rtc-table-loading" role="status">
          <Spin /> <span>{t('drawer.loading')}</span>
        </div>
      )}
    </Drawer>
  );
}
