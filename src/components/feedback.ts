import type { ReactNode } from 'react';
import type { NotificationArgsProps, message, notification } from 'antd';

/** antd's message and notification instances, from antd's own hooks (app/feedback-host.tsx). */
export interface FeedbackApis {
  message: ReturnType<typeof message.useMessage>[0];
  notification: ReturnType<typeof notification.useNotification>[0];
}

let current: FeedbackApis | undefined;
const pending: Array<(apis: FeedbackApis) => void> = [];

/**
 * Called by the host once antd's `message.useMessage()` and `notification.useNotification()`
 * are mounted inside the ConfigProvider (so they follow the theme and language): delivers
 * what was asked before, in order. Returns the unregistration (the host unmounts, e.g. on a
 * language change; later calls wait for the next host).
 */
export function registerFeedback(apis: FeedbackApis): () => void {
  current = apis;
  for (const run of pending.splice(0)) run(apis);
  return () => {
    if (current === apis) current = undefined;
  };
}

function call(run: (apis: FeedbackApis) => unknown): void {
  if (current) run(current);
  else pending.push(run);
}

/**
 * Short confirmations ("Copied") and notifications, as antd's message and notification
 * show them. In place of antd's `App` wrapper and `App.useApp()`: the wrapper's style
 * registration and three holders cost ~5 ms of the first render (issue 16), and its code
 * is not needed until an analyst acts, so the host loads after the first rows. A call
 * made before the host is mounted is shown when it is (nothing is lost). `duration` in
 * seconds, as antd's.
 */
export const feedback = {
  message: {
    success: (content: ReactNode, duration?: number) => call((f) => f.message.success(content, duration)),
    error: (content: ReactNode, duration?: number) => call((f) => f.message.error(content, duration)),
    info: (content: ReactNode, duration?: number) => call((f) => f.message.info(content, duration)),
  },
  notification: {
    success: (args: NotificationArgsProps) => call((f) => f.notification.success(args)),
    warning: (args: NotificationArgsProps) => call((f) => f.notification.warning(args)),
  },
};
