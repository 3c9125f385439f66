import { describe, expect, it } from 'vitest';
import { AbortedError, RequestPacer, sleep, type Clock } from './pacing';
import { backoffDelay, DEFAULT_BACKOFF, isRetryable, isThrottling } from './retry';

describe('isRetryable / isThrottling', () => {
  it.each([
    [{ status: 429, code: 'Throttling.User' }, true, true],
    [{ status: 400, code: 'Throttling.User' }, true, true], // statuses for throttling vary
    [{ status: 503, code: 'Throttling.User' }, true, true],
    [{ status: 503, code: 'ServiceUnavailable' }, true, false],
    [{ status: 502, code: 'UpstreamUnavailable' }, true, false],
    [{ status: 504, code: 'UpstreamTimeout' }, true, false],
    [{ status: 500, code: 'InternalError' }, true, false],
    [{ network: true }, true, false],
    [{ status: 200, malformed: true }, true, false],
    [{ status: 400, code: 'InvalidParameter' }, false, false],
    [{ status: 403, code: 'Forbidden.RAM' }, false, false],
    [{ status: 404, code: 'InvalidAction.NotFound' }, false, false],
  ])('%j → retry %s, throttling %s', (f, retry, throttle) => {
    expect(isRetryable(f)).toBe(retry);
    expect(isThrottling(f)).toBe(throttle);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter between half and the full step, capped', () => {
    const f = { status: 429 };
    for (const [attempt, step] of [
      [1, 500],
      [2, 1000],
      [3, 2000],
      [10, DEFAULT_BACKOFF.maxDelayMs],
    ] as const) {
      expect(backoffDelay(f, attempt, 0, () => 0)).toBe(step / 2);
      expect(backoffDelay(f, attempt, 0, () => 0.999999)).toBeCloseTo(step, -1);
    }
    expect(backoffDelay({ status: 503 }, 1, 0, () => 0)).toBe(DEFAULT_BACKOFF.errorBaseMs / 2);
  });

  it('never retries earlier than Retry-After, and caps an absurd one', () => {
    expect(backoffDelay({ status: 429, retryAfter: '3' }, 1, 0, () => 0)).toBe(3000);
    expect(backoffDelay({ status: 429, retryAfter: '86400' }, 1, 0, () => 0)).toBe(
      DEFAULT_BACKOFF.maxRetryAfterMs,
    );
  });

  it.each([
    // [Retry-After, attempt, random, delay]: at least Retry-After, plus up to half the step of jitter
    ['1', 1, 0, 1000],
    ['1', 1, 0.5, 1125],
    ['1', 1, 0.999999, 1250],
    ['1', 3, 0.5, 1500],
    ['0', 1, 0.5, 375],
    ['86400', 10, 0.999999, DEFAULT_BACKOFF.maxRetryAfterMs + DEFAULT_BACKOFF.maxDelayMs / 2],
  ] as const)('Retry-After %s, attempt %i, random %f → %i ms', (after, attempt, r, ms) => {
    expect(backoffDelay({ status: 429, retryAfter: after }, attempt, 0, () => r)).toBe(ms);
  });
});

/** A virtual clock: sleeping advances time, so pacing is checked exactly and fast. */
function virtualClock(): Clock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new AbortedError();
      await Promise.resolve();
      c.t += ms;
    },
  };
  return c;
}

describe('RequestPacer', () => {
  it('spaces request starts so no one-second window holds more than the rate', async () => {
    const clock = virtualClock();
    const pacer = new RequestPacer(8, clock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let i = 0; i < 10; i++) {
          await pacer.acquire();
          starts.push(clock.now());
        }
      }),
    );
    starts.sort((a, b) => a - b);
    expect(starts).toHaveLength(30);
    for (const s of starts)
      expect(starts.filter((x) => x >= s && x < s + 1000).length).toBeLessThanOrEqual(8);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(125);
  });

  it('holds every start until a pause has passed', async () => {
    const clock = virtualClock();
    const pacer = new RequestPacer(100, clock);
    await pacer.acquire();
    pacer.pauseUntil(5000);
    await pacer.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(5000);
  });

  it('rejects a bad rate and stops waiting on abort', async () => {
    expect(() => new RequestPacer(0)).toThrow(/maxRequestsPerSecond/);
    const pacer = new RequestPacer(1);
    await pacer.acquire();
    const ac = new AbortController();
    const p = pacer.acquire(ac.signal);
    ac.abort();
    await expect(p).rejects.toThrow(/cancelled/);
    await expect(sleep(10_000, AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
  });
});
