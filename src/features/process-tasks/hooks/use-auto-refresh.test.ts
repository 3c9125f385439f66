import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAutoRefresh, type PageVisibility } from './use-auto-refresh';

/** A page whose visibility the test switches. */
function fakePage(hidden = false) {
  let isHidden = hidden;
  const listeners = new Set<() => void>();
  const page: PageVisibility = {
    isHidden: () => isHidden,
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const set = (h: boolean) => {
    isHidden = h;
    for (const l of listeners) l();
  };
  return { page, set, listeners };
}

beforeEach(() => vi.useFakeTimers({ now: 1_764_400_000_000 }));
afterEach(() => vi.useRealTimers());

describe('startAutoRefresh', () => {
  it('refreshes every interval while visible, and not before', () => {
    const refresh = vi.fn();
    const { page } = fakePage();
    const stop = startAutoRefresh(15_000, refresh, page);
    vi.advanceTimersByTime(14_999);
    expect(refresh).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(45_000);
    expect(refresh).toHaveBeenCalledTimes(4);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(refresh).toHaveBeenCalledTimes(4);
  });

  it('makes no call while hidden; back after a refresh fell due, refreshes at once and resumes from there', () => {
    const refresh = vi.fn();
    const { page, set } = fakePage();
    startAutoRefresh(15_000, refresh, page);
    vi.advanceTimersByTime(5_000);
    set(true);
    vi.advanceTimersByTime(60_000);
    expect(refresh).toHaveBeenCalledTimes(0);
    set(false);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(14_999);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('back before a refresh fell due: no call at once, the period ends as it would have', () => {
    const refresh = vi.fn();
    const { page, set } = fakePage();
    startAutoRefresh(30_000, refresh, page);
    vi.advanceTimersByTime(10_000);
    set(true);
    vi.advanceTimersByTime(5_000);
    set(false);
    expect(refresh).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(14_999); // 29,999 ms since the start
    expect(refresh).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('starts paused on a hidden page, and a repeated "visible" does not start a second timer', () => {
    const refresh = vi.fn();
    const { page, set } = fakePage(true);
    startAutoRefresh(15_000, refresh, page);
    vi.advanceTimersByTime(20_000);
    expect(refresh).toHaveBeenCalledTimes(0);
    set(false);
    set(false);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(15_000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('stop removes its visibility listener', () => {
    const { page, listeners } = fakePage();
    const stop = startAutoRefresh(15_000, vi.fn(), page);
    expect(listeners.size).toBe(1);
    stop();
    expect(listeners.size).toBe(0);
  });
});
