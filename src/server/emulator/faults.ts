/** Injected faults: shape, defaults, validation, and the per-key QPS cap. */
import { z } from 'zod';

export interface Faults {
  latencyMs: number;
  jitterMs: number;
  throttleRate: number;
  /** Share of signed calls answered 429 `Throttling.Api` with `x-acs-retry-after` (throttleRetryAfterMs, else 1000). */
  throttleApiRate: number;
  /** Throttled answers carry `x-acs-retry-after: <ms>` (0: no hint). */
  throttleRetryAfterMs: number;
  errorRate: number;
  qpsPerKey: number;
  resetRate: number;
  malformedRate: number;
  trickleMs: number;
  /** Share of signed calls answered with a RAM denial (403 NoPermission with AccessDeniedDetail). */
  ramDenyRate: number;
}

export const NO_FAULTS: Readonly<Faults> = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  throttleRate: 0,
  throttleApiRate: 0,
  throttleRetryAfterMs: 0,
  errorRate: 0,
  qpsPerKey: 0,
  resetRate: 0,
  malformedRate: 0,
  trickleMs: 0,
  ramDenyRate: 0,
});

const ms = z.number().int().min(0).max(600_000);
const rate = z.number().min(0).max(1);

/** A partial Faults object; unknown keys are refused (a typo must not pass silently). */
export const faultsPatchSchema = z.strictObject({
  latencyMs: ms.optional(),
  jitterMs: ms.optional(),
  throttleRate: rate.optional(),
  throttleApiRate: rate.optional(),
  throttleRetryAfterMs: ms.optional(),
  errorRate: rate.optional(),
  qpsPerKey: z.number().int().min(0).max(1_000_000).optional(),
  resetRate: rate.optional(),
  malformedRate: rate.optional(),
  trickleMs: ms.optional(),
  ramDenyRate: rate.optional(),
});

export function mergeFaults(base: Faults, patch: Partial<Faults>): Faults {
  const parsed = faultsPatchSchema.parse(patch);
  const out = { ...base };
  for (const [k, v] of Object.entries(parsed)) if (v !== undefined) out[k as keyof Faults] = v;
  return out;
}

/** One signed call as the QPS guard saw it: when (ms, the emulator's monotonic clock) and whether it passed. */
export interface CallArrival {
  at: number;
  allowed: boolean;
}

/** The most arrivals kept for `/__admin/calls` (the oldest go first). */
const MAX_ARRIVALS = 20_000;

/** Sliding one-second window per access key; keeps every signed call's arrival for tests and benchmarks. */
export class QpsLimiter {
  private readonly hits = new Map<string, number[]>();
  private arrivals: CallArrival[] = [];

  /** Records a request at `now`; false when the key already made `cap` in the last second. */
  allow(key: string, cap: number, now: number): boolean {
    const allowed = this.check(key, cap, now);
    if (this.arrivals.length >= MAX_ARRIVALS) this.arrivals = this.arrivals.slice(MAX_ARRIVALS / 2);
    this.arrivals.push({ at: now, allowed });
    return allowed;
  }

  /** The calls seen so far (at most the last MAX_ARRIVALS), oldest first. */
  calls(): readonly CallArrival[] {
    return this.arrivals;
  }

  private check(key: string, cap: number, now: number): boolean {
    if (cap <= 0) return true;
    let list = this.hits.get(key);
    if (!list) this.hits.set(key, (list = []));
    while (list.length && list[0]! <= now - 1000) list.shift();
    if (list.length >= cap) return false;
    list.push(now);
    return true;
  }
}
