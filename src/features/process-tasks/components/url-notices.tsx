import { Alert } from 'antd';
import { t, type MessageKey } from '../../../lib/i18n';
import { revealInvisible } from '../../../lib/invisible-chars';
import type { TaskUrlNotice } from '../hooks/task-url-store';

/** Parts of the link that were dropped, said plainly (never a blank page). */
export function UrlNotices({
  notices,
  onDismiss,
}: {
  notices: readonly TaskUrlNotice[];
  onDismiss: () => void;
}) {
  if (notices.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose: onDismiss, 'aria-label': t('notice.dismiss') }}
      data-testid="url-notices"
      title={t('notice.title')}
      description={
        <ul className="rtc-notice-list">
          {notices.map((n, i) => (
            <li key={i}>
              {t(`notice.${n.reason}` as MessageKey, { param: n.param, value: revealInvisible(n.value) })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
