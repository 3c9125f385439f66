import { SyncOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { t, tCount } from '../../../lib/i18n';
import {
  AUTO_REFRESH_INTERVALS,
  useAutoRefreshSetting,
  type AutoRefreshInterval,
} from '../hooks/use-auto-refresh';

/** The label of an interval: "Auto-refresh off", "Every 15 s", "Every minute". */
export function autoRefreshLabel(ms: AutoRefreshInterval): string {
  if (ms === 0) return t('live.autoRefresh.off');
  return ms < 60_000
    ? tCount('live.autoRefresh.seconds', ms / 1_000)
    : tCount('live.autoRefresh.minutes', ms / 60_000);
}

/** The short form shown in the toolbar: "Off", "15 s", "1 min" (the select is labelled "Auto-refresh"). */
export function autoRefreshShortLabel(ms: AutoRefreshInterval): string {
  if (ms === 0) return t('live.autoRefresh.offShort');
  return ms < 60_000
    ? tCount('live.autoRefresh.secondsShort', ms / 1_000)
    : tCount('live.autoRefresh.minutesShort', ms / 60_000);
}

/**
 * The toolbar's auto-refresh choice (off, 15 s, 30 s, 1 min, 5 min), remembered
 * (hooks/use-auto-refresh.ts). Loaded after the first rows: antd Select is not on the
 * first screen; `AUTO_REFRESH_WIDTH` keeps its place meanwhile.
 */
export function AutoRefreshSelect() {
  const [interval, setInterval] = useAutoRefreshSetting();
  return (
    <Select<AutoRefreshInterval>
      className="rtc-auto-refresh"
      aria-label={t('live.autoRefresh')}
      title={`${t('live.autoRefresh')}: ${autoRefreshLabel(interval)}`}
      id="auto-refresh"
      data-testid="auto-refresh"
      value={interval}
      onChange={setInterval}
      prefix={<SyncOutlined aria-hidden spin={interval > 0} />}
      options={AUTO_REFRESH_INTERVALS.map((ms) => ({ value: ms, label: autoRefreshLabel(ms) }))}
      labelRender={({ value }) => autoRefreshShortLabel(value as AutoRefreshInterval)}
      popupMatchSelectWidth={false}
    />
  );
}
