import { newError } from '@alicloud/tea-typescript';
import { describe, expect, it } from 'vitest';
import {
  AttemptTimeoutError,
  BadUpstreamBodyError,
  ClientGoneError,
  classifyUpstreamError,
  failureReply,
  isRetryable,
  RETRY_AFTER_MS,
  retryAfterMsFromHeaders,
  ACS_RETRY_AFTER,
} from './errors';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

/** The error the official client throws for a 4xx/5xx answer (same constructor it uses). */
function upstreamError(status: number, Code: string, Message = 'm', RequestId = 'UP-1') {
  return newError({
    code: Code,
    message: `code: ${status}, ${Message} request id: ${RequestId}`,
    data: { Code, Message, RequestId, statusCode: status },
  });
}

const netError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('upstream failures', () => {
  it.each([
    // Throttling is passed back to the browser, never retried by the proxy (retry.ts).
    ['throttled (400)', upstreamError(400, 'Throttling.User'), 429, 'Throttling.User', false, 'UP-1'],
    ['throttled (503)', upstreamError(503, 'Throttling'), 429, 'Throttling', false, 'UP-1'],
    ['throttled (429)', upstreamError(429, 'TooManyRequests'), 429, 'TooManyRequests', false, 'UP-1'],
    ['API throttled', upstreamError(400, 'Throttling.Api'), 429, 'Throttling.Api', false, 'UP-1'],
    // An x-acs-retry-after header means throttling whatever the status and code (SDK core).
    [
      'x-acs-retry-after on a 503',
      Object.assign(upstreamError(503, 'ServiceUnavailable'), { [ACS_RETRY_AFTER]: true }),
      429,
      'ServiceUnavailable',
      false,
      'UP-1',
    ],
    [
      'service unavailable',
      upstreamError(503, 'ServiceUnavailable'),
      503,
      'ServiceUnavailable',
      true,
      'UP-1',
    ],
    ['internal error', upstreamError(500, 'InternalError'), 502, 'InternalError', true, 'UP-1'],
    ['bad parameter', upstreamError(400, 'InvalidParameter'), 400, 'InvalidParameter', false, 'UP-1'],
    // The console's account is at fault: 502 with the upstream Code, never a 403/404 that
    // would read as the console's own answer.
    ['RAM denied', upstreamError(403, 'Forbidden.RAM'), 502, 'Forbidden.RAM', false, 'UP-1'],
    ['RAM denied (NoPermission)', upstreamError(403, 'NoPermission'), 502, 'NoPermission', false, 'UP-1'],
    [
      'unknown key',
      upstreamError(404, 'InvalidAccessKeyId.NotFound'),
      502,
      'InvalidAccessKeyId.NotFound',
      false,
      'UP-1',
    ],
    [
      'disabled key',
      upstreamError(400, 'InvalidAccessKeyId.Inactive'),
      502,
      'InvalidAccessKeyId.Inactive',
      false,
      'UP-1',
    ],
    [
      'wrong secret',
      upstreamError(400, 'SignatureDoesNotMatch'),
      502,
      'SignatureDoesNotMatch',
      false,
      'UP-1',
    ],
    [
      'malformed signature',
      upstreamError(400, 'IncompleteSignature'),
      502,
      'IncompleteSignature',
      false,
      'UP-1',
    ],
    [
      'expired STS token',
      upstreamError(400, 'InvalidSecurityToken.Expired'),
      502,
      'InvalidSecurityToken.Expired',
      false,
      'UP-1',
    ],
    [
      'clock skew',
      upstreamError(400, 'InvalidTimeStamp.Expired'),
      502,
      'InvalidTimeStamp.Expired',
      false,
      'UP-1',
    ],
    [
      'look-alike code is not a fault of the account',
      upstreamError(400, 'NoPermissionsFoo'),
      400,
      'NoPermissionsFoo',
      false,
      'UP-1',
    ],
    ['refused', netError('ECONNREFUSED'), 502, 'UpstreamUnavailable', true, 'OURS'],
    ['reset', netError('ECONNRESET'), 502, 'UpstreamUnavailable', true, 'OURS'],
    ['hang up', new Error('socket hang up'), 502, 'UpstreamUnavailable', true, 'OURS'],
    ['our timer', new AttemptTimeoutError('t'), 504, 'UpstreamTimeout', true, 'OURS'],
    [
      'httpx timer',
      Object.assign(new Error('ReadTimeout'), { name: 'RequestTimeoutError' }),
      504,
      'UpstreamTimeout',
      true,
      'OURS',
    ],
    [
      'broken JSON',
      new SyntaxError('Unexpected end of JSON input'),
      502,
      'UpstreamBadResponse',
      true,
      'OURS',
    ],
    ['not an object', new BadUpstreamBodyError('array'), 502, 'UpstreamBadResponse', true, 'OURS'],
    ['client gone', new ClientGoneError('bye'), 499, 'ClientClosedRequest', false, 'OURS'],
    ['a bug', new TypeError('x is undefined'), 500, 'InternalError', false, 'OURS'],
  ])('%s → %i %s', (_name, err, status, code, retryable, requestId) => {
    const f = classifyUpstreamError(err);
    expect(isRetryable(f)).toBe(retryable);
    const reply = failureReply(f, 'OURS');
    expect(reply.status).toBe(status);
    expect(reply.body.Code).toBe(code);
    expect(reply.body.RequestId).toBe(requestId);
    if (status === 429) expect(reply.headers['retry-after']).toMatch(/^\d+$/);
  });

  it.each<[string, Record<string, string | string[] | undefined>, number | undefined]>([
    ['nothing', {}, undefined],
    ['x-acs-retry-after in ms', { 'x-acs-retry-after': '1500' }, 1500],
    ['x-acs-retry-after before Retry-After', { 'x-acs-retry-after': '800', 'retry-after': '9' }, 800],
    ['Retry-After in seconds', { 'retry-after': '3' }, 3000],
    ['Retry-After as an HTTP date', { 'retry-after': new Date(NOW + 4000).toUTCString() }, 4000],
    ['Retry-After in the past', { 'retry-after': new Date(NOW - 4000).toUTCString() }, undefined],
    ['zero', { 'x-acs-retry-after': '0', 'retry-after': '0' }, undefined],
    ['negative', { 'x-acs-retry-after': '-5' }, undefined],
    ['not a number', { 'x-acs-retry-after': 'soon', 'retry-after': 'later' }, undefined],
    ['a fraction', { 'retry-after': '1.5' }, undefined],
    ['repeated', { 'retry-after': ['2', '5'] }, 2000],
  ])('the upstream hint from %s → %s ms', (_name, headers, ms) => {
    expect(retryAfterMsFromHeaders(headers, NOW)).toBe(ms);
  });

  it.each([
    [undefined, '1'],
    [1, '1'],
    [1000, '1'],
    [1001, '2'],
    [4500, '5'],
    [3_600_000, '60'],
  ])('a throttled answer with hint %s ms tells the browser Retry-After: %s', (retryAfterMs, header) => {
    const err = Object.assign(upstreamError(400, 'Throttling.User'), {
      ...(retryAfterMs !== undefined ? { [RETRY_AFTER_MS]: retryAfterMs } : {}),
    });
    const reply = failureReply(classifyUpstreamError(err), 'OURS');
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe(header);
  });

  it('keeps the upstream message but never internal details', () => {
    const up = failureReply(
      classifyUpstreamError(upstreamError(400, 'InvalidParameter', 'PageSize bad')),
      'R',
    );
    expect(up.body.Message).toBe('PageSize bad');
    const bug = failureReply(classifyUpstreamError(new TypeError('secret internals')), 'R');
    expect(bug.body.Message).not.toMatch(/secret internals/);
  });
});
