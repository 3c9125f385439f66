import { Select } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { t, type MessageKey } from '../../../lib/i18n';
import { useNow } from '../../../lib/use-now';
import { isPreset, isRelative, RELATIVE_PRESETS, resolveTimeExpr } from '../model/time-expr';

const AbsoluteRangePicker = lazy(() =>
  import('./absolute-range-picker').then((m) => ({ default: m.AbsoluteRangePicker })),
);

const ANY = '';
const CUSTOM = 'custom';

interface Props {
  id: string;
  start: string | undefined;
  end: string | undefined;
  onChange: (start: string | undefined, end: string | undefined) => void;
}

/**
 * A quick range (kept relative: `now-24h`) or a custom absolute range (13-digit ms).
 * Relative bounds that are not a preset (from a hand-written link) show as custom.
 */
export function TimeRangeFilter({ id, start, end, onChange }: Props) {
  const [customWanted, setCustomWanted] = useState(false);
  const hasValue = start !== undefined || end !== undefined;
  const preset = isPreset(start, end) ? start : undefined;
  const custom = (hasValue && preset === undefined) || (!hasValue && customWanted);
  const selected = preset ?? (custom ? CUSTOM : ANY);

  const options = [
    { value: ANY, label: t('range.any') },
    ...RELATIVE_PRESETS.map((p) => ({ value: p, label: t(`range.${p}` as MessageKey) })),
    { value: CUSTOM, label: t('range.custom') },
  ];
  const now = useNow();
  const relativeNote =
    custom && ((start !== undefined && isRelative(start)) || (end !== undefined && isRelative(end)))
      ? `${start ?? '…'} → ${end ?? 'now'}`
      : undefined;

  return (
    <div className="rtc-range">
      <Select
        id={id}
        value={selected}
        options={options}
        popupMatchSelectWidth={false}
        onChange={(v: string) => {
          if (v === CUSTOM) {
            setCustomWanted(true);
            return;
          }
          setCustomWanted(false);
          onChange(v === ANY ? undefined : v, undefined);
        }}
      />
      {custom ? (
        <Suspense fallback={<span className="rtc-muted">{t('app.loadingChunk')}</span>}>
          <AbsoluteRangePicker
            id={`${id}-custom`}
            startMs={start === undefined ? undefined : resolveTimeExpr(start, now)}
            endMs={end === undefined ? undefined : resolveTimeExpr(end, now)}
            onChange={(a, b) =>
              onChange(a === undefined ? undefined : String(a), b === undefined ? undefined : String(b))
            }
          />
          {relativeNote ? <span className="rtc-field-hint rtc-mono">{relativeNote}</span> : null}
        </Suspense>
      ) : null}
    </div>
  );
}
