/**
 * The upstream scheduler: every upstream call, retries included, waits here for the
 * account's budget (call-budget.ts). Waiting calls are served
 * - by priority: `interactive` (the list on screen, the drawer, counts, scene codes)
 *   before `background` (export pages, the next page's prefetch);
 * - fairly within a priority: one queue per user, served round-robin, so one analyst's
 *   export cannot starve another's list and two exports share the rate.
 * A call whose estimated wait is longer than it may wait is refused at once with a
 * BudgetBusyError carrying a truthful retry time, never left hanging.
 *
 * While people browse, background calls leave INTERACTIVE_RESERVE of the window free for
 * them, so a list does not wait for the exports' calls to leave the window.
 *
 * Throttling from the upstream despite the budget (another client of the same account, a
 * lower quota than UPSTREAM_QPS) lowers the rate: halved at most once per second
 * (multiplicative decrease), then raised by RECOVERY_PER_S calls/s each second (additive
 * increase) back to the configured rate.
 */
import type { Logger } from 'pino';
import type { CallBudget } from './call-budget';

export type Priority = 'interactive' | 'background';
export const PRIORITIES: readonly Priority[] = ['interactive', 'background'];

/** Calls/s added back each second after the upstream throttled us. */
export const RECOVERY_PER_S = 1;
/** The rate never drops below this many calls/s. */
const MIN_RATE = 1;
/**
 * While people are browsing (an interactive call in the last RESERVE_HOLD_MS), background
 * calls leave this share of the window free, so a list asked for meets a free slot instead
 * of waiting for the exports' calls to leave the window. Rounded down: no reserve below
 * 5 calls/s.
 */
export const INTERACTIVE_RESERVE = 0.2;
export const RESERVE_HOLD_MS = 5000;

/** The call could not get a slot of the budget in time; retry after `retryAfterMs`. */
export class BudgetBusyError extends Error {
  override name = 'BudgetBusyError';
  constructor(
    readonly retryAfterMs: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SchedulerOptions {
  /** Calls per second for the whole account (UPSTREAM_QPS). */
  qps: number;
  /** Calls that may start at once (UPSTREAM_BURST, at most qps). */
  burst: number;
  /** Where the budget is counted. */
  budget: CallBudget;
  logger?: Logger;
  /** Monotonic clock in ms; injectable for tests. */
  now?: () => number;
  /** Called with the ms each granted call waited. */
  onGranted?: (waitedMs: number, priority: Priority) => void;
}

export interface AcquireRequest {
  /** Who asked (the authenticated user, else the client address): the fairness key. */
  user: string;
  priority: Priority;
  /** Aborts the wait (the browser left, the attempt's time ran out). */
  signal: AbortSignal;
  /** The longest the caller may wait, ms; a longer estimated wait is refused at once. */
  maxWaitMs: number;
}

/** Reports that the granted call has ended (answered, failed or abandoned); call it once. */
export type EndCall = () => void;

interface Waiter {
  user: string;
  priority: Priority;
  enqueuedAt: number;
  resolve: (end: EndCall) => void;
  reject: (e: unknown) => void;
  cleanup: () => void;
}

export class UpstreamScheduler {
  /** Per priority: user → that user's waiting calls; Map order is the round-robin order. */
  private readonly queues: Record<Priority, Map<string, Waiter[]>> = {
    interactive: new Map(),
    background: new Map(),
  };
  private pumping = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  /** After upstream throttling: the rate it was lowered to and when. */
  private lowered: { rate: number; at: number } | undefined;
  /** When an interactive call last asked (ms); -Infinity: never. */
  private lastInteractive = -Infinity;

  constructor(private readonly opts: SchedulerOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** The current rate in calls/s: UPSTREAM_QPS, or less while recovering from throttling. */
  rate(): number {
    if (!this.lowered) return this.opts.qps;
    const rate = this.lowered.rate + ((this.now() - this.lowered.at) / 1000) * RECOVERY_PER_S;
    if (rate >= this.opts.qps) {
      this.lowered = undefined;
      return this.opts.qps;
    }
    return rate;
  }

  /** The window's limits for a call of `priority` (background: less the interactive reserve while people browse). */
  private limits(priority: Priority = 'interactive'): { limit: number; burst: number } {
    let limit = Math.max(MIN_RATE, Math.floor(this.rate()));
    if (priority === 'background' && this.now() - this.lastInteractive < RESERVE_HOLD_MS)
      limit = Math.max(MIN_RATE, limit - Math.floor(limit * INTERACTIVE_RESERVE));
    return { limit, burst: Math.min(this.opts.burst, limit) };
  }

  /** Calls that could start now: the current limit less the calls of the last second. */
  async available(): Promise<number> {
    const recent = await this.opts.budget.recent().catch(() => this.limits().limit);
    return Math.max(0, this.limits().limit - recent);
  }

  /** Calls waiting, per priority. */
  waiting(): Record<Priority, number> {
    const count = (p: Priority) => [...this.queues[p].values()].reduce((n, q) => n + q.length, 0);
    return { interactive: count('interactive'), background: count('background') };
  }

  /**
   * Estimated ms before a new call of `user` at `priority` starts: the calls served before
   * it (all higher-priority calls, and at its own priority one round of every other user's
   * queue per call of its own) at the current rate.
   */
  estimateWaitMs(user: string, priority: Priority): number {
    let ahead = 0;
    for (const p of PRIORITIES) {
      if (p === priority) break;
      for (const q of this.queues[p].values()) ahead += q.length;
    }
    const own = this.queues[priority].get(user)?.length ?? 0;
    for (const [u, q] of this.queues[priority]) ahead += u === user ? own : Math.min(q.length, own + 1);
    return Math.ceil(((ahead + 1) * 1000) / this.limits().limit);
  }

  /**
   * Waits for one call's slot of the budget; resolves with the function to call when the
   * call has ended (the budget counts the call until one window after that, see
   * call-budget.ts). Rejects with BudgetBusyError when the estimated wait exceeds
   * `maxWaitMs` (at once) and with the signal's reason when it aborts.
   */
  acquire(req: AcquireRequest): Promise<EndCall> {
    req.signal.throwIfAborted();
    if (req.priority === 'interactive') this.lastInteractive = this.now();
    const estimate = this.estimateWaitMs(req.user, req.priority);
    if (estimate > req.maxWaitMs && this.hasWaiters()) {
      return Promise.reject(
        new BudgetBusyError(
          estimate,
          `The account's API budget (${this.limits().limit} calls/s) is taken by other calls; retry in ${Math.ceil(estimate / 1000)} s.`,
        ),
      );
    }
    return new Promise<EndCall>((resolve, reject) => {
      const queue = this.queues[req.priority];
      const onAbort = () => {
        this.remove(waiter);
        reject(req.signal.reason);
      };
      const waiter: Waiter = {
        user: req.user,
        priority: req.priority,
        enqueuedAt: this.now(),
        resolve,
        reject,
        cleanup: () => req.signal.removeEventListener('abort', onAbort),
      };
      req.signal.addEventListener('abort', onAbort, { once: true });
      const list = queue.get(req.user);
      if (list) list.push(waiter);
      else queue.set(req.user, [waiter]);
      void this.pump();
    });
  }

  /**
   * The upstream throttled a call despite the budget: halve the rate (at most once per
   * second) and log the rate observed over the last second.
   */
  async onUpstreamThrottled(): Promise<void> {
    const now = this.now();
    if (this.lowered && now - this.lowered.at < 1000) return;
    const before = this.rate();
    const rate = Math.max(MIN_RATE, before / 2);
    this.lowered = { rate, at: now };
    const observed = await this.opts.budget.recent().catch(() => undefined);
    this.opts.logger?.warn(
      {
        observedCallsPerSecond: observed,
        rateBefore: Math.round(before * 10) / 10,
        rateNow: Math.round(rate * 10) / 10,
        configuredQps: this.opts.qps,
      },
      'upstream throttled despite the budget: rate lowered, recovering by 1 call/s each second',
    );
  }

  /** Stops the timer; waiting calls are refused. */
  close(): void {
    clearTimeout(this.timer);
    for (const p of PRIORITIES)
      for (const q of this.queues[p].values())
        for (const w of q) {
          w.cleanup();
          w.reject(new BudgetBusyError(1000, 'The server is shutting down.'));
        }
    for (const p of PRIORITIES) this.queues[p].clear();
  }

  private hasWaiters(): boolean {
    return PRIORITIES.some((p) => this.queues[p].size > 0);
  }

  private remove(w: Waiter): void {
    const queue = this.queues[w.priority];
    const list = queue.get(w.user);
    if (!list) return;
    const i = list.indexOf(w);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) queue.delete(w.user);
  }

  /** The priority of the call served next. */
  private nextPriority(): Priority {
    return PRIORITIES.find((p) => this.queues[p].size > 0) ?? 'interactive';
  }

  /** The next call to serve: highest priority, then the user whose turn it is. */
  private next(): Waiter | undefined {
    for (const p of PRIORITIES) {
      const queue = this.queues[p];
      const first = queue.entries().next();
      if (first.done) continue;
      const [user, list] = first.value;
      const w = list.shift()!;
      // Round-robin: this user goes to the back of the line.
      queue.delete(user);
      if (list.length > 0) queue.set(user, list);
      return w;
    }
    return undefined;
  }

  /** The EndCall of a granted ticket: tells the budget once, then serves whoever waits. */
  private ender(ticket: string | undefined): EndCall {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (ticket !== undefined)
        void this.opts.budget
          .end(ticket)
          .catch((err: unknown) => this.opts.logger?.error({ err }, 'call budget: ending a call failed'))
          .finally(() => void this.pump());
    };
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.hasWaiters()) {
        const { limit, burst } = this.limits(this.nextPriority());
        let took;
        try {
          took = await this.opts.budget.take(limit, burst);
        } catch (err) {
          // A budget store that fails falls back by itself (redis-budget.ts); never spin here.
          this.opts.logger?.error({ err }, 'call budget failed; asking again in 100 ms');
          took = { taken: false, waitMs: 100 };
        }
        if (!took.taken) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => void this.pump(), took.waitMs);
          return;
        }
        const end = this.ender(took.ticket);
        const w = this.next();
        if (!w) {
          end(); // every waiter left while the budget was asked; the slot goes unused
          return;
        }
        w.cleanup();
        this.opts.onGranted?.(this.now() - w.enqueuedAt, w.priority);
        w.resolve(end);
      }
    } finally {
      this.pumping = false;
    }
  }
}
