/**
 * The emulator's HTTP side: one RPC endpoint ('/', GET and POST) that authenticates like
 * Alibaba's gateway, applies the injected faults and answers DescribeProcessTasks and
 * DescribeEnumItems; plus loopback-only admin routes.
 */
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { API_VERSION, ACTIONS, checkParams, type Action, type ProcessTask } from '../../shared/sophonsoar';
import type { ParamPair } from '../signing';
import { SCENES } from './catalog';
import { generateDataset } from './dataset';
import { ERRORS, errorBody, fail, newRequestId, type ApiFailure } from './errors';
import { NO_FAULTS, QpsLimiter, faultsPatchSchema, mergeFaults, type Faults } from './faults';
import { liveTick } from './live';
import { NonceStore } from './nonce-store';
import { DEFAULTS, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, type EmulatorOptions } from './options';
import { createRng, deriveSeed } from './prng';
import { TaskIndex, queryProcessTasks } from './query-engine';
import { DATE_WINDOW_MS, verifyCall } from './verify';

export interface RunningEmulator {
  url: string;
  endpoint: string;
  port: number;
  accessKeyId: string;
  accessKeySecret: string;
  faults(): Faults;
  setFaults(f: Partial<Faults>): void;
  setLive(on: boolean): void;
  store: { all(): readonly ProcessTask[] };
  close(): Promise<void>;
}

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

export const isLoopback = (addr: string | undefined) =>
  addr !== undefined && (addr === '::1' || /^(::ffff:)?127\./.test(addr));

const JSON_TYPE = 'application/json;charset=utf-8';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = opts.now ?? Date.now;
  const host = opts.host ?? DEFAULTS.host;
  const accessKeyId = opts.accessKeyId ?? DEMO_ACCESS_KEY_ID;
  const accessKeySecret = opts.accessKeySecret ?? DEMO_ACCESS_KEY_SECRET;
  const seed = opts.seed ?? DEFAULTS.seed;
  const liveIntervalMs = opts.liveIntervalMs ?? DEFAULTS.liveIntervalMs;
  let faults = mergeFaults(NO_FAULTS, opts.faults ?? {});

  const { tasks, factory } = generateDataset(seed, opts.tasks ?? DEFAULTS.tasks, now());
  const index = new TaskIndex(tasks);
  const liveRng = createRng(deriveSeed(seed, 'live'));
  const faultRng = createRng(deriveSeed(seed, 'faults'));
  const nonces = new NonceStore(DATE_WINDOW_MS);
  const qps = new QpsLimiter();

  // Everything that could keep the process or a request alive after close().
  const timers = new Set<NodeJS.Timeout>();
  const pendingSleeps = new Set<() => void>();
  let closed = false;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || closed) return resolve();
      const done = () => {
        clearTimeout(timer);
        timers.delete(timer);
        pendingSleeps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timers.add(timer);
      pendingSleeps.add(done);
    });

  let liveTimer: NodeJS.Timeout | undefined;
  const setLive = (on: boolean) => {
    if (liveTimer) clearInterval(liveTimer);
    liveTimer = undefined;
    if (on && !closed) {
      liveTimer = setInterval(() => liveTick(index, factory, liveRng, now()), liveIntervalMs);
      liveTimer.unref();
    }
  };

  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
    // An access-log line per call would double the embedding server's own logs.
    logController: new LogController({ disableRequestLogging: true }),
    // Errors Fastify raises before routing (a malformed URL...) in Alibaba's shape too.
    frameworkErrors: (error, _req, reply) => {
      const f = fail(400, 'InvalidParameter', `The request is not valid: ${error.message}`);
      void (reply as unknown as FastifyReply)
        .code(400)
        .header('content-type', JSON_TYPE)
        .send(JSON.stringify(errorBody(f)));
    },
  });
  // Keep the raw bytes of every body: the V3 signature covers their SHA-256.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const sendError = (reply: FastifyReply, f: ApiFailure, requestId = newRequestId()) =>
    reply
      .code(f.status)
      .header('content-type', JSON_TYPE)
      .header('x-acs-request-id', requestId)
      .send(JSON.stringify(errorBody(f, requestId)));

  app.setNotFoundHandler((_req, reply) => sendError(reply, ERRORS.actionNotFound()));
  app.setErrorHandler((err: { statusCode?: number; message?: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const f =
      status === 500 ? ERRORS.internal() : fail(status, 'InvalidParameter', err.message ?? 'Bad request.');
    return sendError(reply, f);
  });

  const sendBody = async (request: FastifyRequest, reply: FastifyReply, requestId: string, body: unknown) => {
    const f = faults;
    let text = JSON.stringify(body);
    if (f.malformedRate > 0 && faultRng.chance(f.malformedRate)) {
      // A 200 whose JSON stops half-way, like a proxy cutting a response.
      text = text.slice(0, Math.max(1, Math.floor(text.length / 2))) + '<!-- truncated';
    }
    if (f.trickleMs <= 0) {
      return reply
        .code(200)
        .header('content-type', JSON_TYPE)
        .header('x-acs-request-id', requestId)
        .send(text);
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
      if (closed || raw.destroyed) return;
      raw.write(bytes.subarray(i * size, (i + 1) * size));
      if (i < chunks - 1) await sleep(f.trickleMs / (chunks - 1));
    }
    if (closed) {
      request.raw.socket.destroy();
      return;
    }
    raw.end();
  };

  const handleRpc = async (request: FastifyRequest, reply: FastifyReply) => {
    const requestId = newRequestId();
    const f = faults;
    await sleep(f.latencyMs + (f.jitterMs > 0 ? faultRng.next() * f.jitterMs : 0));
    if (f.resetRate > 0 && faultRng.chance(f.resetRate)) {
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
      { secretFor: (id) => (id === accessKeyId ? accessKeySecret : undefined), now: now(), nonces },
    );
    if ('code' in verified) return sendError(reply, verified, requestId);
    if (!qps.allow(verified.accessKeyId, f.qpsPerKey, performance.now())) {
      return sendError(reply, ERRORS.throttled(), requestId);
    }
    if (f.throttleRate > 0 && faultRng.chance(f.throttleRate))
      return sendError(reply, ERRORS.throttled(), requestId);
    if (f.ramDenyRate > 0 && faultRng.chance(f.ramDenyRate))
      return sendError(reply, ERRORS.ramDenied(verified.action, requestId), requestId);
    if (f.errorRate > 0 && faultRng.chance(f.errorRate)) {
      return sendError(reply, faultRng.chance(0.5) ? ERRORS.unavailable() : ERRORS.internal(), requestId);
    }
    if (!verified.action) return sendError(reply, ERRORS.missing('Action'), requestId);
    if (!verified.version) return sendError(reply, ERRORS.missing('Version'), requestId);
    if (verified.version !== API_VERSION)
      return sendError(reply, ERRORS.invalidVersion(verified.version), requestId);
    if (!(ACTIONS as readonly string[]).includes(verified.action)) {
      return sendError(reply, ERRORS.actionNotFound(), requestId);
    }
    const action = verified.action as Action;
    const raw: Record<string, string | string[]> = {};
    for (const [k, v] of verified.params) {
      if (COMMON_PARAMS.has(k)) continue;
      const prev = raw[k];
      raw[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    if (action === 'DescribeProcessTasks') {
      const p = checkParams('DescribeProcessTasks', raw);
      if (!p.ok) return sendError(reply, fail(400, p.code, p.message), requestId);
      const r = queryProcessTasks(index, p.value);
      return sendBody(request, reply, requestId, {
        RequestId: requestId,
        ProcessTasks: r.tasks,
        Page: { TotalCount: r.totalCount, PageNumber: r.pageNumber, PageSize: r.pageSize },
      });
    }
    const p = checkParams('DescribeEnumItems', raw);
    if (!p.ok) return sendError(reply, fail(400, p.code, p.message), requestId);
    return sendBody(request, reply, requestId, {
      RequestId: requestId,
      Data: enumItems(index.all(), p.value.Lang),
    });
  };

  app.get('/', handleRpc);
  app.post('/', handleRpc);

  // Admin routes: loopback clients only, never faulted.
  app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => {
      if (!isLoopback(request.socket.remoteAddress)) {
        return reply
          .code(403)
          .send({ Code: 'Forbidden', Message: 'The admin routes answer loopback clients only.' });
      }
    });
    const readJson = (request: FastifyRequest): unknown => {
      const b = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
      try {
        return JSON.parse(b);
      } catch {
        return Symbol.for('invalid');
      }
    };
    const invalid = (reply: FastifyReply, message: string) =>
      reply.code(400).send({ RequestId: newRequestId(), Code: 'InvalidParameter', Message: message });
    admin.get('/__admin/health', async () => ({
      status: 'ok',
      tasks: index.all().length,
      live: !!liveTimer,
    }));
    admin.get('/__admin/faults', async () => faults);
    admin.put('/__admin/faults', async (request, reply) => {
      const body = readJson(request);
      if (typeof body === 'symbol') return invalid(reply, 'The body must be a JSON object of faults.');
      const r = faultsPatchSchema.safeParse(body);
      if (!r.success) return invalid(reply, describeIssue(r.error));
      faults = mergeFaults(faults, r.data);
      return faults;
    });
    admin.put('/__admin/live', async (request, reply) => {
      const r = z.strictObject({ live: z.boolean() }).safeParse(readJson(request));
      if (!r.success) return invalid(reply, 'The body must be {"live": true} or {"live": false}.');
      setLive(r.data.live);
      return { live: r.data.live };
    });
  });

  await app.listen({ host, port: opts.port ?? DEFAULTS.port });
  const port = (app.server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  setLive(opts.live ?? DEFAULTS.live);

  return {
    url: `http://${hostPart}:${port}`,
    endpoint: `${hostPart}:${port}`,
    port,
    accessKeyId,
    accessKeySecret,
    faults: () => ({ ...faults }),
    setFaults: (patch) => {
      faults = mergeFaults(faults, patch);
    },
    setLive,
    store: { all: () => index.all() },
    close: async () => {
      if (closed) return;
      closed = true;
      setLive(false);
      for (const wake of [...pendingSleeps]) wake();
      for (const t of timers) clearTimeout(t);
      await app.close();
    },
  };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return `Unknown fault ${issue.keys.join(', ')}.`;
  const path = issue.path.join('.');
  return path ? `The fault ${path} ${issue.message}.` : `The body ${issue.message}.`;
}

/** Scene codes present in the data, sorted by code; names in the asked language. */
function enumItems(tasks: readonly ProcessTask[], lang: 'zh' | 'en' | undefined) {
  const byCode = new Map<string, string>();
  for (const t of tasks) {
    if (t.SceneCode && !byCode.has(t.SceneCode)) byCode.set(t.SceneCode, t.SceneName ?? t.SceneCode);
  }
  for (const s of SCENES) if (byCode.has(s.code)) byCode.set(s.code, lang === 'zh' ? s.zh : s.en);
  return [...byCode.keys()].sort().map((Key) => ({ Key, Value: byCode.get(Key)! }));
}
