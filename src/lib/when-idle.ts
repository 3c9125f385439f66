/**
 * Runs `task` after the next frame is painted and then once the browser is idle
 * (requestIdleCallback, at most `timeoutMs` after that frame; a 0 ms timer where it is
 * missing). Returns a cancel function. For work that must not delay a paint, such as
 * prefetching or loading what the first rows did not need.
 *
 * The frame comes first because requestIdleCallback's timeout alone does not wait for
 * it: on a loaded machine the commit that puts the rows in the DOM can outlast the
 * timeout, and the timed-out task then ran before the rows were painted (Chromium's
 * trace of the first screen). In a hidden tab, which paints no frames, a 0 ms timer
 * stands for the frame.
 */
export function whenIdle(task: () => void, timeoutMs = 1_000): () => void {
  let cancelStep: () => void;
  const idle = () => {
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(() => task(), { timeout: timeoutMs });
      cancelStep = () => window.cancelIdleCallback(id);
    } else {
      const id = window.setTimeout(task, 0);
      cancelStep = () => window.clearTimeout(id);
    }
  };
  // The task after the next frame's rendering: a timer set from requestAnimationFrame.
  const afterFrame = () => {
    const id = window.setTimeout(idle, 0);
    cancelStep = () => window.clearTimeout(id);
  };
  if (document.visibilityState === 'hidden' || typeof window.requestAnimationFrame !== 'function') {
    afterFrame();
  } else {
    const id = window.requestAnimationFrame(afterFrame);
    cancelStep = () => window.cancelAnimationFrame(id);
  }
  return () => cancelStep();
}
