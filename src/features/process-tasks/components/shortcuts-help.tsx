// Loaded on demand (React.lazy) when `?` is first pressed.
import { Modal } from 'antd';
import { SHORTCUTS } from '../model/shortcuts';
import { th } from '../habits-i18n';

/** The list of keyboard shortcuts, from model/shortcuts.ts. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={th('shortcuts.title')} destroyOnHidden>
      <table
        className="rtc-shortcuts"
        style={{ width: '100%', textAlign: 'start' }}
        data-testid="shortcuts-help"
      >
        <thead>
          <tr>
            <th scope="col">{th('shortcuts.key')}</th>
            <th scope="col">{th('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.shown.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' / ' : null}
                    <kbd className="rtc-mono">{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{th(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="rtc-muted">{th('shortcuts.note')}</p>
    </Modal>
  );
}
