import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  autoRefreshTick,
  onAutoRefreshTick,
  refreshOpenPanels,
  startAutoRefresh,
  type PageVisibility,
} from '../hooks/use-auto-refresh';
import { refreshInPlace } from './background-refresh';

const hiddenPage = (hidden: boolean): PageVisibility => ({
  isHidden: () => hidden,
  onChange: () => () => undefined,
});

afterEach(() => vi.useRealTimers());

describe('the open drawer follows auto-refresh ticks', () => {
  it('a registered panel is refreshed in the tick that refreshes the list, and not after it leaves', () => {
    const client = new QueryClient();
    const drawer = vi.fn();
    const off = onAutoRefreshTick(drawer);
    autoRefreshTick(client);
    expect(drawer).toHaveBeenCalledTimes(1);
    off();
    autoRefreshTick(client);
    expect(drawer).toHaveBeenCalledTimes(1);
  });

  it('a tick asks the panels for priority background; the Refresh button (refreshOpenPanels) for none, once per call', () => {
    const client = new QueryClient();
    const drawer = vi.fn();
    const off = onAutoRefreshTick(drawer);
    autoRefreshTick(client);
    expect(drawer).toHaveBeenLastCalledWith('background');
    refreshOpenPanels(undefined);
    expect(drawer).toHaveBeenCalledTimes(2);
    expect(drawer).toHaveBeenLastCalledWith(undefined);
    off();
  });

  it('no tick while the tab is hidden: the drawer is not refreshed either', () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const drawer = vi.fn();
    const off = onAutoRefreshTick(drawer);
    const stopHidden = startAutoRefresh(15_000, () => autoRefreshTick(client), hiddenPage(true));
    vi.advanceTimersByTime(60_000);
    expect(drawer).not.toHaveBeenCalled();
    stopHidden();
    const stop = startAutoRefresh(15_000, () => autoRefreshTick(client), hiddenPage(false));
    vi.advanceTimersByTime(30_000);
    expect(drawer).toHaveBeenCalledTimes(2);
    stop();
    off();
  });
});

describe('refreshInPlace', () => {
  const key = ['process-tasks', 'detail', 't-1'] as const;

  it('fetches with the options given (the background queryFn) and updates the cache under the same key', async () => {
    const client = new QueryClient();
    client.setQueryData(key, { TaskStatus: 11 });
    const background = vi.fn(async () => ({ TaskStatus: 21 }));
    refreshInPlace(client, { queryKey: key, queryFn: background });
    await vi.waitFor(() => expect(client.getQueryData(key)).toEqual({ TaskStatus: 21 }));
    expect(background).toHaveBeenCalledTimes(1);
  });

  it('leaves a fetch in flight alone (no second request)', async () => {
    const client = new QueryClient();
    let resolve!: (v: { TaskStatus: number }) => void;
    const first = vi.fn(() => new Promise<{ TaskStatus: number }>((r) => (resolve = r)));
    void client.fetchQuery({ queryKey: key, queryFn: first });
    const second = vi.fn(async () => ({ TaskStatus: 99 }));
    refreshInPlace(client, { queryKey: key, queryFn: second });
    expect(second).not.toHaveBeenCalled();
    resolve({ TaskStatus: 23 });
    await vi.waitFor(() => expect(client.getQueryData(key)).toEqual({ TaskStatus: 23 }));
  });

  it('a failure keeps the last data and throws nothing; a disabled query is not fetched', async () => {
    const client = new QueryClient();
    client.setQueryData(key, { TaskStatus: 11 });
    const failing = vi.fn(async () => {
      throw new Error('Throttling');
    });
    refreshInPlace(client, { queryKey: key, queryFn: failing });
    await vi.waitFor(() => expect(client.getQueryState(key)?.status).toBe('error'));
    expect(client.getQueryData(key)).toEqual({ TaskStatus: 11 });
    expect(failing).toHaveBeenCalledTimes(1); // no retry behind the analyst's back
    const disabled = vi.fn(async () => ({}));
    refreshInPlace(client, { queryKey: ['x'], queryFn: disabled, enabled: false });
    expect(disabled).not.toHaveBeenCalled();
  });
});
