import { Tooltip } from 'antd';
import type { ReactNode } from 'react';

/** One line, cut with an ellipsis; the full value shows on hover (and is the accessible text). */
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
    <Tooltip title={<span className="rtc-tooltip-text">{text}</span>} mouseEnterDelay={0.4}>
      <span className={mono ? 'rtc-ellipsis rtc-mono' : 'rtc-ellipsis'}>{children ?? text}</span>
    </Tooltip>
  );
}
