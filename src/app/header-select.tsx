import { Select, type SelectProps } from 'antd';
import type { ReactNode } from 'react';

/**
 * One of the header's settings: its label and a small antd Select (`id` ties them), with
 * what follows it (an error line). The language, theme and zone selects share it.
 */
export function HeaderSelect<V extends string>({
  id,
  label,
  after,
  ...select
}: { id: string; label: string; after?: ReactNode } & Omit<
  SelectProps<V>,
  'id' | 'size' | 'popupMatchSelectWidth'
>) {
  return (
    <div className="rtc-zone">
      <label htmlFor={id} className="rtc-header-meta">
        {label}
      </label>
      <Select<V> id={id} size="small" popupMatchSelectWidth={false} {...select} />
      {after}
    </div>
  );
}
