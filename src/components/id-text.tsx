import { t } from '../lib/i18n';
import { CopyButton } from './copy-button';
import { EllipsisText } from './ellipsis-text';

/** An identifier: monospace, ellipsised, with a copy button. Missing values show a dash. */
export function IdText({ value, label }: { value: string | undefined; label: string }) {
  if (value === undefined || value === '') return <span className="rtc-muted">{t('value.missing')}</span>;
  return (
    <span className="rtc-id">
      <EllipsisText text={value} mono />
      <CopyButton value={value} label={label} />
    </span>
  );
}
