import { message, notification } from 'antd';
import { useLayoutEffect } from 'react';
import { registerFeedback } from '../components/feedback';

/**
 * antd's message and notification holders, rendered inside the ConfigProvider (theme,
 * language), and handed to `feedback` (components/feedback.ts). Loaded after the first rows.
 */
export function FeedbackHost() {
  const [messageApi, messageHolder] = message.useMessage();
  const [notificationApi, notificationHolder] = notification.useNotification();
  useLayoutEffect(
    () => registerFeedback({ message: messageApi, notification: notificationApi }),
    [messageApi, notificationApi],
  );
  return (
    <>
      {messageHolder}
      {notificationHolder}
    </>
  );
}
