/**
 * Everything one emulator holds between requests: the dataset and its index, the
 * injected faults, the random streams, the replay and QPS guards, live mode, and the
 * timers that must all stop on close.
 */
import { generateDataset } from './dataset';
import { NO_FAULTS, QpsLimiter, mergeFaults, type Faults } from './faults';
import { liveTick } from './live';
import { NonceStore } from './nonce-store';
import { DEFAULTS, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, type EmulatorOptions } from './options';
import { createRng, deriveSeed, type Rng } from './prng';
import { TaskIndex } from './query-engine';
import { DATE_WINDOW_MS } from './verify';

export interface EmulatorState {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly now: () => number;
  readonly index: TaskIndex;
  readonly nonces: NonceStore;
  readonly qps: QpsLimiter;
  /** Draws for fault injection (not the data's stream, so faults never change the data). */
  readonly faultRng: Rng;
  faults(): Faults;
  /** Merges a validated patch; throws on an invalid value. */
  setFaults(patch: Partial<Faults>): Faults;
  isLive(): boolean;
  setLive(on: boolean): void;
  /** Waits `ms`, or less if the emulator closes meanwhile. */
  sleep(ms: number): Promise<void>;
  isClosed(): boolean;
  /** Stops live mode and wakes every pending sleep. */
  close(): void;
}

export function createEmulatorState(opts: EmulatorOptions): EmulatorState {
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? DEFAULTS.seed;
  const liveIntervalMs = opts.liveIntervalMs ?? DEFAULTS.liveIntervalMs;
  let faults = mergeFaults(NO_FAULTS, opts.faults ?? {});
  const { tasks, factory } = generateDataset(seed, opts.tasks ?? DEFAULTS.tasks, now());
  const index = new TaskIndex(tasks);
  const liveRng = createRng(deriveSeed(seed, 'live'));

  // Everything that could keep the process or a request alive after close().
  const timers = new Set<NodeJS.Timeout>();
  const pendingSleeps = new Set<() => void>();
  let closed = false;
  let liveTimer: NodeJS.Timeout | undefined;

  const setLive = (on: boolean) => {
    if (liveTimer) clearInterval(liveTimer);
    liveTimer = undefined;
    if (on && !closed) {
      liveTimer = setInterval(() => liveTick(index, factory, liveRng, now()), liveIntervalMs);
      liveTimer.unref();
    }
  };

  return {
    accessKeyId: opts.accessKeyId ?? DEMO_ACCESS_KEY_ID,
    accessKeySecret: opts.accessKeySecret ?? DEMO_ACCESS_KEY_SECRET,
    now,
    index,
    nonces: new NonceStore(DATE_WINDOW_MS),
    qps: new QpsLimiter(),
    faultRng: createRng(deriveSeed(seed, 'faults')),
    faults: () => faults,
    setFaults: (patch) => (faults = mergeFaults(faults, patch)),
    isLive: () => liveTimer !== undefined,
    setLive,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        if (ms <= 0 || closed) return resolve();
        const done = () => {
          clearTimeout(timer);
          timers.delete(timer);
          pendingSleeps.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        timers.add(timer);
        pendingSleeps.add(done);
      }),
    isClosed: () => closed,
    close: () => {
      closed = true;
      setLive(false);
      for (const wake of [...pendingSleeps]) wake();
      for (const t of timers) clearTimeout(t);
    },
  };
}
