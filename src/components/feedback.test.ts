import { afterEach, describe, expect, it } from 'vitest';
import { feedback, registerFeedback, type FeedbackApis } from './feedback';

/** antd's instances as far as feedback uses them: each call recorded as "kind.method:content". */
function recorder(log: string[]): FeedbackApis {
  const method =
    (name: string) =>
    (content: unknown): void =>
      void log.push(`${name}:${typeof content === 'object' ? JSON.stringify(content) : String(content)}`);
  return {
    message: {
      success: method('message.success'),
      error: method('message.error'),
      info: method('message.info'),
    },
    notification: { success: method('notification.success'), warning: method('notification.warning') },
  } as unknown as FeedbackApis;
}

let unregister: (() => void) | undefined;
afterEach(() => unregister?.());

describe('feedback', () => {
  it('keeps what is asked before the host is there and shows it, in order, once it is', () => {
    const log: string[] = [];
    feedback.message.success('Copied');
    feedback.notification.warning({ title: 'Export incomplete' });
    feedback.message.error('Copy failed');
    expect(log).toEqual([]);
    unregister = registerFeedback(recorder(log));
    expect(log).toEqual([
      'message.success:Copied',
      'notification.warning:{"title":"Export incomplete"}',
      'message.error:Copy failed',
    ]);
    // Delivered once: a second host does not replay them.
    unregister();
    const second: string[] = [];
    unregister = registerFeedback(recorder(second));
    expect(second).toEqual([]);
  });

  it('goes straight to the registered host, and waits again once it unmounts', () => {
    const log: string[] = [];
    unregister = registerFeedback(recorder(log));
    feedback.message.info('Edge of the page');
    expect(log).toEqual(['message.info:Edge of the page']);
    unregister();
    feedback.notification.success({ title: 'Exported' });
    expect(log).toHaveLength(1);
    const next: string[] = [];
    unregister = registerFeedback(recorder(next));
    expect(next).toEqual(['notification.success:{"title":"Exported"}']);
  });

  it('an old host unmounting after a new one registered does not cut the new one off', () => {
    const first: string[] = [];
    const second: string[] = [];
    const unregisterFirst = registerFeedback(recorder(first));
    unregister = registerFeedback(recorder(second));
    unregisterFirst();
    feedback.message.success('Copied');
    expect(second).toEqual(['message.success:Copied']);
    expect(first).toEqual([]);
  });
});
