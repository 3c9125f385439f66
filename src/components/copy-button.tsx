import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { t } from '../lib/i18n';
import { LazyTooltip } from './lazy-tooltip';

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  throw new Error('Clipboard API unavailable');
}

/** A small icon button that copies `value`; `label` names what is copied (for screen readers). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { message } = App.useApp();
  const name = t('copy.action', { label });
  return (
    <LazyTooltip title={name}>
      <Button
        type="text"
        size="small"
        aria-label={name}
        icon={<CopyOutlined />}
        onClick={(e) => {
          e.stopPropagation();
          writeClipboard(value).then(
            () => void message.success(t('copy.done'), 1.5),
            () => void message.error(t('copy.failed')),
          );
        }}
        onKeyDown={(e) => e.stopPropagation()}
      />
    </LazyTooltip>
  );
}

export { writeClipboard };
