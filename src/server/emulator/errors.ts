/** Alibaba's error shape and the codes the emulator answers with. */
import { randomUUID } from 'node:crypto';

export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  /** Further body fields of this error, e.g. a RAM denial's AccessDeniedDetail. */
  extra?: Record<string, unknown>;
}

export const fail = (status: number, code: string, message: string): ApiFailure => ({
  status,
  code,
  message,
});

/** The fixed messages Alibaba uses for these codes (see the reference's error table). */
export const ERRORS = {
  incompleteSignature: (why: string) =>
    fail(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards. ${why}`),
  keyNotFound: () => fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  signatureMismatch: (detail: string) =>
    fail(400, 'SignatureDoesNotMatch', `Specified signature does not match our calculation. ${detail}`),
  timestampFormat: (name: string) =>
    fail(
      400,
      'InvalidTimeStamp.Format',
      `Specified time stamp or date value is not well formatted: ${name}.`,
    ),
  timestampExpired: () =>
    fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.'),
  nonceUsed: () => fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),
  missing: (name: string) =>
    fail(
      400,
      'MissingParameter',
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    ),
  // UNVERIFIED: the status and wording for a wrong Version; 400 InvalidVersion is what the
  // POP gateway answers for other products. Change here if Sophonsoar differs.
  invalidVersion: (v: string) =>
    fail(400, 'InvalidVersion', `Specified parameter Version is not valid: ${v}.`),
  actionNotFound: () =>
    fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.'),
  // UNVERIFIED status: the reference leaves it open; 400 is what most RPC products answer.
  throttled: () => fail(400, 'Throttling.User', 'Request was denied due to user flow control.'),
  /** API-level flow control, as the current SDK core reads it: 429 with `x-acs-retry-after` (ms). */
  throttledApi: () => fail(429, 'Throttling.Api', 'Request was denied due to api flow control.'),
  /**
   * A method the operation's metadata does not declare. UNVERIFIED: the gateway's code for
   * this; its "please check your url and method" message of InvalidAction.NotFound is the
   * choice (404), with the method named.
   */
  methodNotAllowed: (action: string, method: string) =>
    fail(
      404,
      'InvalidAction.NotFound',
      `Specified api is not found, please check your url and method. ${action} does not accept ${method}.`,
    ),
  /**
   * A RAM denial. Code and message from the reference's error table; the
   * AccessDeniedDetail fields are those Alibaba's RAM denials carry (see
   * shared/upstream-error.ts). The principal and the diagnostic message are the
   * emulator's own inventions (UNVERIFIED beyond their names).
   */
  ramDenied: (action: string | undefined, requestId: string): ApiFailure => ({
    ...fail(403, 'NoPermission', 'User not authorized to operate on the specified resource.'),
    extra: {
      AccessDeniedDetail: {
        AuthAction: `yundun-sas:${action ?? 'Unknown'}`,
        NoPermissionType: 'ImplicitDeny',
        PolicyType: 'AccountLevelIdentityBasedPolicy',
        AuthPrincipalType: 'SubUser',
        AuthPrincipalDisplayName: 'emulator-soc-reader',
        AuthPrincipalOwnerId: '1000000000000001',
        EncodedDiagnosticMessage: Buffer.from(
          JSON.stringify({ emulator: true, action: `yundun-sas:${action ?? 'Unknown'}`, requestId }),
        ).toString('base64'),
      },
    },
  }),
  unavailable: () =>
    fail(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'),
  internal: () =>
    fail(
      500,
      'InternalError',
      'The request processing has failed due to some unknown error, exception or failure.',
    ),
} as const;

export const HOST_ID = 'sophonsoar.aliyuncs.com';

export function errorBody(f: ApiFailure, requestId: string = newRequestId()) {
  return {
    RequestId: requestId,
    HostId: HOST_ID,
    Code: f.code,
    Message: f.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(f.code)}&product=Sophonsoar&requestId=${requestId}`,
    ...f.extra,
  };
}

/** Request ids look like Alibaba's (upper-case UUID). Not data, so not seeded. */
export const newRequestId = () => randomUUID().toUpperCase();
