import { FileOutlined, GlobalOutlined, QuestionOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { EllipsisText } from '../../../components/ellipsis-text';
import { IdText } from '../../../components/id-text';
import { TimeText } from '../../../components/time-text';
import { VisibleText } from '../../../components/visible-text';
import { t } from '../../../lib/i18n';
import { TASK_FIELDS, labelKey, type MsFieldName } from '../../../shared/catalogue';
import type { TaskRecord } from '../../../shared/responses';
import { entityTypeLabel, productName, sourceName } from '../model/labels';
import { isSortableColumn } from '../model/sort';
import { StatusTag } from './status-tag';

export const taskTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
});

const helper = createColumnHelper<typeof taskTableFeatures, TaskRecord>();

/** Column ids are the API's field names (the export and the URL speak the same words). */
export const COLUMN_IDS = [
  'TaskId',
  'TaskStatus',
  'YunCode',
  'EntityName',
  'SceneName',
  'Source',
  'GmtCreateMillis',
  'ProcessTime',
  'RemoveTime',
  'GmtModifiedMillis',
  'Scope',
  'Creator',
  'ErrCode',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/** The header of a column: the field's label (the source column also shows the trigger). */
export function columnLabel(id: string): string {
  if (id === 'Source') return t('column.sourceTrigger');
  const field = TASK_FIELDS.find((f) => f.name === id);
  return field ? t(labelKey(field.name)) : id;
}

export const DEFAULT_HIDDEN: Partial<Record<ColumnId, false>> = {
  GmtModifiedMillis: false,
  Scope: false,
  Creator: false,
};

const ENTITY_ICONS: Record<string, typeof GlobalOutlined> = {
  ip: GlobalOutlined,
  file: FileOutlined,
  process: ThunderboltOutlined,
};

function Missing() {
  return <span className="rtc-muted">{t('value.missing')}</span>;
}

/** The columns. `now` is read from the table's meta-free closure: cells re-render with the page. */
export function buildTaskColumns(now: number) {
  const time = (id: MsFieldName) =>
    helper.accessor(id, {
      id,
      header: () => columnLabel(id),
      enableSorting: isSortableColumn(id),
      sortDescFirst: true,
      cell: (info) => <TimeText ms={info.getValue()} now={now} />,
    });

  return helper.columns([
    helper.accessor('TaskId', {
      id: 'TaskId',
      header: () => columnLabel('TaskId'),
      enableHiding: false,
      enableSorting: false,
      cell: (info) => <IdText value={info.getValue()} label={t('field.TaskId')} />,
    }),
    helper.accessor('TaskStatus', {
      id: 'TaskStatus',
      header: () => columnLabel('TaskStatus'),
      enableSorting: false,
      cell: (info) => <StatusTag code={info.getValue()} />,
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
    helper.accessor('EntityName', {
      id: 'EntityName',
      header: () => columnLabel('EntityName'),
      enableSorting: false,
      cell: (info) => {
        const name = info.getValue();
        const type = info.row.original.EntityType;
        const Icon = (type && ENTITY_ICONS[type]) || QuestionOutlined;
        return (
          <span className="rtc-entity">
            <Icon aria-label={entityTypeLabel(type)} role="img" className="rtc-entity-icon" />
            {name ? <EllipsisText text={name} /> : <Missing />}
          </span>
        );
      },
    }),
    helper.accessor('SceneName', {
      id: 'SceneName',
      header: () => columnLabel('SceneName'),
      enableSorting: false,
      cell: (info) => {
        const name = info.getValue() || info.row.original.SceneCode;
        return name ? <EllipsisText text={name} /> : <Missing />;
      },
    }),
    helper.accessor('Source', {
      id: 'Source',
      header: () => columnLabel('Source'),
      enableSorting: false,
      cell: (info) => {
        const src = info.getValue();
        const trig = info.row.original.TriggerSource;
        if (!src && !trig) return <Missing />;
        const text =
          trig && trig !== src ? `${sourceName(src)} / ${sourceName(trig)}` : sourceName(src ?? trig);
        return <EllipsisText text={text} />;
      },
    }),
    time('GmtCreateMillis'),
    time('ProcessTime'),
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
  ]);
}
