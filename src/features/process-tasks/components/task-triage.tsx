// Loaded on demand with the drawer (its own chunk): the triage drill-downs of one task.
import { LeftOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Spin } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import { VisibleText } from '../../../components/visible-text';
import { t, tCount, type MessageKey } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/time';
import { useTimeZoneSetting } from '../../../lib/use-time-zone';
import type { TaskRecord } from '../../../shared/responses';
import { refreshInPlace } from '../api/background-refresh';
import { relatedTasksQueryOptions } from '../api/get-process-tasks';
import { useAutoRefreshTick } from '../hooks/use-auto-refresh';
import { processTaskCountsQueryOptions, soarRecordsQueryOptions } from '../api/get-triage';
import { blockState } from '../model/block-state';
import { findConflicts, type Conflict } from '../model/conflicts';
import { productName, sourceName, statusLabel } from '../model/labels';
import { entityPivotView } from '../model/pivots';
import { buildHref, type TaskListView } from '../model/url-state';
import { BlockText } from './block-text';
import { ErrorState } from './error-state';

/** Sources whose tasks a playbook run started: their ReqUuid is the run's RequestUuid. */
const PLAYBOOK_SOURCES = new Set(['soar-manual', 'soar-mdr']);
const RELATED_PAGE = 20;

interface Props {
  task: TaskRecord;
  /** The list's current page, for previous and next. */
  pageRows: TaskRecord[] | undefined;
  /** The list view the drawer sits over (its links keep it). */
  view: TaskListView;
  onNavigate: (taskId: string) => void;
  now: number;
}

/** A link to a task that opens it in this drawer (a real link: middle-click opens a tab). */
function TaskLink({
  id,
  view,
  onNavigate,
  children,
}: {
  id: string;
  view: TaskListView;
  onNavigate: (taskId: string) => void;
  children: ReactNode;
}) {
  return (
    <a
      href={buildHref({ view, openTaskId: id })}
      onClick={(e: MouseEvent) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onNavigate(id);
      }}
    >
      {children}
    </a>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} data-testid={id}>
      <h3 id={id} className="rtc-section-title">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Other tasks matching `filters`, the current one left out; with the total the API gives. */
function RelatedTasks({
  testId,
  filters,
  task,
  view,
  onNavigate,
  extra,
}: {
  testId: string;
  filters: Record<string, string>;
  task: TaskRecord;
  view: TaskListView;
  onNavigate: (taskId: string) => void;
  extra?: (tasks: TaskRecord[]) => ReactNode;
}) {
  const zone = useTimeZoneSetting();
  const q = useQuery(relatedTasksQueryOptions(filters, RELATED_PAGE));
  const queryClient = useQueryClient();
  useAutoRefreshTick((priority) =>
    refreshInPlace(queryClient, relatedTasksQueryOptions(filters, RELATED_PAGE, priority)),
  );
  if (q.isPending) return <Spin size="small" />;
  // A failed refresh keeps the last answer on screen; the error shows when there is none.
  if (q.isError && q.data === undefined)
    return <ErrorState error={q.error} title={t('triage.relatedError')} onRetry={() => void q.refetch()} />;
  const all = q.data.ProcessTasks;
  const others = all.filter(
    (r): r is TaskRecord & { TaskId: string } => !!r.TaskId && r.TaskId !== task.TaskId,
  );
  const total = q.data.Page?.TotalCount ?? all.length;
  const otherTotal = Math.max(0, total - (all.length === others.length ? 0 : 1));
  return (
    <div data-testid={testId}>
      {extra?.(all)}
      <p className="rtc-muted" data-testid={`${testId}-count`}>
        {total > all.length
          ? tCount('triage.othersCountFirst', otherTotal, { shown: all.length })
          : tCount('triage.othersCount', otherTotal)}
      </p>
      {others.length > 0 ? (
        <ul className="rtc-related">
          {others.map((r) => (
            <li key={r.TaskId} data-task-id={r.TaskId}>
              <TaskLink id={r.TaskId} view={view} onNavigate={onNavigate}>
                {statusLabel(r.TaskStatus)}
              </TaskLink>{' '}
              · {productName(r.YunCode)} · <VisibleText text={r.EntityName ?? t('value.missing')} /> ·{' '}
              <VisibleText text={r.SceneName ?? r.SceneCode ?? t('value.missing')} /> ·{' '}
              <span className="rtc-muted">
                {r.ProcessTime !== undefined ? formatDateTime(r.ProcessTime, zone) : t('value.missing')}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ConflictFlags({ conflicts }: { conflicts: Conflict<TaskRecord>[] }) {
  if (conflicts.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      data-testid="conflict-flag"
      title={t('triage.conflictTitle')}
      description={
        <ul className="rtc-related">
          {conflicts.map((c) => (
            <li key={`${c.kind}:${c.blocking.TaskId ?? ''}:${c.other.TaskId ?? ''}`} data-conflict={c.kind}>
              {t(`triage.conflict.${c.kind}` as MessageKey, {
                entity: c.entityName,
                product: productName(c.blocking.YunCode),
                other: productName(c.other.YunCode),
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** DescribeProcessTaskCount for the task's EntityUuid, where it has one. */
function EntityUuidCount({ uuid }: { uuid: string }) {
  const q = useQuery(processTaskCountsQueryOptions([uuid]));
  const queryClient = useQueryClient();
  useAutoRefreshTick((priority) =>
    refreshInPlace(queryClient, processTaskCountsQueryOptions([uuid], undefined, priority)),
  );
  if (q.isPending) return null;
  if (q.isError && q.data === undefined) return <p className="rtc-error-text">{t('triage.countError')}</p>;
  const count = q.data.Data.find((d) => d.EntityUuid === uuid)?.Count;
  if (count === undefined) return null;
  return (
    <p data-testid="entity-uuid-count" title={t('pivot.uuidCountSource')}>
      {tCount('triage.entityUuidCount', count)}
    </p>
  );
}

function PlaybookRun({ reqUuid }: { reqUuid: string }) {
  const zone = useTimeZoneSetting();
  const q = useQuery(soarRecordsQueryOptions({ RequestUuid: reqUuid }));
  const queryClient = useQueryClient();
  useAutoRefreshTick((priority) =>
    refreshInPlace(queryClient, soarRecordsQueryOptions({ RequestUuid: reqUuid }, undefined, priority)),
  );
  if (q.isPending) return <Spin size="small" />;
  if (q.isError && q.data === undefined)
    return <ErrorState error={q.error} title={t('triage.runError')} onRetry={() => void q.refetch()} />;
  const run =
    q.data.SoarExecuteRecords.find((r) => r.RequestUuid === reqUuid) ?? q.data.SoarExecuteRecords[0];
  if (!run) return <p className="rtc-muted">{t('triage.noRun')}</p>;
  const time = (ms: number | undefined) => (ms === undefined ? t('value.missing') : formatDateTime(ms, zone));
  return (
    <div data-testid="playbook-run">
      <dl className="rtc-dl">
        <dt>{t('triage.run.status')}</dt>
        <dd data-testid="run-Status">
          <VisibleText text={run.Status ?? t('value.missing')} />
        </dd>
        <dt>{t('triage.run.trigger')}</dt>
        <dd data-testid="run-TriggerType">
          <VisibleText
            text={[run.TriggerType, run.TriggerUser].filter(Boolean).join(' · ') || t('value.missing')}
          />
        </dd>
        <dt>{t('triage.run.playbook')}</dt>
        <dd className="rtc-mono rtc-break" data-testid="run-TaskName">
          <VisibleText text={run.TaskName ?? t('value.missing')} />
        </dd>
        <dt>{t('triage.run.start')}</dt>
        <dd data-testid="run-StartTime">{time(run.StartTime)}</dd>
        <dt>{t('triage.run.end')}</dt>
        <dd data-testid="run-EndTime">{time(run.EndTime)}</dd>
        <dt>{t('triage.run.error')}</dt>
        <dd data-testid="run-ErrorMsg" className="rtc-break">
          <VisibleText text={run.ErrorMsg || t('value.missing')} multiline />
        </dd>
      </dl>
      {run.OutputList.length > 0 ? (
        <>
          <h4 className="rtc-section-subtitle">{t('triage.run.outputs')}</h4>
          <ul className="rtc-related" data-testid="run-outputs">
            {run.OutputList.map((o, i) => (
              <li key={o.ActionUuid ?? i}>
                <strong>
                  <VisibleText text={o.NodeName ?? t('value.missing')} />
                </strong>
                :{' '}
                <code className="rtc-mono rtc-break">
                  <VisibleText text={o.Content ?? ''} />
                </code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * The triage part of the drawer: whether the entity is still blocked, previous and next
 * on the page, other tasks on the entity (with conflicts flagged, and the EntityUuid's
 * count from DescribeProcessTaskCount), other tasks of the event (EventUuid), and the
 * playbook run behind a playbook's task (DescribeSoarRecords by ReqUuid).
 */
export function TaskTriage({
  task,
  pageRows,
  view,
  onNavigate,
  now,
  part,
}: Props & { part: 'head' | 'drill' }) {
  const state = blockState(task, now);
  const index = pageRows?.findIndex((r) => r.TaskId === task.TaskId) ?? -1;
  const prev = index > 0 ? pageRows![index - 1] : undefined;
  const next = index >= 0 && pageRows && index < pageRows.length - 1 ? pageRows[index + 1] : undefined;
  const playbook =
    task.ReqUuid &&
    (PLAYBOOK_SOURCES.has(task.Source ?? '') || PLAYBOOK_SOURCES.has(task.TriggerSource ?? ''));
  if (part === 'head')
    return (
      <div className="rtc-triage-head">
        {index >= 0 ? (
          <nav className="rtc-prev-next" aria-label={t('triage.prevNext')}>
            <Button
              size="small"
              icon={<LeftOutlined />}
              disabled={!prev}
              data-testid="prev-task"
              onClick={() => prev?.TaskId && onNavigate(prev.TaskId)}
            >
              {t('triage.prev')}
            </Button>
            <span className="rtc-muted">{t('triage.position', { n: index + 1, of: pageRows!.length })}</span>
            <Button
              size="small"
              disabled={!next}
              data-testid="next-task"
              onClick={() => next?.TaskId && onNavigate(next.TaskId)}
            >
              {t('triage.next')} <RightOutlined />
            </Button>
          </nav>
        ) : null}
        {state ? (
          <p className="rtc-block-line" data-testid="drawer-block-state">
            <BlockText state={state} />
          </p>
        ) : null}
      </div>
    );
  return (
    <div className="rtc-triage" data-testid="task-triage">
      {task.EntityName ? (
        <Section id="drawer-entity-tasks" title={t('triage.entityTasks')}>
          {task.EntityUuid ? <EntityUuidCount uuid={task.EntityUuid} /> : null}
          <RelatedTasks
            testId="entity-related"
            filters={{ EntityName: task.EntityName }}
            task={task}
            view={view}
            onNavigate={onNavigate}
            extra={(all) => <ConflictFlags conflicts={findConflicts(all)} />}
          />
          <a href={buildHref({ view: entityPivotView(task.EntityName) })} data-testid="entity-pivot-all">
            {t('triage.showAllInList')}
          </a>
        </Section>
      ) : null}
      {task.EventUuid ? (
        <Section id="drawer-event-tasks" title={t('triage.eventTasks')}>
          <RelatedTasks
            testId="event-related"
            filters={{ EventUuid: task.EventUuid }}
            task={task}
            view={view}
            onNavigate={onNavigate}
          />
        </Section>
      ) : null}
      {playbook ? (
        <Section id="drawer-playbook-run" title={t('triage.playbookRun')}>
          <p className="rtc-muted">
            {t('triage.playbookSource', { source: sourceName(task.Source ?? task.TriggerSource) })}
          </p>
          <PlaybookRun reqUuid={task.ReqUuid!} />
        </Section>
      ) : null}
    </div>
  );
}
