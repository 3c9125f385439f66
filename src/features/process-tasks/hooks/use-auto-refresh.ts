import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent } from 'react';
import { storedSetting } from '../../../lib/stored-setting';
import { processTaskKeys } from '../api/query-keys';

/** The auto-refresh choices (ms); 0 is off. */
export const AUTO_REFRESH_INTERVALS = [0, 15_000, 30_000, 60_000, 300_000] as const;
export type AutoRefreshInterval = (typeof AUTO_REFRESH_INTERVALS)[number];
export const AUTO_REFRESH_STORAGE_KEY = 'rtc.process-tasks.auto-refresh.v1';
export const DEFAULT_AUTO_REFRESH: AutoRefreshInterval = 0;

const isInterval = (v: unknown): v is AutoRefreshInterval =>
  (AUTO_REFRESH_INTERVALS as readonly unknown[]).includes(v);

// One value for the page (the toolbar's select and the timer agree), remembered in localStorage.
const autoRefresh = storedSetting(AUTO_REFRESH_STORAGE_KEY, isInterval, DEFAULT_AUTO_REFRESH);

/** Sets the auto-refresh interval (ms, one of AUTO_REFRESH_INTERVALS) everywhere on the page and remembers it. */
export const setAutoRefresh = (ms: AutoRefreshInterval): void => autoRefresh.set(ms);

/** The auto-refresh interval the analyst chose last time (ms; 0 off), and its setter. */
export const useAutoRefreshSetting = (): [AutoRefreshInterval, (ms: AutoRefreshInterval) => void] =>
  autoRefresh.use();

/**
 * Refreshes everything on screen that belongs to the list: every query whose key starts
 * with `processTaskKeys.lists()` (`['process-tasks', 'list']`). The list's page is one;
 * a panel that shows figures for the list's filters (the summary strip's counts) belongs
 * to the list by putting its key under that prefix, e.g.
 * `[...processTaskKeys.lists(), 'summary', filters]`, and then follows both the Refresh
 * button and auto-refresh with no other wiring. Queries on screen refetch (their relative
 * times re-resolved at fetch time, see api/get-process-tasks.ts); the others are marked
 * stale. A fetch still in flight is not cancelled (`cancelRefetch: false`): on a slow
 * upstream a short interval must not restart the same request forever.
 */
export function refreshList(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: processTaskKeys.lists() }, { cancelRefetch: false });
}

/**
 * The priority a refresh of an open panel is sent with: 'background' for an auto-refresh
 * tick (nobody asked for it), none (the analyst's own) for the Refresh button.
 */
export type RefreshPriority = 'background' | undefined;

/**
 * What else a refresh refreshes: panels outside the list that are open (the task
 * drawer's detail and drill-downs) register here while they are on screen, and each
 * auto-refresh tick, and each click on Refresh, calls them right after the list's own
 * refresh, so they follow the same timer (and its pause while the tab is hidden) and the
 * same button. A listener starts its own fetches, with the priority it is given.
 */
const tickListeners = new Set<(priority: RefreshPriority) => void>();

/** Calls `listener` on every refresh (auto-refresh tick or Refresh) until the returned function is called. */
export function onAutoRefreshTick(listener: (priority: RefreshPriority) => void): () => void {
  tickListeners.add(listener);
  return () => tickListeners.delete(listener);
}

/** Calls every registered panel with `priority` ('background' for a tick, none for Refresh). */
export function refreshOpenPanels(priority: RefreshPriority): void {
  for (const listener of [...tickListeners]) listener(priority);
}

/** One auto-refresh tick: the list (`refreshList`), then every registered listener, priority 'background'. */
export function autoRefreshTick(queryClient: QueryClient): void {
  void refreshList(queryClient);
  refreshOpenPanels('background');
}

/**
 * Runs `refresh` on every auto-refresh tick (priority 'background') and every click on
 * Refresh (no priority: the analyst asked) while the calling component is mounted.
 */
export function useAutoRefreshTick(refresh: (priority: RefreshPriority) => void): void {
  const onTick = useEffectEvent(refresh);
  useEffect(() => onAutoRefreshTick((priority) => onTick(priority)), []);
}

/** What the timer needs of the page: whether it is hidden, and news of a change (injectable for tests). */
export interface PageVisibility {
  isHidden(): boolean;
  /** Calls `listener` on every visibility change; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

const documentVisibility: PageVisibility = {
  isHidden: () => document.visibilityState === 'hidden',
  onChange(listener) {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

/**
 * Calls `refresh` every `intervalMs` while the page is visible; returns the stop function.
 * Hidden, the timer stops (no call for a page nobody looks at); visible again, `refresh`
 * runs at once when one fell due while hidden, and the timer resumes from there (else it
 * fires when the period that began at the last refresh ends). Timers: the global
 * setTimeout; the clock: `now` (ms).
 */
export function startAutoRefresh(
  intervalMs: number,
  refresh: () => void,
  page: PageVisibility = documentVisibility,
  now: () => number = () => Date.now(),
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = now();
  const tick = () => {
    last = now();
    refresh();
  };
  const start = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(function run() {
      tick();
      timer = setTimeout(run, intervalMs);
    }, delay);
  };
  const onChange = () => {
    if (page.isHidden()) {
      clearTimeout(timer);
      timer = undefined;
      return;
    }
    if (timer !== undefined) return; // visible and running already
    const due = last + intervalMs - now();
    if (due <= 0) tick();
    start(due <= 0 ? intervalMs : due);
  };
  if (!page.isHidden()) start(intervalMs);
  const off = page.onChange(onChange);
  return () => {
    clearTimeout(timer);
    off();
  };
}

/**
 * Refreshes the list (`refreshList`) every `intervalMs` (0: never) while the tab is
 * visible, paused while it is hidden (`startAutoRefresh`), as React Query's
 * `refetchIntervalInBackground: false` would. The hook's own timer is used rather than
 * React Query's `refetchInterval`, so one tick refreshes every query of the list together,
 * and whatever registered with `onAutoRefreshTick` (the open drawer) in the same tick.
 */
export function useAutoRefresh(intervalMs: number): void {
  const queryClient = useQueryClient();
  const onTick = useEffectEvent(() => autoRefreshTick(queryClient));
  useEffect(() => (intervalMs > 0 ? startAutoRefresh(intervalMs, onTick) : undefined), [intervalMs]);
}
