import type { ReactNode } from 'react';

/** A labelled control: the label is a real <label> bound to the control's id. */
export function FilterField({
  id,
  label,
  hint,
  wide = false,
  inline = false,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  wide?: boolean;
  /** Label beside the control (the one-line bar), not above it. */
  inline?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`rtc-field${wide ? ' rtc-field-wide' : ''}${inline ? ' rtc-field-inline' : ''}`}>
      <label htmlFor={id} className="rtc-field-label">
        {label}
      </label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} className="rtc-field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
