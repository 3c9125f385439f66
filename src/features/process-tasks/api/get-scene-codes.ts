import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { getLocale } from '../../../lib/i18n';
import { langOf } from '../../../shared/catalogue';
import { describeEnumItemsResponseSchema } from '../../../shared/responses';
import { processTaskKeys } from './query-keys';

/**
 * Scene codes for the SceneCode filter (DescribeEnumItems EnumType=process), named in the
 * analyst's language (`Lang` from the UI locale: `en` now, `zh` once Chinese is chosen).
 */
export function sceneCodesQueryOptions(lang: 'zh' | 'en' = langOf(getLocale())) {
  return queryOptions({
    queryKey: processTaskKeys.sceneCodes(lang),
    queryFn: ({ signal }) =>
      apiGet('DescribeEnumItems', { EnumType: 'process', Lang: lang }, describeEnumItemsResponseSchema, {
        signal,
      }),
    staleTime: 60 * 60_000,
    retry: false,
  });
}
