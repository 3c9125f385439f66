/**
 * Fetchers for the triage screens that come next (no UI yet): the account's headline
 * counts, tasks per entity and the playbook run behind a task. Each answer is read as
 * leniently as the SDK models (shared/responses.ts); `Lang` follows the UI locale.
 */
import { queryOptions } from '@tanstack/react-query';
import { apiGet, type ApiCallOptions } from '../../../lib/api-client';
import { getLocale } from '../../../lib/i18n';
import { PAGE_SIZE_DEFAULT, langOf } from '../../../shared/catalogue';
import {
  describeProcessStatisticsResponseSchema,
  describeProcessTaskCountResponseSchema,
  describeSoarRecordsResponseSchema,
  type DescribeProcessStatisticsResponse,
  type DescribeProcessTaskCountResponse,
  type DescribeSoarRecordsResponse,
} from '../../../shared/responses';
import { processTaskKeys } from './query-keys';

/** DescribeProcessStatistics: `Metrics` {TaskNum, BanIpNum, BanFileNum, BanProcessNum}. */
export function getProcessStatistics(
  lang: 'zh' | 'en',
  options?: ApiCallOptions,
): Promise<DescribeProcessStatisticsResponse> {
  return apiGet(
    'DescribeProcessStatistics',
    { Lang: lang },
    describeProcessStatisticsResponseSchema,
    options,
  );
}

export function processStatisticsQueryOptions(lang: 'zh' | 'en' = langOf(getLocale())) {
  return queryOptions({
    queryKey: processTaskKeys.statistics(lang),
    queryFn: ({ signal }) => getProcessStatistics(lang, { signal }),
  });
}

/**
 * DescribeProcessTaskCount for entity UUIDs (at most ENTITY_UUID_LIST_MAX), sent in the
 * RepeatList form `EntityUuidList.1=…&EntityUuidList.2=…`: `Data` [{EntityUuid, Count}].
 */
export function getProcessTaskCounts(
  entityUuids: readonly string[],
  lang: 'zh' | 'en',
  options?: ApiCallOptions,
): Promise<DescribeProcessTaskCountResponse> {
  const params: Record<string, string> = { Lang: lang };
  entityUuids.forEach((uuid, i) => (params[`EntityUuidList.${i + 1}`] = uuid));
  return apiGet('DescribeProcessTaskCount', params, describeProcessTaskCountResponseSchema, options);
}

export function processTaskCountsQueryOptions(
  entityUuids: readonly string[],
  lang: 'zh' | 'en' = langOf(getLocale()),
  priority?: 'background',
) {
  // The priority only orders the server's queue; the answer is the same, so is the key.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [...processTaskKeys.taskCounts(entityUuids), lang],
    queryFn: ({ signal }) =>
      getProcessTaskCounts(entityUuids, lang, { signal, ...(priority && { priority }) }),
    enabled: entityUuids.length > 0,
  });
}

/**
 * DescribeSoarRecords: playbook runs. `query` holds its filters in wire form (e.g.
 * `{RequestUuid: task.ReqUuid}` for the run behind a task); PageNumber and PageSize are
 * always sent (default 1 and PAGE_SIZE_DEFAULT).
 */
export function getSoarRecords(
  query: Readonly<Record<string, string>>,
  lang: 'zh' | 'en',
  options?: ApiCallOptions,
): Promise<DescribeSoarRecordsResponse> {
  return apiGet(
    'DescribeSoarRecords',
    { PageNumber: '1', PageSize: String(PAGE_SIZE_DEFAULT), ...query, Lang: lang },
    describeSoarRecordsResponseSchema,
    options,
  );
}

export function soarRecordsQueryOptions(
  query: Readonly<Record<string, string>>,
  lang: 'zh' | 'en' = langOf(getLocale()),
  priority?: 'background',
) {
  // The priority only orders the server's queue; the answer is the same, so is the key.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: processTaskKeys.soarRecords({ ...query, Lang: lang }),
    queryFn: ({ signal }) => getSoarRecords(query, lang, { signal, ...(priority && { priority }) }),
  });
}
