import { Select } from 'antd';
import { t } from '../lib/i18n';
import { resolveTimeZone } from '../lib/time';
import { useTimeZoneSetting } from '../lib/use-time-zone';
import { chooseTimeZone } from './time-zone-setting';

/**
 * Local or UTC for every time on screen (the time module takes any IANA zone). The stored
 * choice is applied before the first render (bootstrap.tsx), not when this loads.
 */
export function TimeZoneSelect() {
  const zone = useTimeZoneSetting();
  return (
    <div className="rtc-zone">
      <label htmlFor="time-zone" className="rtc-header-meta">
        {t('app.timeZone')}
      </label>
      <Select
        id="time-zone"
        size="small"
        value={zone}
        popupMatchSelectWidth={false}
        options={[
          { value: 'local', label: t('app.timeZoneLocal', { zone: resolveTimeZone('local') }) },
          { value: 'UTC', label: 'UTC' },
        ]}
        onChange={chooseTimeZone}
      />
    </div>
  );
}
