// Loaded on demand: the date picker is among the heaviest antd parts and most views
// use a relative preset or no time filter at all.
import { DatePicker } from 'antd';
import { dayjs, type Dayjs } from '../../../lib/dayjs';
import { t } from '../../../lib/i18n';

export interface AbsoluteRangePickerProps {
  id: string;
  startMs: number | undefined;
  endMs: number | undefined;
  onChange: (startMs: number | undefined, endMs: number | undefined) => void;
}

export function AbsoluteRangePicker({ id, startMs, endMs, onChange }: AbsoluteRangePickerProps) {
  const value: [Dayjs | null, Dayjs | null] = [
    startMs === undefined ? null : dayjs(startMs),
    endMs === undefined ? null : dayjs(endMs),
  ];
  return (
    <DatePicker.RangePicker
      id={{ start: id, end: `${id}-end` }}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      allowEmpty={[true, true]}
      value={value}
      placeholder={[t('range.startPlaceholder'), t('range.endPlaceholder')]}
      onChange={(v) => onChange(v?.[0]?.valueOf(), v?.[1]?.valueOf())}
      style={{ width: '100%' }}
    />
  );
}
