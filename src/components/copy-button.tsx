import CopyOutlined from '@ant-design/icons-svg/es/asn/CopyOutlined';
import { t } from '../lib/i18n';
import { LazyTooltip } from './lazy-tooltip';
import { PlainIcon } from './plain-icon';
import { feedback } from './feedback';

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  throw new Error('Clipboard API unavailable');
}

/**
 * A small icon button that copies `value`; `label` names what is copied (for screen readers).
 * A plain `<button>` styled as antd's small text icon button (app.css, .rtc-icon-button):
 * a page of rows has two per row, and antd's Button (wave, style hooks, icon component)
 * per cell was a fifth of the cost of rendering the page.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { message } = feedback;
  const name = t('copy.action', { label });
  return (
    <LazyTooltip title={name}>
      <button
        type="button"
        className="rtc-icon-button"
        aria-label={name}
        onClick={(e) => {
          e.stopPropagation();
          writeClipboard(value).then(
            () => void message.success(t('copy.done'), 1.5),
            () => void message.error(t('copy.failed')),
          );
        }}
        onKeyDown={(e) => e.stopPropagation()}
      >
        <PlainIcon icon={CopyOutlined} />
      </button>
    </LazyTooltip>
  );
}

export { writeClipboard };
