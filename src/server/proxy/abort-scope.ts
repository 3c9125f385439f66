/**
 * Cancelling an upstream call made by @alicloud/openapi-client.
 *
 * The official client signs and sends the request itself (through @alicloud/tea-typescript
 * and httpx) and accepts no AbortSignal. To cancel it we keep its signing and transport and
 * find the socket it opens: every outgoing Node HTTP request is announced on the
 * `http.client.request.start` diagnostics channel, synchronously inside the caller's async
 * context, so an AsyncLocalStorage scope entered around `callApi` tells us which
 * ClientRequest belongs to which call. When the scope's signal aborts, those requests are
 * destroyed: the upstream sees its connection close, and the client's promise rejects.
 *
 * Limits: work that the upstream already started is not undone (an HTTP API has no way to
 * do that); what stops is our waiting, reading and retrying. The hook relies on the client
 * using Node's http module (tea-typescript/httpx do); were it to move to fetch/undici, the
 * race below would still answer at once and no retry would start, the socket would then
 * close only at the attempt's RuntimeOptions read/connect timeout. The integration test
 * "a request the browser abandons" checks the socket really closes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';

interface Scope {
  signal: AbortSignal;
  requests: Set<ClientRequest>;
  onResponse: ((headers: IncomingHttpHeaders) => void) | undefined;
}

const storage = new AsyncLocalStorage<Scope>();
/** The scope each request started in, for its response (announced outside that context). */
const scopeOf = new WeakMap<ClientRequest, Scope>();
let subscribed = false;

function onRequestStart(message: unknown): void {
  const scope = storage.getStore();
  if (!scope) return;
  const request = (message as { request: ClientRequest }).request;
  if (scope.signal.aborted) {
    request.destroy(abortError(scope.signal));
    return;
  }
  scope.requests.add(request);
  scopeOf.set(request, scope);
  request.once('close', () => scope.requests.delete(request));
}

function onResponseFinish(message: unknown): void {
  const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
  scopeOf.get(request)?.onResponse?.(response.headers);
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/**
 * Runs `fn` so that every HTTP request it starts is destroyed when `signal` aborts.
 * The returned promise rejects with the signal's reason as soon as it aborts, even if the
 * library underneath never settles. `onResponse` sees the headers of each response those
 * requests receive (the official client drops them from its errors; a throttled answer's
 * retry hint is a header).
 */
export async function runAbortable<T>(
  signal: AbortSignal,
  fn: () => Promise<T>,
  onResponse?: (headers: IncomingHttpHeaders) => void,
): Promise<T> {
  if (!subscribed) {
    subscribe('http.client.request.start', onRequestStart);
    subscribe('http.client.response.finish', onResponseFinish);
    subscribed = true;
  }
  signal.throwIfAborted();
  const scope: Scope = { signal, requests: new Set(), onResponse };
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      for (const request of scope.requests) request.destroy(abortError(signal));
      scope.requests.clear();
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // The library's own rejection after we destroyed its socket is expected and ignored.
  const work = storage.run(scope, fn);
  work.catch(() => {});
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
