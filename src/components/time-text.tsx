import { t } from '../lib/i18n';
import { pastEventTime } from '../lib/server-clock';
import { formatDateTime, formatRelative, formatUtc } from '../lib/time';
import { useTimeZoneSetting } from '../lib/use-time-zone';
import { LazyTooltip } from './lazy-tooltip';

/**
 * A time in the analyst's zone with its age; the UTC value on hover. `past`: the time of
 * something that has happened (created, processed), whose age never reads "in …".
 */
export function TimeText({ ms, now, past = false }: { ms: number | undefined; now: number; past?: boolean }) {
  const zone = useTimeZoneSetting();
  if (ms === undefined || !Number.isFinite(ms))
    return <span className="rtc-muted">{t('value.missing')}</span>;
  return (
    <LazyTooltip title={() => formatUtc(ms)} mouseEnterDelay={0.3}>
      <span className="rtc-time">
        <time dateTime={new Date(ms).toISOString()}>{formatDateTime(ms, zone)}</time>
        <span className="rtc-muted rtc-age">{formatRelative(past ? pastEventTime(ms, now) : ms, now)}</span>
      </span>
    </LazyTooltip>
  );
}
