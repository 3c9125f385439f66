import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { describeEnumItemsResponseSchema } from '../../../shared/responses';
import { processTaskKeys } from './query-keys';

/** Scene codes for the SceneCode filter (DescribeEnumItems EnumType=process). */
export function sceneCodesQueryOptions() {
  return queryOptions({
    queryKey: processTaskKeys.sceneCodes(),
    queryFn: ({ signal }) =>
      apiGet('DescribeEnumItems', { EnumType: 'process', Lang: 'en' }, describeEnumItemsResponseSchema, {
        signal,
      }),
    staleTime: 60 * 60_000,
    retry: false,
  });
}
