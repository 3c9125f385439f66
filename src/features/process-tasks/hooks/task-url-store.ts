/**
 * The browser URL as the single source of truth for the list view and the open task.
 * A tiny external store over `history` (no router needed for two routes). A URL with
 * unknown or malformed parts is rewritten to its clean form at once (replace), and what
 * was dropped is kept as notices for the UI to show until dismissed.
 */
import { useSyncExternalStore } from 'react';
import { buildHref, parseLocation, type TaskUrlState, type UrlNotice } from '../model/url-state';

export interface TaskUrlSnapshot {
  state: TaskUrlState;
  notices: readonly UrlNotice[];
}

const listeners = new Set<() => void>();
let snapshot: TaskUrlSnapshot | undefined;
let snapshotHref = '';

function currentHref(): string {
  return window.location.pathname + window.location.search;
}

function read(): TaskUrlSnapshot {
  const href = currentHref();
  if (snapshot && href === snapshotHref) return snapshot;
  const { state, notices } = parseLocation(window.location.pathname, window.location.search);
  const clean = buildHref(state);
  if (clean !== href) {
    window.history.replaceState(window.history.state, '', clean + window.location.hash);
  }
  snapshot = { state, notices: notices.length > 0 ? notices : (snapshot?.notices ?? []) };
  snapshotHref = currentHref();
  return snapshot;
}

function emit() {
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', emit);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', emit);
  };
}

/** push for deliberate steps (page, sort, open a task); replace while typing. */
export function navigateTo(state: TaskUrlState, { replace = false }: { replace?: boolean } = {}): void {
  const href = buildHref(state);
  if (href === currentHref()) return;
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  emit();
}

export function dismissUrlNotices(): void {
  if (!snapshot) return;
  snapshot = { ...snapshot, notices: [] };
  emit();
}

/** Absolute link for a state, for "Copy link" and the export. */
export function absoluteHref(state: TaskUrlState): string {
  return new URL(buildHref(state), window.location.origin).toString();
}

export function useTaskUrl(): TaskUrlSnapshot {
  return useSyncExternalStore(subscribe, read);
}

/** The state right now (for actions fired from stale closures, e.g. a debounced commit). */
export function currentTaskUrlState(): TaskUrlState {
  return read().state;
}
