import { Select } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { t, type MessageKey } from '../../../lib/i18n';
import { useNow } from '../../../lib/use-now';
import { isPreset, isRelative, relativeOffset, RELATIVE_PRESETS, resolveTimeExpr } from '../model/time-expr';

const AbsoluteRangePicker = lazy(() =>
  import('./absolute-range-picker').then((m) => ({ default: m.AbsoluteRangePicker })),
);

const ANY = '';
const CUSTOM = 'custom';
// A range whose bounds are all relative but not a preset (the stuck list's "now-30m" end):
// said in words, still relative; "Custom range…" turns it into dates to edit.
const RELATIVE = 'relative';

/** "30 min ago", "now": a relative bound in words; undefined for an absolute one. */
function relativeWords(expr: string): string | undefined {
  const o = relativeOffset(expr);
  if (o === undefined) return undefined;
  return o.unit === undefined || o.n === 0 ? t('range.now') : t('range.ago', { n: o.n, unit: o.unit });
}

function relativeLabel(start: string | undefined, end: string | undefined): string | undefined {
  const s = start === undefined ? undefined : relativeWords(start);
  const e = end === undefined ? undefined : relativeWords(end);
  if ((start !== undefined && s === undefined) || (end !== undefined && e === undefined)) return undefined;
  if (s !== undefined && e !== undefined) return t('range.relBetween', { start: s, end: e });
  if (e !== undefined) return t('range.relUntil', { end: e });
  if (s !== undefined) return t('range.relFrom', { start: s });
  return undefined;
}

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
  const relative = custom && !customWanted ? relativeLabel(start, end) : undefined;
  const selected = preset ?? (relative !== undefined ? RELATIVE : custom ? CUSTOM : ANY);

  const options = [
    { value: ANY, label: t('range.any') },
    ...RELATIVE_PRESETS.map((p) => ({ value: p, label: t(`range.${p}` as MessageKey) })),
    ...(relative === undefined ? [] : [{ value: RELATIVE, label: relative }]),
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
          if (v === RELATIVE) return;
          setCustomWanted(false);
          onChange(v === ANY ? undefined : v, undefined);
        }}
      />
      {custom && relative === undefined ? (
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
