/**
 * The summary strip above the table (a lazy chunk, loaded after the first rows): tasks by
 * status group for the current filters with the status filter left out, the stuck count
 * with its threshold, and the account's headline figures (DescribeProcessStatistics) with
 * their age. A group is a toggle button (aria-pressed) that filters the list to its codes;
 * "Stuck?" opens the stuck list, oldest processed first. Its counts cost SUMMARY_COUNT_CALLS
 * upstream calls per filter set (model/status-counts.ts), sent as 'background' so the rows
 * on screen go first, cached (api/get-status-counts.ts).
 */
import { Button, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { formatNumber, getLocale, t, formatList } from '../../../lib/i18n';
import { formatRelative } from '../../../lib/time';
import { useNow } from '../../../lib/use-now';
import { langOf, TASK_STATUS_GROUPS } from '../../../shared/catalogue';
import { useTaskCounts } from '../api/get-status-counts';
import { processStatisticsQueryOptions } from '../api/get-triage';
import { useStuckThreshold } from '../hooks/use-stuck-threshold';
import {
  GROUP_LABEL,
  STATUS_GROUPS,
  activeGroup,
  groupView,
  isStuckView,
  stuckView,
  summarize,
  summaryCountQueries,
} from '../model/status-counts';
import { isStuckThreshold } from '../model/stuck';
import { DEFAULT_VIEW, withFilters, type TaskListView } from '../model/task-view';

/** How often the headline figures are fetched again while the page is visible (ms). */
export const HEADLINE_REFETCH_MS = 5 * 60_000;
/** The thresholds the control offers, in minutes (the analyst's own value is added when it is another). */
const THRESHOLD_MINUTES = [15, 30, 60, 120, 240, 480, 1440];

/** "30 min", "2 h". */
export function thresholdLabel(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min % 60 === 0 ? t('summary.hours', { count: min / 60 }) : t('summary.minutes', { count: min });
}

function Count({ value }: { value: number | undefined }) {
  return <strong className="rtc-summary-count">{value === undefined ? '…' : formatNumber(value)}</strong>;
}

function Headline() {
  const lang = langOf(getLocale());
  const stats = useQuery({ ...processStatisticsQueryOptions(lang), refetchInterval: HEADLINE_REFETCH_MS });
  const now = useNow(30_000);
  const m = stats.data?.Metrics;
  if (!m) return null;
  const n = (v: number | undefined) => (v === undefined ? '—' : formatNumber(v));
  return (
    <span className="rtc-summary-headline" data-testid="summary-headline">
      <span>
        {t('summary.headline', {
          tasks: n(m.TaskNum),
          ips: n(m.BanIpNum),
          files: n(m.BanFileNum),
          processes: n(m.BanProcessNum),
        })}
      </span>{' '}
      <time
        className="rtc-summary-age"
        dateTime={new Date(stats.dataUpdatedAt).toISOString()}
        data-testid="summary-headline-age"
      >
        {t('summary.asOf', { relative: formatRelative(Math.min(stats.dataUpdatedAt, now), now) })}
      </time>
    </span>
  );
}

export function SummaryStrip({
  view,
  setView,
  extra,
}: {
  view: TaskListView;
  setView: (next: (view: TaskListView) => TaskListView) => void;
  /** Shown after the stuck threshold (the "Failures by cause" toggle). */
  extra?: ReactNode;
}) {
  const [thresholdMs, setThreshold] = useStuckThreshold();
  // The queries' filters keep relative times as written, so `now` only picks the tighter
  // processed-time end (model/status-counts.ts stuckFilters); the key does not follow the clock.
  const now = useNow(60_000);
  const queries = useMemo(
    () => summaryCountQueries(view.filters, thresholdMs, now),
    [view.filters, thresholdMs, now],
  );
  const { counts, error } = useTaskCounts(queries, { priority: 'background' });
  const known = (v: number | null | undefined) => (v === null ? undefined : v);
  const summary = summarize({
    total: known(counts.total),
    inProgress: known(counts.inProgress),
    done: known(counts.done),
    failed: known(counts.failed),
    stuck: known(counts.stuck),
  });
  const pressed = activeGroup(view.filters);
  const stuckPressed = isStuckView(view, thresholdMs);
  const thresholds = [...new Set([...THRESHOLD_MINUTES.map((m) => m * 60_000), thresholdMs])].sort(
    (a, b) => a - b,
  );

  return (
    <div
      role="group"
      aria-label={t('summary.title')}
      className="rtc-summary-strip"
      data-testid="summary-strip"
      aria-busy={summary === undefined && error === undefined}
    >
      {STATUS_GROUPS.map((group) => (
        <Button
          key={group}
          size="small"
          type={pressed === group ? 'primary' : 'default'}
          aria-pressed={pressed === group}
          title={t('summary.groupHint', { codes: formatList(TASK_STATUS_GROUPS[group].map(String)) })}
          data-testid={`summary-${group}`}
          onClick={() =>
            setView((v) =>
              activeGroup(v.filters) === group
                ? withFilters(v, { TaskStatus: undefined })
                : groupView(v, group),
            )
          }
        >
          {t(GROUP_LABEL[group])} <Count value={summary?.[group]} />
        </Button>
      ))}
      {summary !== undefined && summary.unknown > 0 ? (
        <span className="rtc-summary-unknown" title={t('summary.unknownHint')} data-testid="summary-unknown">
          {t('summary.unknown')} <Count value={summary.unknown} />
        </span>
      ) : null}
      <Button
        size="small"
        // The theme's error colour (readable in both themes), not antd's danger button.
        className={(summary?.stuck ?? 0) > 0 && !stuckPressed ? 'rtc-summary-stuck-found' : undefined}
        type={stuckPressed ? 'primary' : 'default'}
        aria-pressed={stuckPressed}
        title={t('summary.stuckHint', { threshold: thresholdLabel(thresholdMs) })}
        data-testid="summary-stuck"
        onClick={() =>
          setView((v) =>
            isStuckView(v, thresholdMs)
              ? {
                  ...withFilters(v, { TaskStatus: undefined, ProcessActionEnd: undefined }),
                  orderField: DEFAULT_VIEW.orderField,
                  direction: DEFAULT_VIEW.direction,
                }
              : stuckView(v, thresholdMs, Date.now()),
          )
        }
      >
        {t('summary.stuck')} <Count value={known(counts.stuck)} />
      </Button>
      <span className="rtc-summary-threshold">
        <label htmlFor="summary-stuck-threshold">{t('summary.stuckAfter')}</label>
        <Select
          id="summary-stuck-threshold"
          size="small"
          variant="borderless"
          popupMatchSelectWidth={false}
          value={thresholdMs}
          options={thresholds.map((ms) => ({ value: ms, label: thresholdLabel(ms) }))}
          onChange={(ms: number) => {
            if (isStuckThreshold(ms)) setThreshold(ms);
          }}
        />
      </span>
      {extra}
      {error !== undefined ? (
        <span className="rtc-summary-error" role="status" data-testid="summary-error">
          {t('summary.countFailed', { message: error instanceof Error ? error.message : String(error) })}
        </span>
      ) : summary === undefined ? (
        <span className="rtc-summary-pending" role="status">
          {t('summary.counting')}
        </span>
      ) : null}
      <Headline />
    </div>
  );
}
