import type { ReactNode } from 'react';
import { LazyTooltip } from './lazy-tooltip';
import { VisibleText } from './visible-text';

/**
 * One line, cut with an ellipsis; the full value shows on hover (and is the accessible text).
 * Invisible and direction-control characters in `text` show as tokens (VisibleText).
 */
export function EllipsisText({
  text,
  mono = false,
  children,
}: {
  text: string;
  mono?: boolean;
  children?: ReactNode;
}) {
  return (
    <LazyTooltip
      title={() => (
        <span className="rtc-tooltip-text">
          <VisibleText text={text} warning={false} />
        </span>
      )}
      mouseEnterDelay={0.4}
    >
      <span className={mono ? 'rtc-ellipsis rtc-mono' : 'rtc-ellipsis'}>
        {children ?? <VisibleText text={text} />}
      </span>
    </LazyTooltip>
  );
}
