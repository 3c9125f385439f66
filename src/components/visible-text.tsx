import { WarningOutlined } from '@ant-design/icons';
import { Fragment } from 'react';
import { t } from '../lib/i18n';
import { invisibleToken, splitInvisible } from '../lib/invisible-chars';
import { LazyTooltip } from './lazy-tooltip';

/**
 * Data text as inert visible text: each invisible or direction-control character becomes a
 * marked token such as ⟨U+202E⟩ or ⟨TAB⟩ (labelled for screen readers), and a warning icon
 * says the value holds some. Text without them renders unchanged. Copy the raw value, not
 * this. Single-line data by default (tab, CR and LF revealed too); `multiline` keeps line
 * breaks and tabs for a container that shows them (white-space: pre-wrap).
 */
export function VisibleText({
  text,
  warning = true,
  multiline = false,
}: {
  text: string;
  warning?: boolean;
  multiline?: boolean;
}) {
  const parts = splitInvisible(text, { multiline });
  if (!parts.some((p) => p.kind === 'invisible')) return <>{text}</>;
  return (
    <>
      {warning ? <InvisibleWarning /> : null}
      {parts.map((p, i) =>
        p.kind === 'text' ? (
          <Fragment key={i}>{p.text}</Fragment>
        ) : (
          <span
            key={i}
            className="rtc-invisible"
            role="img"
            aria-label={t('invisible.char', { code: p.code, name: p.name })}
            title={p.name ? `${p.code} ${p.name}` : p.code}
          >
            {invisibleToken(p.code)}
          </span>
        ),
      )}
    </>
  );
}

/** The warning that a value contains invisible or direction-control characters. */
export function InvisibleWarning() {
  const text = t('invisible.warning');
  return (
    <LazyTooltip title={text}>
      <WarningOutlined
        role="img"
        aria-label={text}
        className="rtc-invisible-warning"
        data-testid="invisible-warning"
      />
    </LazyTooltip>
  );
}
