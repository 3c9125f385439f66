// Loaded on demand: the date picker is among the heaviest antd parts and most views
// use a relative preset or no time filter at all.
import { DatePicker } from 'antd';
import type { Dayjs } from '../../../lib/dayjs';
import { t } from '../../../lib/i18n';
import { msToPickerValue, pickerValueToMs } from '../../../lib/picker-time';
import { useTimeZoneSetting } from '../../../lib/use-time-zone';

export interface AbsoluteRangePickerProps {
  id: string;
  startMs: number | undefined;
  endMs: number | undefined;
  onChange: (startMs: number | undefined, endMs: number | undefined) => void;
}

/** Times typed or picked mean the zone shown in the header (see lib/picker-time.ts). */
export function AbsoluteRangePicker({ id, startMs, endMs, onChange }: AbsoluteRangePickerProps) {
  const zone = useTimeZoneSetting();
  const value: [Dayjs | null, Dayjs | null] = [
    startMs === undefined ? null : msToPickerValue(startMs, zone),
    endMs === undefined ? null : msToPickerValue(endMs, zone),
  ];
  return (
    <DatePicker.RangePicker
      id={{ start: id, end: `${id}-end` }}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      allowEmpty={[true, true]}
      value={value}
      placeholder={[t('range.startPlaceholder'), t('range.endPlaceholder')]}
      onChange={(v) =>
        onChange(
          v?.[0] ? pickerValueToMs(v[0], zone) : undefined,
          v?.[1] ? pickerValueToMs(v[1], zone) : undefined,
        )
      }
      style={{ width: '100%' }}
    />
  );
}
