import { t, type MessageKey } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/time';
import { useTimeZoneSetting } from '../../../lib/use-time-zone';
import type { BlockState } from '../model/block-state';

/** The sentence of a block state ("Blocked until 2026-11-30 10:00:00"), in the display zone. */
export function blockSentence(state: BlockState, zone?: string): string {
  const at = (ms: number) => formatDateTime(ms, zone);
  switch (state.kind) {
    case 'until':
      return state.passed
        ? t(`block.untilPassed.${state.verb}` as MessageKey, { time: at(state.until) })
        : t(`block.until.${state.verb}` as MessageKey, { time: at(state.until) });
    case 'permanent':
      return t(`block.permanent.${state.verb}` as MessageKey);
    case 'released':
      return t(`block.released.${state.verb}` as MessageKey, { time: at(state.at) });
    case 'releaseFailed':
      return t(`block.releaseFailed.${state.verb}` as MessageKey, {
        time: state.attemptAt === undefined ? t('block.attemptUnknown') : at(state.attemptAt),
      });
    case 'whitelisted':
      return state.since === undefined
        ? t('block.whitelistedNoTime')
        : t('block.whitelisted', { time: at(state.since) });
    case 'unknown':
      return t(`block.${state.ended ? 'unknownReleased' : 'unknownUntil'}.${state.verb}` as MessageKey);
  }
}

/** A block state as one line of text, marked with its kind for tests and styles. */
export function BlockText({ state }: { state: BlockState }) {
  const zone = useTimeZoneSetting();
  return (
    <span className={`rtc-block rtc-block-${state.kind}`} data-block={state.kind}>
      {blockSentence(state, zone)}
    </span>
  );
}
