/**
 * Whether search text looks like an error code or message, which keyword search cannot
 * find (ParamContent searches entity, scene and input parameters only; sophonsoar-api.md).
 * Recognised: a dotted code with capitalised segments (`waf_openapi.Quota.BlacklistFull`,
 * `Throttling.User`), the `Code : message` form of ErrMsg (`QuotaExceeded : The …`), and
 * failure words (failed, error, exception, not found, timeout; 失败, 错误, 异常, 超时).
 * IPs, paths, UUIDs and process names do not match.
 */
const DOTTED_CODE = /^[A-Za-z][\w-]*(\.[A-Z][\w-]*)+$/;
const CODE_COLON_MESSAGE = /^[A-Z][A-Za-z]+ : \S/;
const FAILURE_WORDS =
  /\b(failed|failure|error|exception|not ?found|timed? ?out|exceeded|invalid)\b|失败|错误|异常|超时/i;

export function looksLikeErrorText(text: string): boolean {
  const s = text.trim();
  if (s.length < 4) return false;
  return DOTTED_CODE.test(s) || CODE_COLON_MESSAGE.test(s) || FAILURE_WORDS.test(s);
}
