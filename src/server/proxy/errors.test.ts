import { newError } from '@alicloud/tea-typescript';
import { describe, expect, it } from 'vitest';
import {
  AttemptTimeoutError,
  BadUpstreamBodyError,
  ClientGoneError,
  classifyUpstreamError,
  failureReply,
  isRetryable,
} from './errors';

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
    ['throttled (400)', upstreamError(400, 'Throttling.User'), 429, 'Throttling.User', true, 'UP-1'],
    ['throttled (503)', upstreamError(503, 'Throttling'), 429, 'Throttling', true, 'UP-1'],
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
