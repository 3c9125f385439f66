import FileOutlined from '@ant-design/icons-svg/es/asn/FileOutlined';
import GlobalOutlined from '@ant-design/icons-svg/es/asn/GlobalOutlined';
import QuestionOutlined from '@ant-design/icons-svg/es/asn/QuestionOutlined';
import ThunderboltOutlined from '@ant-design/icons-svg/es/asn/ThunderboltOutlined';
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { CopyButton } from '../../../components/copy-button';
import { EllipsisText } from '../../../components/ellipsis-text';
import { IdText } from '../../../components/id-text';
import { PlainIcon } from '../../../components/plain-icon';
import { TimeText } from '../../../components/time-text';
import { VisibleText } from '../../../components/visible-text';
import { t } from '../../../lib/i18n';
import { TASK_FIELDS, labelKey, type MsFieldName } from '../../../shared/catalogue';
import type { TaskRecord } from '../../../shared/responses';
import { blockState } from '../model/block-state';
import { DURATION_COLUMN_IDS, isDurationColumn, taskDuration } from '../model/durations';
import { entityHost } from '../model/entity-host';
import { containsKeyword, snippetAround } from '../model/highlight';
import { entityTypeLabel, isFailedStatus, productName, sourceLabel, sourceName } from '../model/labels';
import { isSortableColumn } from '../model/sort';
import { BlockText } from './block-text';
import { DurationText } from './duration-text';
import { HighlightedText } from './highlighted-text';
import { StatusTag } from './status-tag';
import { StuckBadge } from './stuck-badge';

export const taskTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
});

const helper = createColumnHelper<typeof taskTableFeatures, TaskRecord>();

/**
 * Column ids are the API's field names (the export and the URL speak the same words), but
 * for `Reason`, which shows ErrMsg for failed tasks and the block state otherwise. The
 * default order is triage's: what happened, to what, how, where, when, why; the ID last.
 */
export const COLUMN_IDS = [
  'TaskStatus',
  'EntityName',
  'SceneName',
  'YunCode',
  'ProcessTime',
  'Reason',
  'Source',
  'TaskId',
  'GmtCreateMillis',
  'RemoveTime',
  'GmtModifiedMillis',
  'Scope',
  'Creator',
  'ErrCode',
  ...DURATION_COLUMN_IDS,
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/** The header of a column: the field's label (the source column also shows the trigger). */
export function columnLabel(id: string): string {
  if (id === 'Source') return t('column.sourceTrigger');
  if (id === 'SceneName') return t('column.action');
  if (id === 'Reason') return t('column.reason');
  if (isDurationColumn(id)) return t(`column.${id}`);
  const field = TASK_FIELDS.find((f) => f.name === id);
  return field ? t(labelKey(field.name)) : id;
}

export const DEFAULT_HIDDEN: Partial<Record<ColumnId, false>> = {
  GmtCreateMillis: false,
  RemoveTime: false,
  GmtModifiedMillis: false,
  Scope: false,
  Creator: false,
  ErrCode: false,
  TimeToProcess: false,
  TimeBlocked: false,
};

// Icons as plain markup (components/plain-icon.tsx): one per row.
const ENTITY_ICONS: Record<string, typeof GlobalOutlined> = {
  ip: GlobalOutlined,
  file: FileOutlined,
  process: ThunderboltOutlined,
};

function Missing() {
  return <span className="rtc-muted">{t('value.missing')}</span>;
}

export interface ColumnOptions {
  /** The active keyword (ParamContent): its matches are marked in each row. */
  keyword?: string | undefined;
  /** The link of a task (`/tasks/<TaskId>?<list parameters>`). */
  taskHref: (taskId: string) => string;
  /** The link listing every task on an entity. */
  entityHref: (entityName: string) => string;
}

/** Shown under the entity when the keyword matched only the input parameters. */
function InputSnippet({ task, keyword }: { task: TaskRecord; keyword: string }) {
  if (
    containsKeyword(task.EntityName, keyword) ||
    containsKeyword(task.SceneName, keyword) ||
    containsKeyword(task.SceneCode, keyword)
  )
    return null;
  const snippet = snippetAround(task.InputParams, keyword);
  if (snippet === undefined) return null;
  return (
    <span className="rtc-snippet" data-testid="match-snippet">
      <span className="rtc-muted">{t('search.inInput')}</span>{' '}
      <HighlightedText text={snippet} keyword={keyword} />
    </span>
  );
}

function EntityCell({ task, options }: { task: TaskRecord; options: ColumnOptions }) {
  const name = task.EntityName;
  const type = task.EntityType;
  const icon = (type && ENTITY_ICONS[type]) || QuestionOutlined;
  const host = entityHost(task.InputParams);
  return (
    <span className="rtc-entity-cell">
      <span className="rtc-entity">
        <PlainIcon icon={icon} label={entityTypeLabel(type)} className="rtc-entity-icon" />
        {name ? (
          <>
            <EllipsisText text={name}>
              <HighlightedText text={name} keyword={options.keyword} />
            </EllipsisText>
            <CopyButton value={name} label={t('field.EntityName')} />
            <a
              className="rtc-pivot"
              href={options.entityHref(name)}
              data-testid="entity-pivot"
              aria-label={t('pivot.entity', { entity: name })}
              title={t('pivot.entity', { entity: name })}
              onClick={(e) => e.stopPropagation()}
            >
              <span aria-hidden className="rtc-pivot-glyph" />
            </a>
          </>
        ) : (
          <Missing />
        )}
        {host ? (
          <span className="rtc-host rtc-muted" data-testid="entity-host">
            <EllipsisText text={t('column.onHost', { host })} />
          </span>
        ) : null}
      </span>
      {options.keyword ? <InputSnippet task={task} keyword={options.keyword} /> : null}
    </span>
  );
}

function ReasonCell({ task, now }: { task: TaskRecord; now: number }) {
  const state = blockState(task, now);
  const failed = isFailedStatus(task.TaskStatus);
  const err = task.ErrMsg || task.ErrCode;
  if (!state && !(failed && err)) return <Missing />;
  return (
    <span className="rtc-reason">
      {state ? <BlockText state={state} /> : null}
      {failed && err ? (
        <EllipsisText text={err}>
          <span className="rtc-error-text">
            {state ? ' · ' : null}
            <VisibleText text={err} />
          </span>
        </EllipsisText>
      ) : null}
    </span>
  );
}

/** The short form of a Task ID shown in the table (the full one is copied and linked). */
export const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

/**
 * The columns. `now` is read from the table's meta-free closure: cells re-render with the page.
 * Each `cell` is called as a plain function (task-table.tsx renderCell): it must not call
 * hooks; a component it returns may.
 */
export function buildTaskColumns(now: number, options: ColumnOptions) {
  const time = (id: MsFieldName) =>
    helper.accessor(id, {
      id,
      header: () => columnLabel(id),
      enableSorting: isSortableColumn(id),
      sortDescFirst: true,
      // RemoveTime may lie ahead (a scheduled unblock); the others have happened.
      cell: (info) => <TimeText ms={info.getValue()} now={now} past={id !== 'RemoveTime'} />,
    });

  return helper.columns([
    helper.accessor('TaskStatus', {
      id: 'TaskStatus',
      header: () => columnLabel('TaskStatus'),
      enableSorting: false,
      cell: (info) =>
        info.getValue() === 11 ? (
          <span className="rtc-status-cell">
            <StatusTag code={info.getValue()} />
            <StuckBadge task={info.row.original} now={now} />
          </span>
        ) : (
          <StatusTag code={info.getValue()} />
        ),
    }),
    helper.accessor('EntityName', {
      id: 'EntityName',
      header: () => columnLabel('EntityName'),
      enableSorting: false,
      cell: (info) => <EntityCell task={info.row.original} options={options} />,
    }),
    helper.accessor('SceneName', {
      id: 'SceneName',
      header: () => columnLabel('SceneName'),
      enableSorting: false,
      cell: (info) => {
        const name = info.getValue() || info.row.original.SceneCode;
        return name ? (
          <EllipsisText text={name}>
            <HighlightedText text={name} keyword={options.keyword} />
          </EllipsisText>
        ) : (
          <Missing />
        );
      },
    }),
    helper.accessor('YunCode', {
      id: 'YunCode',
      header: () => columnLabel('YunCode'),
      enableSorting: false,
      cell: (info) => {
        const code = info.getValue();
        if (!code) return <Missing />;
        return (
          <EllipsisText text={`${productName(code)} (${code})`}>
            <VisibleText text={productName(code)} />{' '}
            <span className="rtc-muted">
              <VisibleText text={code} warning={false} />
            </span>
          </EllipsisText>
        );
      },
    }),
    time('ProcessTime'),
    helper.display({
      id: 'Reason',
      header: () => columnLabel('Reason'),
      cell: (info) => <ReasonCell task={info.row.original} now={now} />,
    }),
    helper.accessor('Source', {
      id: 'Source',
      header: () => columnLabel('Source'),
      enableSorting: false,
      cell: (info) => {
        const src = info.getValue();
        const trig = info.row.original.TriggerSource;
        if (!src && !trig) return <Missing />;
        // Meaning first, the API's code beside it: "Manual (event handling) system".
        const one = (code: string | undefined) => (
          <>
            <VisibleText text={sourceName(code)} />{' '}
            {code ? (
              <span className="rtc-muted">
                <VisibleText text={code} warning={false} />
              </span>
            ) : null}
          </>
        );
        const both = trig && src && trig !== src;
        const text = both ? `${sourceLabel(src)} / ${sourceLabel(trig)}` : sourceLabel(src ?? trig);
        return (
          <EllipsisText text={text}>
            {one(src ?? trig)}
            {both ? <> / {one(trig)}</> : null}
          </EllipsisText>
        );
      },
    }),
    helper.accessor('TaskId', {
      id: 'TaskId',
      header: () => columnLabel('TaskId'),
      enableHiding: false,
      enableSorting: false,
      cell: (info) => {
        const id = info.getValue();
        if (!id) return <Missing />;
        return (
          <span className="rtc-id">
            <a
              className="rtc-row-link rtc-mono"
              href={options.taskHref(id)}
              aria-label={t('table.openTask', { id })}
              data-testid="task-link"
            >
              <VisibleText text={shortId(id)} />
            </a>
            <CopyButton value={id} label={t('field.TaskId')} />
          </span>
        );
      },
    }),
    time('GmtCreateMillis'),
    time('RemoveTime'),
    time('GmtModifiedMillis'),
    helper.accessor('Scope', {
      id: 'Scope',
      header: () => columnLabel('Scope'),
      enableSorting: false,
      cell: (info) => <IdText value={info.getValue()} label={t('field.Scope')} />,
    }),
    helper.accessor('Creator', {
      id: 'Creator',
      header: () => columnLabel('Creator'),
      enableSorting: false,
      cell: (info) => {
        const v = info.getValue();
        return v ? <EllipsisText text={v} /> : <Missing />;
      },
    }),
    helper.accessor('ErrCode', {
      id: 'ErrCode',
      header: () => columnLabel('ErrCode'),
      enableSorting: false,
      cell: (info) => {
        const v = info.getValue();
        return v ? (
          <EllipsisText text={v} mono>
            <span className="rtc-error-text">
              <VisibleText text={v} />
            </span>
          </EllipsisText>
        ) : (
          <Missing />
        );
      },
    }),
    // Sorted on the page only (hooks/use-page-sort.ts): the API cannot order by them.
    ...DURATION_COLUMN_IDS.map((id) =>
      helper.accessor((task) => durationSortKey(id, task, now), {
        id,
        header: () => columnLabel(id),
        sortDescFirst: true,
        cell: (info) => <DurationText id={id} task={info.row.original} now={now} />,
      }),
    ),
  ]);
}

/** The ms of a duration column, or -1 when missing or unknown (the accessor TanStack asks for). */
function durationSortKey(id: (typeof DURATION_COLUMN_IDS)[number], task: TaskRecord, now: number): number {
  const d = taskDuration(id, task, now);
  return d.kind === 'known' ? d.ms : -1;
}
