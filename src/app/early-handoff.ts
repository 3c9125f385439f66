import type { QueryClient } from '@tanstack/react-query';
import { getProcessTasks, processTasksQueryOptions } from '../features/process-tasks/api/get-process-tasks';
import { apiGet } from '../lib/api-client';
import { appConfigSchema } from '../shared/responses';
import { takeEarlyRequests } from './early-requests';
import { appConfigQueryOptions } from './get-app-config';

/**
 * Hands the requests the entry chunk started (app/early-requests.ts) to React Query: the
 * list's first page and the config are put in the cache under the keys the screen uses,
 * fetched by the early responses, so the screen's queries find them in flight and ask
 * for nothing again. Validation and errors are the normal path's (`getProcessTasks`,
 * `apiGet`); a retry makes a fresh request. Returns a promise that resolves (never
 * rejects) once the list's page is in the cache or has failed; at once when no early
 * request was started.
 */
export function handOverEarlyRequests(queryClient: QueryClient): Promise<void> {
  const early = takeEarlyRequests();
  if (!early) return Promise.resolve();
  const listSettled = queryClient.prefetchQuery({
    ...processTasksQueryOptions(early.view),
    queryFn: ({ signal }) => getProcessTasks(early.query, signal, early.list.fetch),
  });
  void queryClient.prefetchQuery({
    ...appConfigQueryOptions(),
    queryFn: ({ signal }) => apiGet('config', {}, appConfigSchema, { signal, fetch: early.config.fetch }),
  });
  return listSettled;
}
