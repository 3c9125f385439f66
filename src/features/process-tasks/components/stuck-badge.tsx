import { t } from '../../../lib/i18n';
import { formatDateTimeWithZone } from '../../../lib/time';
import { useTimeZoneSetting } from '../../../lib/use-time-zone';
import { useStuckThreshold } from '../hooks/use-stuck-threshold';
import { isStuck, stuckSince, type StuckFields } from '../model/stuck';
import { formatDurationMs } from './duration-text';

/**
 * "Stuck?" beside the status of a task in progress longer than the analyst's threshold
 * (model/stuck.ts, hooks/use-stuck-threshold.ts); its title says since when and the
 * threshold. Nothing for other tasks. A plain `title`, no tooltip component: one per row.
 */
export function StuckBadge({ task, now }: { task: StuckFields; now: number }) {
  const [threshold] = useStuckThreshold();
  const zone = useTimeZoneSetting();
  const since = stuckSince(task);
  if (since === undefined || !isStuck(task, now, threshold)) return null;
  const title = t('stuck.title', {
    time: formatDateTimeWithZone(since, zone),
    age: formatDurationMs(now - since),
    threshold: formatDurationMs(threshold),
  });
  return (
    <span className="rtc-stuck" title={title} data-testid="stuck-badge" data-since={since}>
      {t('stuck.badge')}
      <span className="rtc-sr-only"> {title}</span>
    </span>
  );
}
