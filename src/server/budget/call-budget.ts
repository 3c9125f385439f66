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
 * which a per-second quota throttles. The window is a little longer than a second
 * (SAFETY_MS) so the time a call takes to reach the upstream cannot make two calls one
 * second apart look closer to it.
 */

/** The window the upstream counts in, ms. */
export const WINDOW_MS = 1000;
/** Added to the window: the spread of network and event-loop delays between our clock and the upstream's. */
export const SAFETY_MS = 100;

export interface TakeResult {
  /** True when a call was counted and may start now. */
  taken: boolean;
  /** When not taken: ms until a call may start (0 < waitMs <= window). */
  waitMs: number;
}

/** Where the budget is kept: this process (MemoryCallBudget) or Redis (redis-budget.ts). */
export interface CallBudget {
  /** Counts one call if the window allows `limit` (and `burst`) more; else says how long to wait. */
  take(limit: number, burst: number): Promise<TakeResult>;
  /** Calls counted in the last WINDOW_MS (the observed rate, calls/s). */
  recent(): Promise<number>;
}

/**
 * The sliding-window test on a sorted list of start times (ms): whether one more call may
 * start at `now` and, if not, how long until it may. Shared by the memory and Redis budgets.
 */
export function slidingWindowWait(
  starts: readonly number[],
  now: number,
  limit: number,
  burst: number,
): number {
  const window = WINDOW_MS + SAFETY_MS;
  let wait = 0;
  const inWindow = starts.filter((t) => t > now - window);
  if (inWindow.length >= limit) wait = Math.max(wait, inWindow[inWindow.length - limit]! + window - now);
  const burstWindow = (window * burst) / limit;
  const inBurst = starts.filter((t) => t > now - burstWindow);
  if (burst < limit && inBurst.length >= burst)
    wait = Math.max(wait, inBurst[inBurst.length - burst]! + burstWindow - now);
  return Math.ceil(wait);
}

/** The budget of one process. `now` is injectable for tests (ms, monotonic). */
export class MemoryCallBudget implements CallBudget {
  private starts: number[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  take(limit: number, burst: number): Promise<TakeResult> {
    return Promise.resolve(this.takeSync(limit, burst));
  }

  takeSync(limit: number, burst: number): TakeResult {
    const now = this.now();
    this.starts = this.starts.filter((t) => t > now - WINDOW_MS - SAFETY_MS);
    const waitMs = slidingWindowWait(this.starts, now, limit, burst);
    if (waitMs > 0) return { taken: false, waitMs };
    this.starts.push(now);
    return { taken: true, waitMs: 0 };
  }

  /** Counts a call granted elsewhere (the Redis budget keeps each replica's own calls here). */
  record(): void {
    const now = this.now();
    this.starts = this.starts.filter((t) => t > now - WINDOW_MS - SAFETY_MS);
    this.starts.push(now);
  }

  recent(): Promise<number> {
    const now = this.now();
    return Promise.resolve(this.starts.filter((t) => t > now - WINDOW_MS).length);
  }
}
