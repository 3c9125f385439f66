import { Fragment } from 'react';
import { t } from '../../../lib/i18n';
import { durationParts, taskDuration, type DurationColumnId, type TaskDuration } from '../model/durations';
import type { DurationFields } from '../model/durations';

/** "3 h 12 min" / "3 小时 12 分" (two largest units, the catalog's words); "< 1 s" under a second. */
export function formatDurationMs(ms: number): string {
  const parts = durationParts(ms);
  if (parts.length === 0) return t('duration.underSecond');
  return parts.map((p) => t(`duration.${p.unit}`, { n: p.n })).join(' ');
}

/** A task duration as text: "—" when missing, "unknown" when the times contradict each other. */
export function formatTaskDuration(d: TaskDuration): string {
  if (d.kind === 'missing') return t('value.missing');
  if (d.kind === 'unknown') return t('duration.unknown');
  const text = formatDurationMs(d.ms);
  if (!d.ongoing) return text;
  return t(d.permanent ? 'duration.ongoingPermanent' : 'duration.ongoing', { duration: text });
}

/** One duration of a task (a table cell or a drawer line); the exact ms in `data-ms`. */
export function DurationText({ id, task, now }: { id: DurationColumnId; task: DurationFields; now: number }) {
  const d = taskDuration(id, task, now);
  const text = formatTaskDuration(d);
  if (d.kind !== 'known')
    return (
      <span
        className="rtc-muted"
        data-duration={d.kind}
        title={d.kind === 'unknown' ? t('duration.unknownTitle') : undefined}
      >
        {text}
      </span>
    );
  return (
    <span className="rtc-duration" data-duration="known" data-ms={d.ms} data-ongoing={d.ongoing || undefined}>
      {text}
    </span>
  );
}

/** The drawer's lines: time to process and time blocked, each with what it measures. */
export function DurationLines({ task, now }: { task: DurationFields; now: number }) {
  return (
    <dl className="rtc-dl" data-testid="drawer-durations">
      {(['TimeToProcess', 'TimeBlocked'] as const).map((id) => (
        <Fragment key={id}>
          <dt title={t(id === 'TimeToProcess' ? 'duration.toProcessTitle' : 'duration.blockedTitle')}>
            {t(`column.${id}`)}
          </dt>
          <dd data-testid={`drawer-${id}`}>
            <DurationText id={id} task={task} now={now} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
