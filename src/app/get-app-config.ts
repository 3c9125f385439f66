import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../lib/api-client';
import { appConfigSchema } from '../shared/responses';

export const appConfigQueryOptions = () =>
  queryOptions({
    queryKey: ['app-config'] as const,
    queryFn: ({ signal }) => apiGet('config', {}, appConfigSchema, { signal }),
    staleTime: Infinity,
  });
