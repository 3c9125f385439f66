/**
 * The account's call budget: how many upstream calls may start now. Alibaba Cloud counts
 * an account's calls per operation per second (the account and its RAM users share the
 * quota; Quota Center shows the figure), so the budget is a sliding window: at most
 * `limit` calls in any window of WINDOW_MS, and at most `burst` calls in any
 * burst/limit of that window.
 *
 * Why not a token bucket or a fixed window (rate-limiter-flexible's RateLimiterMemory and
 * RateLimiterRedis count fixed windows): both allow up to twice the rate within one second
 * (a full bucket plus its refill, or the end of one window plus the start of the next),
 * which a per-second quota throttles.
 */

/** The window the upstream counts in, ms. */
export const WINDOW_MS = 1000;
/**
 * Added to the window: the rounding of the clocks that stamp a call's grant and its end
 * (ms), and the upstream's own rounding. Network and event-loop delays need no margin: a
 * call is counted until its answer came back (see CallBudget), and the upstream cannot
 * have counted it later than that.
 */
export const SAFETY_MS = 20;
/**
 * A call whose end was never reported (its process died, or the store was unreachable at
 * its end) is counted as ending this long after its grant: the longest an attempt can
 * take (UPSTREAM_TIMEOUT_MS is at most 300 s; the default 10 s).
 */
export const DEFAULT_LEASE_MS = 60_000;
/** While the call that blocks the window is still running elsewhere, ask again after this many ms. */
export const RUNNING_POLL_MS = 25;

export interface TakeResult {
  /** True when a call was counted and may start now. */
  taken: boolean;
  /** When not taken: ms until a call may start (0 < waitMs <= window + lease). */
  waitMs: number;
  /** When taken: hand back to `end` when the call has its answer (or failed, or was abandoned). */
  ticket?: string;
}

/**
 * Where the budget is kept: this process (MemoryCallBudget) or Redis (redis-budget.ts).
 *
 * A call is counted from its grant until WINDOW_MS + SAFETY_MS after its end, not after
 * its grant: the upstream counts a call when it arrives, which is somewhere between the
 * grant and the answer; after the grant the call may still be delayed (signing, a busy
 * event loop on a shared machine, a slow connection), and a call granted on time but
 * arriving late would sit in the same upstream second as calls granted a window later.
 * Measured: three replicas on two shared cores with the window counted from the grant
 * (plus a 100 ms margin) had the emulator throttle calls; counted from the end, none.
 */
export interface CallBudget {
  /** Counts one call if the window allows `limit` (and `burst`) more; else says how long to wait. */
  take(limit: number, burst: number): Promise<TakeResult>;
  /** The call of `ticket` has ended: from now on it leaves the window after WINDOW_MS + SAFETY_MS. */
  end(ticket: string): Promise<void>;
  /** Calls counted in the last WINDOW_MS, the running ones included (the observed rate, calls/s). */
  recent(): Promise<number>;
}

/**
 * The sliding-window test on a sorted list of call ends (ms; a running call's end is
 * `Infinity`): whether one more call may start at `now` and, if not, how long until it
 * may. A wait that depends on a running call is RUNNING_POLL_MS (its end is not known).
 * Shared by the memory budget and the tests; redis-budget.ts does the same in Lua.
 */
export function slidingWindowWait(
  ends: readonly number[],
  now: number,
  limit: number,
  burst: number,
): number {
  const window = WINDOW_MS + SAFETY_MS;
  const waitFor = (t: number, span: number) => (t === Infinity ? RUNNING_POLL_MS : t + span - now);
  let wait = 0;
  const inWindow = ends.filter((t) => t > now - window);
  if (inWindow.length >= limit) wait = Math.max(wait, waitFor(inWindow[inWindow.length - limit]!, window));
  const burstWindow = (window * burst) / limit;
  const inBurst = ends.filter((t) => t > now - burstWindow);
  if (burst < limit && inBurst.length >= burst)
    wait = Math.max(wait, waitFor(inBurst[inBurst.length - burst]!, burstWindow));
  return Math.ceil(wait);
}

/** The budget of one process. `now` is injectable for tests (ms, monotonic). */
export class MemoryCallBudget implements CallBudget {
  /** ticket → the call's grant and end (Infinity while it runs), kept while inside the window. */
  private readonly calls = new Map<string, { start: number; end: number }>();
  private seq = 0;

  constructor(
    private readonly now: () => number = () => performance.now(),
    /** A running call counts as ended this long after its grant (DEFAULT_LEASE_MS). */
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {}

  take(limit: number, burst: number): Promise<TakeResult> {
    return Promise.resolve(this.takeSync(limit, burst));
  }

  takeSync(limit: number, burst: number): TakeResult {
    // Fewer calls kept than the limits: nothing to compute (a budget far above the load,
    // as in load tests, never sorts); the rest are dropped when the window is next computed.
    if (this.calls.size < Math.min(limit, burst)) return { taken: true, waitMs: 0, ticket: this.record() };
    const waitMs = this.waitMs(limit, burst);
    if (waitMs > 0) return { taken: false, waitMs };
    return { taken: true, waitMs: 0, ticket: this.record() };
  }

  /** ms until one more call may start (0: now), without counting one. */
  waitMs(limit: number, burst: number): number {
    return slidingWindowWait(this.ends(), this.now(), limit, burst);
  }

  /** The call of `ticket` while it is in the window: its grant and end (Infinity while it runs), ms. */
  call(ticket: string): { start: number; end: number } | undefined {
    const c = this.calls.get(ticket);
    if (!c || (c.end !== Infinity && c.end <= this.now() - WINDOW_MS - SAFETY_MS)) return undefined;
    return { ...c };
  }

  /** Counts a running call granted elsewhere (the Redis budget keeps each replica's own calls here). */
  record(): string {
    const ticket = `m${++this.seq}`;
    this.calls.set(ticket, { start: this.now(), end: Infinity });
    return ticket;
  }

  end(ticket: string): Promise<void> {
    this.endSync(ticket);
    return Promise.resolve();
  }

  endSync(ticket: string): void {
    const call = this.calls.get(ticket);
    if (call && call.end === Infinity) call.end = this.now();
  }

  recent(): Promise<number> {
    const now = this.now();
    return Promise.resolve(this.ends().filter((t) => t > now - WINDOW_MS).length);
  }

  /** The ends in the window, sorted; drops what has left it; a call running past its lease ends then. */
  private ends(): number[] {
    const now = this.now();
    const out: number[] = [];
    for (const [ticket, call] of this.calls) {
      if (call.end === Infinity && now - call.start > this.leaseMs) call.end = call.start + this.leaseMs;
      if (call.end <= now - WINDOW_MS - SAFETY_MS) this.calls.delete(ticket);
      else out.push(call.end);
    }
    return out.sort((a, b) => a - b);
  }
}
