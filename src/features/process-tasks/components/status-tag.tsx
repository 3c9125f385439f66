import { statusLabel, statusTone } from '../model/labels';

/**
 * Status as a tag: label and code in body text colour (readable, AA contrast) on a tinted
 * background, with a coloured dot for the tone. Unknown codes: "Unknown (25)", neutral.
 */
export function StatusTag({ code }: { code: number | undefined }) {
  const tone = statusTone(code);
  return (
    <span className={`rtc-status rtc-tone-${tone}`} data-tone={tone}>
      <span className="rtc-status-dot" aria-hidden />
      {statusLabel(code)}
    </span>
  );
}
