import { describe, expect, it } from 'vitest';
import { AttemptTimeoutError } from './errors';
import { backoffDelay, withRetries, type RetryPolicy } from './retry';

const fast: RetryPolicy = { retries: 3, timeoutMs: 200, deadlineMs: 2000, baseDelayMs: 1, maxDelayMs: 5 };
const never = new AbortController().signal;
const transient = new Error('transient');
const fatal = new Error('fatal');
const retryTransient = (e: unknown) => e === transient;

describe('backoffDelay (full jitter)', () => {
  it.each([
    [0, 0.999, 99],
    [1, 0.999, 199],
    [3, 0.5, 400],
    [10, 0.999, 1998],
    [10, 0, 0],
  ])('retry %i with random %f sleeps %i ms', (n, r, ms) => {
    expect(backoffDelay(n, { ...fast, baseDelayMs: 100, maxDelayMs: 2000, random: () => r })).toBe(ms);
  });
});

describe('withRetries', () => {
  it('returns the first success', async () => {
    let calls = 0;
    const r = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw transient;
        return 'ok';
      },
      retryTransient,
      fast,
      never,
    );
    expect(r).toEqual({ ok: true, value: 'ok', attempts: 3 });
  });

  it('stops at once on a non-retryable error', async () => {
    let calls = 0;
    const r = await withRetries(
      async () => {
        calls++;
        throw fatal;
      },
      retryTransient,
      fast,
      never,
    );
    expect(r).toMatchObject({ ok: false, error: fatal, attempts: 1 });
    expect(calls).toBe(1);
  });

  it('gives up after the configured retries', async () => {
    const r = await withRetries(
      async () => {
        throw transient;
      },
      retryTransient,
      fast,
      never,
    );
    expect(r).toMatchObject({ ok: false, error: transient, attempts: 4 });
  });

  it('times out an attempt that hangs, through its signal', async () => {
    const r = await withRetries(
      (signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
      (e) => e instanceof AttemptTimeoutError,
      { ...fast, retries: 1, timeoutMs: 50 },
      never,
    );
    expect(r.ok).toBe(false);
    expect(r.error).toBeInstanceOf(AttemptTimeoutError);
    expect(r.attempts).toBe(2);
  });

  it('keeps within the total deadline, shortening the last attempt', async () => {
    const started = Date.now();
    const r = await withRetries(
      (signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
      () => true,
      { retries: 10, timeoutMs: 100, deadlineMs: 250, baseDelayMs: 1, maxDelayMs: 1 },
      never,
    );
    const elapsed = Date.now() - started;
    expect(r.ok).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(200);
    expect(elapsed).toBeLessThan(400);
    expect(r.attempts).toBeLessThanOrEqual(3);
  });

  it('starts no further attempt once the caller aborts', async () => {
    const caller = new AbortController();
    let calls = 0;
    const r = await withRetries(
      async () => {
        calls++;
        caller.abort(new Error('gone'));
        throw transient;
      },
      retryTransient,
      { ...fast, baseDelayMs: 50, maxDelayMs: 50 },
      caller.signal,
    );
    expect(calls).toBe(1);
    expect(r).toMatchObject({ ok: false, attempts: 1 });
    expect((r.error as Error).message).toBe('gone');
  });

  it('interrupts the back-off sleep when the caller aborts', async () => {
    const caller = new AbortController();
    const started = Date.now();
    setTimeout(() => caller.abort(new Error('gone')), 30);
    const r = await withRetries(
      async () => {
        throw transient;
      },
      retryTransient,
      {
        retries: 3,
        timeoutMs: 100,
        deadlineMs: 20_000,
        baseDelayMs: 5000,
        maxDelayMs: 5000,
        random: () => 0.99,
      },
      caller.signal,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect((r.error as Error).message).toBe('gone');
  });
});
