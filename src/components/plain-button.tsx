import type { IconDefinition } from '@ant-design/icons-svg/es/types';
import type { ComponentPropsWithRef } from 'react';
import { PlainIcon } from './plain-icon';

export interface PlainButtonProps extends Omit<ComponentPropsWithRef<'button'>, 'type'> {
  /** antd's `type`: 'default' (outlined), 'primary' (solid), 'primary-ghost' (primary outline). */
  variant?: 'default' | 'primary' | 'primary-ghost';
  /** antd's `size`: 'middle' (32 px) or 'small' (24 px). */
  size?: 'middle' | 'small';
  /** An `@ant-design/icons-svg` definition, shown before the label. */
  icon?: IconDefinition;
}

/**
 * A plain `<button>` drawn as antd's Button (default, primary or primary ghost; middle or
 * small), for the buttons the first screen shows before the first rows: the toolbar's
 * Refresh, Copy link and Columns, the density switch and "More filters". Same markup
 * shape (`<span class="rtc-button-icon">` + `<span>` label) and the same look from app.css
 * (`.rtc-button`, colours from the theme's tokens via app/theme-vars.tsx); no wave effect
 * on click. Why: antd's Button, its Wave and its style registration were about a tenth of
 * the render between the list's answer and the painted rows (Chromium's profile,
 * docs/first-screen-performance.md), and antd's components are all loaded after them.
 * Its `ref` reaches the `<button>` (antd Popover and Tooltip can wrap it).
 */
export function PlainButton({
  variant = 'default',
  size = 'middle',
  icon,
  className,
  children,
  ...rest
}: PlainButtonProps) {
  const cls = `rtc-button rtc-button-${variant}${size === 'small' ? ' rtc-button-sm' : ''}${className ? ` ${className}` : ''}`;
  return (
    <button className={cls} {...rest} type="button">
      {icon ? (
        <span className="rtc-button-icon">
          <PlainIcon icon={icon} />
        </span>
      ) : null}
      {children === undefined || children === null ? null : <span>{children}</span>}
    </button>
  );
}
