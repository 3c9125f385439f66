// Loaded only when the list is filtered on one entity (the entity pivot).
import { useQuery } from '@tanstack/react-query';
import { t, tCount, type MessageKey, formatList } from '../../../lib/i18n';
import type { TaskRecord } from '../../../shared/responses';
import { processTaskCountsQueryOptions } from '../api/get-triage';
import { findConflicts } from '../model/conflicts';
import { productName } from '../model/labels';

/** At most this many distinct Entity UUIDs are counted (one request). */
const MAX_UUIDS = 10;

/**
 * Above the list of one entity's tasks: how many each product has on this page, the
 * DescribeProcessTaskCount figure of each EntityUuid the rows carry, and any conflict
 * among the rows (model/conflicts.ts).
 */
export function EntitySummary({
  entity,
  rows,
  complete,
}: {
  entity: string;
  rows: TaskRecord[];
  complete: boolean;
}) {
  const byProduct = new Map<string, number>();
  for (const r of rows) byProduct.set(r.YunCode ?? '', (byProduct.get(r.YunCode ?? '') ?? 0) + 1);
  const uuids = [...new Set(rows.map((r) => r.EntityUuid).filter((u): u is string => !!u))].slice(
    0,
    MAX_UUIDS,
  );
  const counts = useQuery(processTaskCountsQueryOptions(uuids));
  const conflicts = findConflicts(rows);
  return (
    <div className="rtc-entity-summary" data-testid="entity-summary">
      <span data-testid="entity-products">
        {t(complete ? 'pivot.byProduct' : 'pivot.byProductPage', {
          entity,
          products: formatList([...byProduct].map(([code, n]) => `${productName(code || undefined)} ${n}`)),
        })}
      </span>
      {counts.data
        ? counts.data.Data.map((d) => (
            <span
              key={d.EntityUuid}
              data-testid="entity-uuid-count"
              className="rtc-muted"
              title={t('pivot.uuidCountSource')}
            >
              {tCount('pivot.uuidCount', d.Count ?? 0, { uuid: d.EntityUuid ?? '' })}
            </span>
          ))
        : null}
      {conflicts.map((c) => (
        <strong
          key={`${c.kind}:${c.blocking.TaskId ?? ''}:${c.other.TaskId ?? ''}`}
          className="rtc-conflict"
          data-conflict={c.kind}
          role="status"
        >
          {t(`triage.conflict.${c.kind}` as MessageKey, {
            entity: c.entityName,
            product: productName(c.blocking.YunCode),
            other: productName(c.other.YunCode),
          })}
        </strong>
      ))}
    </div>
  );
}
