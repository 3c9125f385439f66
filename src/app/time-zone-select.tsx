import { Select } from 'antd';
import { useEffect } from 'react';
import { t } from '../lib/i18n';
import { readJson, writeJson } from '../lib/local-storage';
import { isValidTimeZone, resolveTimeZone, setTimeZoneSetting } from '../lib/time';
import { useTimeZoneSetting } from '../lib/use-time-zone';

const STORAGE_KEY = 'rtc.time-zone.v1';
const isZone = (v: unknown): v is string => typeof v === 'string' && (v === 'local' || isValidTimeZone(v));

/** Local or UTC for every time on screen (the time module takes any IANA zone). */
export function TimeZoneSelect() {
  const zone = useTimeZoneSetting();
  useEffect(() => {
    const stored = readJson(STORAGE_KEY, isZone);
    if (stored && stored !== 'local') setTimeZoneSetting(stored);
  }, []);
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
        onChange={(v: string) => {
          setTimeZoneSetting(v);
          writeJson(STORAGE_KEY, v);
        }}
      />
    </div>
  );
}
