import { formatSize } from '../../../lib/i18n';

/** InputParams is a JSON document in a string, or empty, or not JSON at all. */
export type ParsedInputParams =
  { kind: 'empty' } | { kind: 'text'; raw: string } | { kind: 'json'; raw: string; value: unknown };

export function parseInputParams(raw: string | undefined): ParsedInputParams {
  if (raw === undefined || raw.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', raw, value: JSON.parse(raw) as unknown };
  } catch {
    return { kind: 'text', raw };
  }
}

/**
 * The top-level JSON object of InputParams, for reading named keys (a block's duration, a
 * host name); undefined when it is empty, not JSON, or JSON but not an object.
 */
export function inputParamsObject(raw: string | undefined): Record<string, unknown> | undefined {
  const parsed = parseInputParams(raw);
  if (parsed.kind !== 'json') return undefined;
  const v = parsed.value;
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

const utf8 = new TextEncoder();

/** Length of `text` in bytes once encoded as UTF-8 (the encoding of the API's JSON), e.g. 3 for "中". */
export function utf8ByteLength(text: string): number {
  return utf8.encode(text).length;
}

/** The UTF-8 size of `text` as a label: "73 B" for 「检测到来自 203.0.113.10 的暴力破解攻击，已自动封禁该IP地址」. */
export function formatTextSize(text: string): string {
  return formatSize(utf8ByteLength(text));
}
