/**
 * The first screen's requests, started by the entry chunk (src/main.tsx) while the rest
 * of the app is still downloading and booting: the page of the list the URL describes,
 * and `/api/config`. The query comes from the same codec the list uses (`parseLocation`
 * → `toWireQuery`), so the app hands these promises to React Query under the list's own
 * key (app/early-handoff.ts) and no page is asked for twice.
 *
 * This module's import graph must stay small and zod-free (catalogue-driven model code
 * only): it is part of the entry chunk.
 */
import { parseLocation } from '../features/process-tasks/model/url-state';
import type { TaskListView } from '../features/process-tasks/model/url-state';
import { toWireQuery } from '../features/process-tasks/model/wire-query';
import { API_REQUEST_HEADERS, apiUrl } from '../lib/api-url';
import type { DescribeProcessTasksQuery } from '../shared/sophonsoar';

/** performance.mark names (the e2e suite and the benchmark read them). */
export const EARLY_REQUESTS_MARK = 'rtc:early-requests';

/** One request in flight, to be taken over once by a fetch for the same URL. */
export interface EarlyRequest {
  url: string;
  /** A fetch function: the first call for `url` gets the early response, any other call a new fetch. */
  fetch: typeof fetch;
}

export interface EarlyRequests {
  /** The list view the URL describes, as the list's query key holds it. */
  view: TaskListView;
  /** The wire query sent (relative times resolved at `resolvedAt`, ms). */
  query: DescribeProcessTasksQuery;
  resolvedAt: number;
  list: EarlyRequest;
  config: EarlyRequest;
}

function startRequest(url: string): EarlyRequest {
  const controller = new AbortController();
  let pending: Promise<Response> | undefined = globalThis.fetch(url, {
    headers: API_REQUEST_HEADERS,
    signal: controller.signal,
  });
  // Unhandled until taken over; a failure is seen (and reported) by the taker.
  pending.catch(() => undefined);
  return {
    url,
    fetch: (input, init) => {
      if (pending === undefined || String(input) !== url) return globalThis.fetch(input, init);
      const response = pending;
      pending = undefined;
      const signal = init?.signal;
      if (signal) {
        if (signal.aborted) controller.abort(signal.reason);
        else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
      }
      return response;
    },
  };
}

let started: EarlyRequests | undefined;

/** Starts the first page's and the config's requests for the current location (once). */
export function startEarlyRequests(): EarlyRequests {
  if (started) return started;
  performance.mark(EARLY_REQUESTS_MARK);
  const { state } = parseLocation(window.location.pathname, window.location.search);
  const resolvedAt = Date.now();
  const query = toWireQuery(state.view, resolvedAt);
  started = {
    view: state.view,
    query,
    resolvedAt,
    list: startRequest(apiUrl('DescribeProcessTasks', query)),
    config: startRequest(apiUrl('config', {})),
  };
  return started;
}

/** The early requests, handed over once (undefined afterwards, or if none were started). */
export function takeEarlyRequests(): EarlyRequests | undefined {
  const r = started;
  started = undefined;
  return r;
}
