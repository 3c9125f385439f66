/**
 * The browser URL as the single source of truth for the list view and the open task.
 * A tiny external store over `history` (no router needed for two routes).
 *
 * The history rule, written once here:
 * - push: every change the analyst makes: a pick, a settled search, clear-all, a page,
 *   the page size, the sort, opening or closing a task. Text boxes commit only once the
 *   typing has settled (after the debounce, on Enter or on blur), so keystrokes never
 *   reach the URL and each settled search is one entry Back returns from.
 * - replace: the app's own corrections of a URL it was given: a link with unknown,
 *   malformed or padded parts rewritten to its clean form, a page past the end moved to
 *   the last page. Back never lands on a URL the app already refused. What was changed
 *   is kept as notices for the UI to show until dismissed.
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

/** Notices of a correction made by `correctUrl`, shown with the next snapshot. */
let correctionNotices: UrlNotice[] = [];

function read(): TaskUrlSnapshot {
  const href = currentHref();
  if (snapshot && href === snapshotHref) return snapshot;
  const parsed = parseLocation(window.location.pathname, window.location.search);
  const { state } = parsed;
  const pathNotice = undecodablePathNotice(window.location.pathname);
  const notices: TaskUrlNotice[] = [
    ...(pathNotice ? [pathNotice] : []),
    ...parsed.notices,
    ...correctionNotices,
  ];
  correctionNotices = [];
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

/** A change the analyst made: a new history entry (see the rule above). */
export function navigateTo(state: TaskUrlState): void {
  const href = buildHref(state);
  if (href === currentHref()) return;
  window.history.pushState(null, '', href);
  emit();
}

/** The app's correction of the current URL: replaces the entry and shows `notice`. */
export function correctUrl(state: TaskUrlState, notice: UrlNotice): void {
  const href = buildHref(state);
  if (href === currentHref()) return;
  correctionNotices.push(notice);
  window.history.replaceState(window.history.state, '', href + window.location.hash);
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
