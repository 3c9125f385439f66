import ClockCircleOutlined from '@ant-design/icons-svg/es/asn/ClockCircleOutlined';
import LinkOutlined from '@ant-design/icons-svg/es/asn/LinkOutlined';
import { writeClipboard } from '../../../components/copy-button';
import { LazyTooltip } from '../../../components/lazy-tooltip';
import { PlainButton } from '../../../components/plain-button';
import { t } from '../../../lib/i18n';
import { absoluteHref } from '../hooks/task-url-store';
import { freezeFilters, hasRelativeTimes, type TaskUrlState } from '../model/url-state';
import { feedback } from '../../../components/feedback';

/** "Copy link" keeps relative ranges relative; the frozen variant pins them to what is shown now. */
export function CopyLinkButtons({ state }: { state: TaskUrlState }) {
  const { message } = feedback;
  const copy = (href: string) =>
    writeClipboard(href).then(
      () => void message.success(t('toolbar.linkCopied'), 1.5),
      () => void message.error(t('copy.failed')),
    );
  return (
    <>
      <PlainButton
        icon={LinkOutlined}
        onClick={() => void copy(absoluteHref(state))}
        data-testid="copy-link"
        title={t('toolbar.copyLink')}
      >
        {t('toolbar.copyLink')}
      </PlainButton>
      {hasRelativeTimes(state.view.filters) ? (
        <LazyTooltip title={t('toolbar.copyLinkFrozenHint')}>
          <PlainButton
            icon={ClockCircleOutlined}
            data-testid="copy-link-frozen"
            onClick={() =>
              void copy(
                absoluteHref({
                  ...state,
                  view: { ...state.view, filters: freezeFilters(state.view.filters, Date.now()) },
                }),
              )
            }
          >
            {t('toolbar.copyLinkFrozen')}
          </PlainButton>
        </LazyTooltip>
      ) : null}
    </>
  );
}
