/**
 * Helpers for the emulator's tests: the official client, and raw signed requests built
 * with our signing module (for replays, expired dates and V1, which the client can't do).
 */
import OpenApiModule, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import { RuntimeOptions } from '@alicloud/tea-util';
import { signV1Params, signV3Request, type ParamPair } from '../../src/server/emulator/signing';
import type { RunningEmulator } from '../../src/server/emulator/server';

// Node's ESM import of this CommonJS package gives module.exports; the class is .default.
const OpenApiClient = ((OpenApiModule as unknown as { default?: typeof OpenApiModule }).default ??
  OpenApiModule) as typeof OpenApiModule;

export function officialClient(
  emu: RunningEmulator,
  keys?: { accessKeyId?: string; accessKeySecret?: string },
) {
  return new OpenApiClient(
    new Config({
      endpoint: emu.endpoint,
      protocol: 'http',
      accessKeyId: keys?.accessKeyId ?? emu.accessKeyId,
      accessKeySecret: keys?.accessKeySecret ?? emu.accessKeySecret,
    }),
  );
}

function rpcParams(action: string, method: 'POST' | 'GET' = 'POST', version = '2022-07-28') {
  return new Params({
    action,
    version,
    protocol: 'HTTP',
    pathname: '/',
    method,
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
}

export interface CallOutcome {
  ok: boolean;
  body?: Record<string, unknown>;
  code?: string;
  statusCode?: number;
  data?: Record<string, unknown>;
  error?: unknown;
}

/** Calls through the official client; an error becomes { ok: false, code, statusCode }. */
export async function callOfficial(
  client: ReturnType<typeof officialClient>,
  action: string,
  query: Record<string, string>,
  opts: { method?: 'POST' | 'GET'; version?: string; body?: Record<string, string> } = {},
): Promise<CallOutcome> {
  try {
    const r = (await client.callApi(
      rpcParams(action, opts.method, opts.version),
      new OpenApiRequest({ query, ...(opts.body ? { body: opts.body } : {}) }),
      new RuntimeOptions({}),
    )) as { body: Record<string, unknown> };
    return { ok: true, body: r.body };
  } catch (error) {
    const e = error as { code?: string; statusCode?: number; data?: Record<string, unknown> };
    return { ok: false, code: e.code, statusCode: e.statusCode, data: e.data, error };
  }
}

export interface RawResponse {
  status: number;
  json: Record<string, unknown>;
}

export async function send(
  emu: RunningEmulator,
  method: 'GET' | 'POST',
  query: readonly ParamPair[],
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const { host: _host, ...sendable } = headers; // fetch sets host itself (same value)
  const res = await fetch(`${emu.url}/${qs ? `?${qs}` : ''}`, { method, headers: sendable, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export interface V3Call {
  method?: 'GET' | 'POST';
  action?: string;
  version?: string;
  query?: ParamPair[];
  form?: ParamPair[];
  accessKeyId?: string;
  accessKeySecret?: string;
  date?: number;
  nonce?: string;
  extraHeaders?: Record<string, string>;
}

/** Builds a V3-signed request; returns a function that sends it (call twice to replay). */
export function v3Request(emu: RunningEmulator, c: V3Call = {}) {
  const method = c.method ?? 'POST';
  const body = c.form ? new URLSearchParams(c.form.map(([k, v]) => [k, v])).toString() : undefined;
  const headers = signV3Request({
    method,
    host: emu.endpoint,
    action: c.action ?? 'DescribeProcessTasks',
    version: c.version ?? '2022-07-28',
    accessKeyId: c.accessKeyId ?? emu.accessKeyId,
    accessKeySecret: c.accessKeySecret ?? emu.accessKeySecret,
    query: c.query ?? [],
    ...(body !== undefined ? { body, contentType: 'application/x-www-form-urlencoded' } : {}),
    ...(c.date !== undefined ? { date: c.date } : {}),
    ...(c.nonce !== undefined ? { nonce: c.nonce } : {}),
    ...(c.extraHeaders ? { extraHeaders: c.extraHeaders } : {}),
  });
  return { headers, send: () => send(emu, method, c.query ?? [], headers, body) };
}

export interface V1Call {
  method?: 'GET' | 'POST';
  action?: string;
  version?: string;
  params?: ParamPair[];
  /** POST only: send these API parameters in a form body instead of the query. */
  inForm?: boolean;
  accessKeyId?: string;
  accessKeySecret?: string;
  date?: number;
  nonce?: string;
}

/** A V1-signed request as the aliyun CLI builds it. */
export function v1Request(emu: RunningEmulator, c: V1Call = {}) {
  const method = c.method ?? 'GET';
  const all = signV1Params({
    method,
    action: c.action ?? 'DescribeProcessTasks',
    version: c.version ?? '2022-07-28',
    accessKeyId: c.accessKeyId ?? emu.accessKeyId,
    accessKeySecret: c.accessKeySecret ?? emu.accessKeySecret,
    params: c.params ?? [],
    ...(c.date !== undefined ? { date: c.date } : {}),
    ...(c.nonce !== undefined ? { nonce: c.nonce } : {}),
  });
  if (c.inForm && method === 'POST') {
    const apiNames = new Set((c.params ?? []).map(([k]) => k));
    const query = all.filter(([k]) => !apiNames.has(k));
    const form = all.filter(([k]) => apiNames.has(k));
    const body = new URLSearchParams(form.map(([k, v]) => [k, v])).toString();
    return {
      params: all,
      send: () => send(emu, method, query, { 'content-type': 'application/x-www-form-urlencoded' }, body),
    };
  }
  return { params: all, send: () => send(emu, method, all, {}) };
}
