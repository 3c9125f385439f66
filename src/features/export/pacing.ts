/**
 * Request pacing for the export: request starts are spaced at least 1000/rate ms apart,
 * so in any one-second window at most `rate` requests start (retries included), and a
 * throttled answer pauses every request of the export until the back-off has passed.
 */
export class AbortedError extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'AbortError';
  }
}

export function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e instanceof AbortedError);
}

/** setTimeout as a promise that rejects at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep };

export class RequestPacer {
  readonly intervalMs: number;
  private nextStart = 0;
  private pausedUntil = 0;

  constructor(
    maxRequestsPerSecond: number,
    private readonly clock: Clock = realClock,
  ) {
    if (!(maxRequestsPerSecond > 0) || !Number.isFinite(maxRequestsPerSecond)) {
      throw new RangeError(`maxRequestsPerSecond must be a positive number, got ${maxRequestsPerSecond}`);
    }
    this.intervalMs = Math.ceil(1000 / maxRequestsPerSecond);
  }

  /** Resolves when a request may start, and claims that start. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new AbortedError();
      const now = this.clock.now();
      const at = Math.max(this.nextStart, this.pausedUntil);
      if (at <= now) {
        this.nextStart = now + this.intervalMs;
        return;
      }
      // Re-check after waking: another waiter may have claimed the slot meanwhile.
      await this.clock.sleep(at - now, signal);
    }
  }

  /** No request starts before `untilMs` (a server asked us to slow down). */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }
}
