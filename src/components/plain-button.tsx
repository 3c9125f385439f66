import type { IconDefinition } from '@ant-design/icons-svg/es/types';
import type { ComponentPropsWithRef, MouseEvent } from 'react';
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
 * (`.rtc-button`, colours from the theme's tokens via app/theme-vars.tsx), and antd's click
 * "wave" (`wave`, below). Why: antd's Button, its Wave and its style registration were about a tenth of
 * the render between the list's answer and the painted rows (Chromium's profile,
 * docs/first-screen-performance.md), and antd's components are all loaded after them.
 * Its `ref` reaches the `<button>` (antd Popover and Tooltip can wrap it).
 */
/**
 * antd's click wave on a plain button: a halo of the button's own colour grows 6 px around
 * it and fades (app.css `.rtc-button[data-wave]::after`, the timings of antd's
 * `_util/wave`). Its colour is chosen as antd's `getTargetWaveColor` does: the first of the
 * border-top, border and background colours that is neither transparent nor white.
 * The attribute restarts the animation on each click and is removed when it ends; React
 * does not own it, so a class change on click (the density switch) does not cut it short.
 */
function wave(button: HTMLButtonElement): void {
  const style = getComputedStyle(button);
  const color = [style.borderTopColor, style.borderColor, style.backgroundColor].find(
    (c) =>
      c !== '' &&
      c !== 'transparent' &&
      c !== 'rgb(255, 255, 255)' &&
      c !== 'rgba(255, 255, 255, 1)' &&
      !/rgba\((?:\d*, ){3}0\)/i.test(c),
  );
  if (color === undefined) return;
  button.style.setProperty('--rtc-wave-color', color);
  button.removeAttribute('data-wave');
  void button.offsetWidth; // restart the animation
  button.setAttribute('data-wave', '');
}

function endWave(e: { currentTarget: HTMLButtonElement; animationName: string }): void {
  if (e.animationName === 'rtc-wave-fade') e.currentTarget.removeAttribute('data-wave');
}

export function PlainButton({
  variant = 'default',
  size = 'middle',
  icon,
  className,
  children,
  onClick,
  ...rest
}: PlainButtonProps) {
  const cls = `rtc-button rtc-button-${variant}${size === 'small' ? ' rtc-button-sm' : ''}${className ? ` ${className}` : ''}`;
  return (
    <button
      className={cls}
      {...rest}
      type="button"
      onClick={(e: MouseEvent<HTMLButtonElement>) => {
        wave(e.currentTarget);
        onClick?.(e);
      }}
      onAnimationEnd={endWave}
    >
      {icon ? (
        <span className="rtc-button-icon">
          <PlainIcon icon={icon} />
        </span>
      ) : null}
      {children === undefined || children === null ? null : <span>{children}</span>}
    </button>
  );
}
