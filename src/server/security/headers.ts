/**
 * The security headers of every answer: helmet's set (CSP, frame and referrer policy,
 * nosniff…), a Permissions-Policy, and HSTS only when the browser reaches the console over
 * TLS. Routed answers get them from @fastify/helmet; answers written before routing (an
 * undecodable URL, a malformed request line, a header timeout) get the same set from
 * `staticSecurityHeaders`, computed once by helmet itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * Content-Security-Policy for the SPA. Scripts only from our origin, no inline script.
 * style-src needs 'unsafe-inline' because antd 6 renders its styles at runtime (CSS-in-JS,
 * @ant-design/cssinjs inserts <style> elements and sets style attributes); a nonce would
 * need server-side templating of index.html for every request, and inline styles cannot
 * run code. worker-src allows blob: for workers the export may create from a Blob.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/**
 * Powerful browser features the console never uses, switched off for the page and
 * anything it could embed (W3C Permissions Policy, structured-header syntax).
 */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

export interface SecurityHeaderOptions {
  /**
   * True when browsers reach the console over HTTPS (native TLS, or TRUST_PROXY_TLS=1 for a
   * TLS proxy in front): only then is Strict-Transport-Security sent (RFC 6797 §7.2: a
   * host must not send it over plain HTTP).
   */
  hsts: boolean;
}

/** helmet's options for @fastify/helmet and `staticSecurityHeaders` alike. */
export function helmetOptions(opts: SecurityHeaderOptions) {
  return {
    contentSecurityPolicy: { useDefaults: false as const, directives: CSP_DIRECTIVES },
    // Same-origin only: no CORS headers anywhere, and other sites may not embed our resources.
    crossOriginResourcePolicy: { policy: 'same-origin' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    // Matches frame-ancestors 'none' for browsers that only know the old header.
    frameguard: { action: 'deny' as const },
    // helmet's default: one year, subdomains included.
    strictTransportSecurity: opts.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

/**
 * Every security header as lower-case name → value, for answers written outside Fastify's
 * hooks. Built by running helmet's own middleware against a recording response, so the set
 * cannot drift from the one routed answers carry.
 */
export function staticSecurityHeaders(opts: SecurityHeaderOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  };
  let error: unknown;
  helmet(helmetOptions(opts))(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (err?: unknown) => (error = err),
  );
  if (error) throw error instanceof Error ? error : new Error(String(error));
  headers['permissions-policy'] = PERMISSIONS_POLICY;
  return headers;
}
