import { Select } from 'antd';
import { useState } from 'react';
import { t } from '../lib/i18n';
import { resolveTimeZone } from '../lib/time';
import { useTimeZoneSetting } from '../lib/use-time-zone';
import { chooseTimeZone, timeZoneOptions } from './time-zone-setting';

/**
 * The zone of every time on screen and in the CSV: the browser's, UTC, or any IANA zone
 * (searchable by name or offset, e.g. "shanghai" or "+08:00"). The stored choice is
 * applied before the first render (bootstrap.tsx), not when this loads.
 */
export function TimeZoneSelect() {
  const zone = useTimeZoneSetting();
  // Offsets as of when the list is built (the page's zone offsets rarely change while open).
  const [options] = useState(() => [
    { value: 'local', label: t('app.timeZoneLocal', { zone: resolveTimeZone('local') }) },
    ...timeZoneOptions(Date.now()),
  ]);
  return (
    <div className="rtc-zone">
      <label htmlFor="time-zone" className="rtc-header-meta">
        {t('app.timeZone')}
      </label>
      <Select
        id="time-zone"
        size="small"
        value={zone}
        showSearch={{ optionFilterProp: 'label' }}
        popupMatchSelectWidth={false}
        className="rtc-zone-select"
        options={options}
        onChange={chooseTimeZone}
      />
    </div>
  );
}
