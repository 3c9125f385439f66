/**
 * The browser URL as the single source of truth for the list view and the open task.
 * A tiny external store over `history` (no router needed for two routes). A URL with
 * unknown or malformed parts is rewritten to its clean form at once (replace), and what
 * was dropped is kept as notices for the UI to show until dismissed.
 */
import { useSyncExternalStore } from 'react';
import { buildHref, parseLocation, type TaskUrlState, type UrlNotice } from '../model/url-state';

/**
 * A notice about the link: a part of the query that was dropped (url-state), or a path the
 * browser kept but that cannot be percent-decoded (`/tasks/100%`), which opens the list.
 */
export type TaskUrlNotice = UrlNotice | { param: 'path'; value: string; reason: 'undecodablePath' };

export interface TaskUrlSnapshot {
  state: TaskUrlState;
  notices: readonly TaskUrlNotice[];
}

const listeners = new Set<() => void>();
let snapshot: TaskUrlSnapshot | undefined;
let snapshotHref = '';

function currentHref(): string {
  return window.location.pathname + window.location.search;
}

/** The notice for a path that is not valid percent-encoded UTF-8; undefined for a good one. */
export function undecodablePathNotice(pathname: string): TaskUrlNotice | undefined {
  // The decoded value is used, so a minifier cannot drop the call as side-effect free.
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = undefined;
  }
  if (decoded !== undefined) return undefined;
  const shown = pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname;
  return { param: 'path', value: shown, reason: 'undecodablePath' };
}

function read(): TaskUrlSnapshot {
  const href = currentHref();
  if (snapshot && href === snapshotHref) return snapshot;
  const parsed = parseLocation(window.location.pathname, window.location.search);
  const state = parsed.state;
  const pathNotice = undecodablePathNotice(window.location.pathname);
  const notices: TaskUrlNotice[] = pathNotice ? [pathNotice, ...parsed.notices] : parsed.notices;
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
