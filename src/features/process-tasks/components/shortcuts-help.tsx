// Loaded on demand (React.lazy) when `?` is first pressed.
import { Modal } from 'antd';
import { t } from '../../../lib/i18n';
import { SHORTCUTS } from '../model/shortcuts';

/** The list of keyboard shortcuts, from model/shortcuts.ts. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('shortcuts.title')} destroyOnHidden>
      <table className="rtc-shortcuts" data-testid="shortcuts-help">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.key')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.shown.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' / ' : null}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="rtc-muted">{t('shortcuts.note')}</p>
    </Modal>
  );
}
