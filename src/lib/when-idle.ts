/**
 * Runs `task` once the browser is idle (requestIdleCallback, at most `timeoutMs` later;
 * a 0 ms timer where it is missing), i.e. after the current frame is painted. Returns a
 * cancel function. For work that must not delay a paint, such as prefetching.
 */
export function whenIdle(task: () => void, timeoutMs = 1_000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(() => task(), { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(task, 0);
  return () => window.clearTimeout(id);
}
