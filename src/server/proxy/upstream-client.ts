/**
 * One signed call to Sophonsoar through the official @alicloud/openapi-client: it does the
 * signing (ACS3-HMAC-SHA256) and the HTTP; we add cancellation (see abort-scope.ts), keep
 * the retry hint of a failed answer, and leave retries to retry.ts (the client's own
 * `autoretry` stays off so retries happen inside our deadline and stop when the browser
 * leaves).
 */
import OpenApiModule, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import type CredentialClient from '@alicloud/credentials';
import { RuntimeOptions } from '@alicloud/tea-util';
import { API_VERSION, OPERATIONS, type Action } from '../../shared/sophonsoar';
import { runAbortable } from './abort-scope';
import { ACS_RETRY_AFTER, BadUpstreamBodyError, RETRY_AFTER_MS, retryAfterMsFromHeaders } from './errors';

// The package is CommonJS with `exports.default = Client`; under Node's ESM loader the
// default import is the whole exports object.
const OpenApiClient =
  (OpenApiModule as unknown as { default?: typeof OpenApiModule }).default ?? OpenApiModule;

/**
 * How the current SDKs send a Sophonsoar RPC call: every parameter in the query, JSON
 * back, with the operation's method (catalogue OPERATIONS sdkMethod: POST for
 * DescribeProcessTasks, GET for the GET-only operations such as DescribeEnumItems).
 */
export function rpcParams(action: Action, protocol: 'http' | 'https'): Params {
  return new Params({
    action,
    version: API_VERSION,
    protocol,
    pathname: '/',
    method: OPERATIONS[action].sdkMethod,
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
}

export interface UpstreamTarget {
  mode: 'live' | 'demo';
  /** host[:port] as the client takes it, e.g. 'sophonsoar.aliyuncs.com' or '127.0.0.1:8787'. */
  endpoint: string;
  protocol: 'http' | 'https';
  /** The credential the client signs with (never logged, never serialised). */
  credential: CredentialClient;
  /**
   * The credential provider type for /api/config, in @alicloud/credentials' names without
   * the chain prefix (credential-chain.ts providerType), e.g. `cli_profile/ecs_ram_role`;
   * the embedded emulator's demo key is `static_ak`. Never the key itself.
   */
  credentialProvider?: string;
}

export interface UpstreamCall {
  action: Action;
  /** The validated query, exactly as the browser sent it. */
  query: Record<string, string>;
  signal: AbortSignal;
  /** The time this attempt may take; our own timer enforces it, httpx's is a fallback. */
  timeoutMs: number;
  /** Who asked (user or client address), for the budget's fairness (src/server/budget). */
  user?: string;
  /** 'background' for export pages and prefetches (the `x-rtc-priority` header). */
  priority?: 'interactive' | 'background';
}

export interface UpstreamResponse {
  body: Record<string, unknown>;
}

export interface UpstreamClient {
  call(call: UpstreamCall): Promise<UpstreamResponse>;
}

export function createUpstreamClient(target: UpstreamTarget): UpstreamClient {
  const client = new OpenApiClient(
    new Config({ endpoint: target.endpoint, protocol: target.protocol, credential: target.credential }),
  );
  return {
    async call({ action, query, signal, timeoutMs }) {
      const params = rpcParams(action, target.protocol);
      const runtime = new RuntimeOptions({
        autoretry: false,
        // A little over our own timer, so ours fires first and destroys the socket.
        readTimeout: timeoutMs + 1000,
        connectTimeout: timeoutMs + 1000,
      });
      let retryAfterMs: number | undefined;
      let acsRetryAfter = false;
      let result: unknown;
      try {
        result = await runAbortable(
          signal,
          () => client.callApi(params, new OpenApiRequest({ query: { ...query } }), runtime),
          (headers) => {
            retryAfterMs = retryAfterMsFromHeaders(headers);
            acsRetryAfter = headers['x-acs-retry-after'] !== undefined;
          },
        );
      } catch (err) {
        // The client's error keeps the answer's status and body but not its headers.
        if (typeof err === 'object' && err !== null) {
          if (retryAfterMs !== undefined) Object.assign(err, { [RETRY_AFTER_MS]: retryAfterMs });
          // The SDK core reads an x-acs-retry-after header as throttling, whatever the status.
          if (acsRetryAfter) Object.assign(err, { [ACS_RETRY_AFTER]: true });
        }
        throw err;
      }
      const body: unknown = (result as { body?: unknown }).body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new BadUpstreamBodyError('the upstream body is not a JSON object');
      }
      return { body: body as Record<string, unknown> };
    },
  };
}
