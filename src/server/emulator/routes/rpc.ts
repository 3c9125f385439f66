/**
 * The RPC endpoint ('/', GET and POST): authenticates like Alibaba's gateway, applies the
 * injected faults, refuses a method the operation's metadata does not declare, and
 * answers the catalogue's operations (src/shared/catalogue.ts OPERATIONS).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { performance } from 'node:perf_hooks';
import {
  API_VERSION,
  checkParams,
  isEnglish,
  operation,
  type Action,
  type ProcessTask,
} from '../../../shared/sophonsoar';
import { SCENES } from '../catalog';
import { ERRORS, fail, newRequestId, type ApiFailure } from '../errors';
import { JSON_TYPE, sendError } from '../reply';
import { queryProcessTasks } from '../query-engine';
import { processStatistics, processTaskCounts, querySoarRecords } from '../operations';
import type { ParamPair } from '../signing';
import type { EmulatorState } from '../state';
import { verifyCall } from '../verify';

/** Common RPC parameters (signature, format, region...): not API parameters. */
export const COMMON_PARAMS = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'Signature',
  'RegionId',
  'SecurityToken',
  'ResourceOwnerAccount',
  'ResourceOwnerId',
  'OwnerAccount',
  'OwnerId',
]);

export async function rpcRoutes(app: FastifyInstance, { state }: { state: EmulatorState }): Promise<void> {
  const handler = (request: FastifyRequest, reply: FastifyReply) => handleRpc(state, request, reply);
  app.get('/', handler);
  app.post('/', handler);
}

async function handleRpc(state: EmulatorState, request: FastifyRequest, reply: FastifyReply) {
  const requestId = newRequestId();
  const f = state.faults();
  const rng = state.faultRng;
  await state.sleep(f.latencyMs + (f.jitterMs > 0 ? rng.next() * f.jitterMs : 0));
  if (f.resetRate > 0 && rng.chance(f.resetRate)) {
    reply.hijack();
    request.raw.socket.destroy();
    return;
  }
  const rawUrl = request.raw.url ?? '/';
  const qIndex = rawUrl.indexOf('?');
  const query: ParamPair[] = qIndex < 0 ? [] : [...new URLSearchParams(rawUrl.slice(qIndex + 1))];
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const contentType = String(request.headers['content-type'] ?? '');
  const form: ParamPair[] =
    request.method === 'POST' && /^application\/x-www-form-urlencoded/i.test(contentType)
      ? [...new URLSearchParams(body.toString('utf8'))]
      : [];
  const verified = verifyCall(
    { method: request.method, headers: request.headers, query, form, body },
    {
      secretFor: (id) => (id === state.accessKeyId ? state.accessKeySecret : undefined),
      now: state.now(),
      nonces: state.nonces,
    },
  );
  if ('code' in verified) return sendError(reply, verified, requestId);
  // A throttled answer carries the retry hint only when the fault asks for one.
  const hint: Record<string, string> =
    f.throttleRetryAfterMs > 0 ? { 'x-acs-retry-after': String(f.throttleRetryAfterMs) } : {};
  if (!state.qps.allow(verified.accessKeyId, f.qpsPerKey, performance.now())) {
    return sendError(reply, ERRORS.throttled(), requestId, hint);
  }
  if (f.throttleRate > 0 && rng.chance(f.throttleRate))
    return sendError(reply, ERRORS.throttled(), requestId, hint);
  // API-level flow control: 429 Throttling.Api, always with the retry hint (1 s unless set).
  if (f.throttleApiRate > 0 && rng.chance(f.throttleApiRate))
    return sendError(reply, ERRORS.throttledApi(), requestId, {
      'x-acs-retry-after': String(f.throttleRetryAfterMs > 0 ? f.throttleRetryAfterMs : 1000),
    });
  if (f.ramDenyRate > 0 && rng.chance(f.ramDenyRate))
    return sendError(reply, ERRORS.ramDenied(verified.action, requestId), requestId);
  if (f.errorRate > 0 && rng.chance(f.errorRate)) {
    return sendError(reply, rng.chance(0.5) ? ERRORS.unavailable() : ERRORS.internal(), requestId);
  }
  if (!verified.action) return sendError(reply, ERRORS.missing('Action'), requestId);
  if (!verified.version) return sendError(reply, ERRORS.missing('Version'), requestId);
  if (verified.version !== API_VERSION)
    return sendError(reply, ERRORS.invalidVersion(verified.version), requestId);
  const spec = operation(verified.action);
  if (!spec) return sendError(reply, ERRORS.actionNotFound(), requestId);
  // The metadata's method list (e.g. DescribeEnumItems is GET only). The gateway's answer
  // to another method is UNVERIFIED: its "api is not found, please check your url and
  // method" (404 InvalidAction.NotFound) is the choice; change in errors.ts.
  if (!(spec.methods as readonly string[]).includes(request.method))
    return sendError(reply, ERRORS.methodNotAllowed(verified.action, request.method), requestId);
  const action = verified.action as Action;
  const raw: Record<string, string | string[]> = {};
  for (const [k, v] of verified.params) {
    if (COMMON_PARAMS.has(k)) continue;
    const prev = raw[k];
    raw[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const answer = answerOf(state, action, raw);
  if ('status' in answer) return sendError(reply, answer, requestId);
  return sendBody(state, request, reply, requestId, { RequestId: requestId, ...answer.body });
}

/** The body of a valid call (without RequestId), or the parameter error. */
function answerOf(
  state: EmulatorState,
  action: Action,
  raw: Record<string, string | string[]>,
): { body: Record<string, unknown> } | ApiFailure {
  const tasks = state.index.all();
  switch (action) {
    case 'DescribeProcessTasks': {
      const p = checkParams(action, raw);
      if (!p.ok) return fail(400, p.code, p.message);
      const r = queryProcessTasks(state.index, p.value);
      return {
        body: {
          ProcessTasks: r.tasks,
          Page: { TotalCount: r.totalCount, PageNumber: r.pageNumber, PageSize: r.pageSize },
        },
      };
    }
    case 'DescribeEnumItems': {
      const p = checkParams(action, raw);
      if (!p.ok) return fail(400, p.code, p.message);
      return { body: { Data: enumItems(tasks, p.value.Lang) } };
    }
    case 'DescribeProcessStatistics': {
      const p = checkParams(action, raw);
      if (!p.ok) return fail(400, p.code, p.message);
      return { body: { Metrics: processStatistics(tasks) } };
    }
    case 'DescribeProcessTaskCount': {
      const p = checkParams(action, raw);
      if (!p.ok) return fail(400, p.code, p.message);
      return { body: { Data: processTaskCounts(tasks, p.value) } };
    }
    case 'DescribeSoarRecords': {
      const p = checkParams(action, raw);
      if (!p.ok) return fail(400, p.code, p.message);
      const r = querySoarRecords(tasks, p.value);
      return { body: { Page: r.page, SoarExecuteRecords: r.records } };
    }
  }
}

/** A 200 with `body`, broken or trickled when the current faults say so. */
async function sendBody(
  state: EmulatorState,
  request: FastifyRequest,
  reply: FastifyReply,
  requestId: string,
  body: unknown,
) {
  const f = state.faults();
  let text = JSON.stringify(body);
  if (f.malformedRate > 0 && state.faultRng.chance(f.malformedRate)) {
    // A 200 whose JSON stops half-way, like a proxy cutting a response.
    text = text.slice(0, Math.max(1, Math.floor(text.length / 2))) + '<!-- truncated';
  }
  if (f.trickleMs <= 0) {
    return reply.code(200).header('content-type', JSON_TYPE).header('x-acs-request-id', requestId).send(text);
  }
  reply.hijack();
  const raw = reply.raw;
  const bytes = Buffer.from(text);
  raw.writeHead(200, {
    'content-type': JSON_TYPE,
    'content-length': bytes.length,
    'x-acs-request-id': requestId,
  });
  const chunks = 10;
  const size = Math.ceil(bytes.length / chunks);
  for (let i = 0; i < chunks; i++) {
    if (state.isClosed() || raw.destroyed) return;
    raw.write(bytes.subarray(i * size, (i + 1) * size));
    if (i < chunks - 1) await state.sleep(f.trickleMs / (chunks - 1));
  }
  if (state.isClosed()) {
    request.raw.socket.destroy();
    return;
  }
  raw.end();
}

/** Scene codes present in the data, sorted by code; names in the asked language (zh by default). */
function enumItems(tasks: readonly ProcessTask[], lang: string | undefined) {
  const byCode = new Map<string, string>();
  for (const t of tasks) {
    if (t.SceneCode && !byCode.has(t.SceneCode)) byCode.set(t.SceneCode, t.SceneName ?? t.SceneCode);
  }
  for (const s of SCENES) if (byCode.has(s.code)) byCode.set(s.code, isEnglish(lang) ? s.en : s.zh);
  return [...byCode.keys()].sort().map((Key) => ({ Key, Value: byCode.get(Key)! }));
}
