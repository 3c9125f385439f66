/**
 * The server's clock, as the SPA knows it: every API answer's `Date` header (RFC 9110
 * §6.6.1, an HTTP-date with 1 s resolution, truncated) gives a window the offset between
 * the server's clock and the browser's (`Date.now()`) must lie in. Ages ("5 minutes
 * ago"), "blocked until … passed" and relative time ranges are computed against
 * `serverNow()`, so a browser clock that is behind or ahead does not change what the
 * analyst reads. The one source of truth is the module-level `serverClock`;
 * `lib/use-now.ts` reads it for React.
 *
 * The estimate, NTP-like: an answer sent at browser time `sentAt` and received at
 * `receivedAt` (ms) with `Date: D` was stamped at server time in [D, D + 1000), at a
 * browser time in [sentAt, receivedAt], so the offset (server − browser, ms) lies in
 * (D − receivedAt, D + 1000 − sentAt). The windows of successive answers are intersected,
 * which narrows the 1 s truncation down; the offset used is the middle of the window.
 * When a new window does not meet the current one, a clock moved (the browser's was
 * set, the server's was corrected, the laptop slept): the new window replaces the old.
 * `now()` never goes backwards while the windows agree (a narrower window may move the
 * middle back by a few hundred ms); after a clock moved it follows the new estimate.
 */

/** The width of a single answer's window before the round trip is added (ms): the header's resolution. */
export const DATE_RESOLUTION_MS = 1_000;

/** Offsets smaller than this change nothing an analyst reads (ms); listeners are told of larger moves. */
export const NOTIFY_THRESHOLD_MS = 1_000;

export interface ServerClock {
  /**
   * Records one answer: `date` is its `Date` header as sent (null/undefined when absent),
   * `sentAt` and `receivedAt` the browser's `Date.now()` when the request started and the
   * answer's headers arrived (ms). A missing, unparsable or implausible header (outside
   * the 13-digit ms range), or `receivedAt < sentAt`, is ignored. Returns whether the
   * answer was used.
   */
  record(date: string | null | undefined, sentAt: number, receivedAt: number): boolean;
  /** The server's current time (epoch ms): the browser's clock corrected, never moving back while the estimate holds. */
  now(): number;
  /** The estimated offset, server − browser (ms), or undefined before the first usable answer. */
  offsetMs(): number | undefined;
  /** The current window [low, high] of the offset (ms), or undefined before the first answer. */
  window(): readonly [number, number] | undefined;
  /** Called when the offset moved by NOTIFY_THRESHOLD_MS or more since listeners were last told. */
  subscribe(listener: () => void): () => void;
}

const MS_MIN = 1_000_000_000_000;
const MS_MAX = 9_999_999_999_999;

/** The ms value of an HTTP-date, or undefined when it is not one (or not a plausible time). */
export function parseHttpDate(value: string | null | undefined): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms) || ms < MS_MIN || ms > MS_MAX) return undefined;
  return ms;
}

/** A server clock on `browserNow` (injectable for tests; `Date.now` by default). */
export function createServerClock(browserNow: () => number = () => Date.now()): ServerClock {
  let low: number | undefined;
  let high: number | undefined;
  let offset: number | undefined;
  let told = 0;
  let floor = -Infinity;
  const listeners = new Set<() => void>();

  return {
    record(date, sentAt, receivedAt) {
      const d = parseHttpDate(date);
      if (d === undefined || !Number.isFinite(sentAt) || !Number.isFinite(receivedAt)) return false;
      if (receivedAt < sentAt) return false;
      const lo = d - receivedAt;
      const hi = d + DATE_RESOLUTION_MS - sentAt;
      if (low === undefined || high === undefined || lo > high || hi < low) {
        // First answer, or a clock moved: start again from this window.
        low = lo;
        high = hi;
        floor = -Infinity;
      } else {
        low = Math.max(low, lo);
        high = Math.min(high, hi);
      }
      offset = Math.round((low + high) / 2);
      if (Math.abs(offset - told) >= NOTIFY_THRESHOLD_MS) {
        told = offset;
        for (const l of listeners) l();
      }
      return true;
    },
    now() {
      const t = browserNow() + (offset ?? 0);
      floor = Math.max(floor, t);
      return floor;
    },
    offsetMs: () => offset,
    window: () => (low === undefined || high === undefined ? undefined : [low, high]),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The page's one server clock: api-client.ts records every answer into it. */
export const serverClock: ServerClock = createServerClock();

/** The server's current time (epoch ms), for anything computed against "now". */
export function serverNow(): number {
  return serverClock.now();
}

/**
 * A time read from the browser's clock (ms, e.g. React Query's `dataUpdatedAt`) on the
 * server's clock; 0 stays 0 (React Query's "never").
 */
export function serverTime(browserMs: number): number {
  return browserMs === 0 ? 0 : browserMs + (serverClock.offsetMs() ?? 0);
}

/**
 * The age of an event that has already happened (created, processed, modified), relative
 * to `now`: an event stamped after `now` (what is left of clock skew and the Date
 * header's 1 s resolution) counts as happening at `now`, so it reads "just now" / "a few
 * seconds ago" and never "in a few seconds". Returns the time to format (ms).
 */
export function pastEventTime(ms: number, now: number): number {
  return ms > now ? now : ms;
}
