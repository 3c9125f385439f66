/** Answers in Alibaba's error shape, with the request id header the real gateway sends. */
import type { FastifyReply } from 'fastify';
import { errorBody, newRequestId, type ApiFailure } from './errors';

export const JSON_TYPE = 'application/json;charset=utf-8';

export function sendError(
  reply: FastifyReply,
  f: ApiFailure,
  requestId = newRequestId(),
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .code(f.status)
    .header('content-type', JSON_TYPE)
    .header('x-acs-request-id', requestId)
    .headers(headers)
    .send(JSON.stringify(errorBody(f, requestId)));
}
