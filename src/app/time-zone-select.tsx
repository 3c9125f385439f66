import { useMemo, useState } from 'react';
import { t } from '../lib/i18n';
import { resolveTimeZone } from '../lib/time';
import { useTimeZoneSetting } from '../lib/use-time-zone';
import { HeaderSelect } from './header-select';
import { chooseTimeZone, timeZoneOptions } from './time-zone-setting';

/**
 * The zone of every time on screen and in the CSV: the browser's, UTC, or any IANA zone
 * (searchable by name or offset, e.g. "shanghai" or "+08:00"). The stored choice is
 * applied before the first render (bootstrap.tsx), not when this loads. The full list
 * (some 400 zones, each with its offset) is built when the list first opens, not on
 * every page load.
 */
export function TimeZoneSelect() {
  const zone = useTimeZoneSetting();
  const [opened, setOpened] = useState(false);
  // Offsets as of when the list is built (a zone's offset rarely changes while the page is open).
  const [builtAt] = useState(() => Date.now());
  const options = useMemo(() => {
    const zones = opened ? undefined : zone === 'local' || zone === 'UTC' ? [] : [zone];
    return [
      { value: 'local', label: t('app.timeZoneLocal', { zone: resolveTimeZone('local') }) },
      ...timeZoneOptions(builtAt, zones),
    ];
  }, [opened, zone, builtAt]);
  return (
    <HeaderSelect
      id="time-zone"
      label={t('app.timeZone')}
      value={zone}
      showSearch={{ optionFilterProp: 'label' }}
      className="rtc-zone-select"
      options={options}
      onOpenChange={(open) => open && setOpened(true)}
      onChange={chooseTimeZone}
    />
  );
}
