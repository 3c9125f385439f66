import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-client';
import { createQueryClient, LIST_MAX_RETRY_AFTER_MS, listRetryDelay } from './query-client';

const now = Date.UTC(2026, 10, 29, 12, 0, 0);
const err = (status: number, code: string, retryAfter?: string) =>
  new ApiRequestError(code, 'm', status, 'RID', retryAfter);

describe('listRetryDelay: who retries what, on the list side', () => {
  it.each([
    ['network failure, first', 0, err(0, 'NetworkError'), 1000],
    ['network failure, after one retry', 1, err(0, 'NetworkError'), undefined],
    ['429 with Retry-After 1 s', 0, err(429, 'Throttling.User', '1'), 1000],
    [
      '429 with Retry-After as an HTTP date 2 s away',
      0,
      err(429, 'Throttling.Api', 'Sun, 29 Nov 2026 12:00:02 GMT'),
      2000,
    ],
    [
      '429 with Retry-After at the limit',
      0,
      err(429, 'Throttling', String(LIST_MAX_RETRY_AFTER_MS / 1000)),
      5000,
    ],
    ['429 a second time', 1, err(429, 'Throttling.User', '1'), undefined],
    ['429 without Retry-After (never blindly)', 0, err(429, 'Throttling.User'), undefined],
    ['429 with an unreadable Retry-After', 0, err(429, 'Throttling.User', 'soon'), undefined],
    ['429 asking for longer than the list waits', 0, err(429, 'Throttling.User', '6'), undefined],
    ['400 Throttling.User with Retry-After', 0, err(400, 'Throttling.User', '1'), 1000],
    ['400 InvalidParameter', 0, err(400, 'InvalidParameter'), undefined],
    ['403 Forbidden.RAM', 0, err(403, 'Forbidden.RAM'), undefined],
    ['404 TaskNotFound', 0, err(404, 'TaskNotFound'), undefined],
    ['500 InternalError (the proxy retried)', 0, err(500, 'InternalError'), undefined],
    ['502 UpstreamUnavailable (the proxy retried)', 0, err(502, 'UpstreamUnavailable'), undefined],
    ['503 ServiceUnavailable with Retry-After', 0, err(503, 'ServiceUnavailable', '1'), undefined],
    ['504 UpstreamTimeout', 0, err(504, 'UpstreamTimeout'), undefined],
    ['200 MalformedResponse', 0, err(200, 'MalformedResponse'), undefined],
    ['not an API error', 0, new TypeError('x is undefined'), undefined],
  ])('%s → %j', (_name, failureCount, error, delay) => {
    expect(listRetryDelay(failureCount, error, now, () => 0)).toBe(delay);
  });

  it('adds at most 250 ms of jitter after Retry-After, never less than asked', () => {
    expect(listRetryDelay(0, err(429, 'Throttling.User', '1'), now, () => 0.999)).toBe(1250);
    expect(listRetryDelay(0, err(429, 'Throttling.User', '0'), now, () => 0.5)).toBe(125);
  });
});

describe('createQueryClient', () => {
  it.each([
    ['400', err(400, 'InvalidParameter'), 1],
    ['502', err(502, 'UpstreamUnavailable'), 1],
    ['429 without Retry-After', err(429, 'Throttling.User'), 1],
    ['429 with Retry-After: 0', err(429, 'Throttling.User', '0'), 2],
  ])('a query failing with %s is tried %i time(s)', async (_name, error, calls) => {
    const client = createQueryClient();
    let n = 0;
    await expect(
      client.fetchQuery({
        queryKey: ['t'],
        queryFn: () => {
          n++;
          return Promise.reject(error);
        },
      }),
    ).rejects.toBe(error);
    expect(n).toBe(calls);
    client.clear();
  });
});
