import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryCallBudget, RUNNING_POLL_MS, SAFETY_MS, WINDOW_MS, slidingWindowWait } from './call-budget';
import { BudgetBusyError, UpstreamScheduler, type Priority } from './scheduler';

describe('slidingWindowWait', () => {
  it.each([
    ['empty window', [], 1000, 10, 10, 0],
    ['nine of ten taken', [100, 200, 300, 400, 500, 600, 700, 800, 900], 1000, 10, 10, 0],
    [
      'ten of ten taken: wait for the oldest to leave the window',
      [100, 200, 300, 400, 500, 600, 700, 800, 900, 950],
      1000,
      10,
      10,
      100 + WINDOW_MS + SAFETY_MS - 1000,
    ],
    ['old calls do not count', [0, 1, 2], 2000, 3, 3, 0],
    [
      'the calls that fill the window still run: ask again shortly, their ends are not known',
      [100, Infinity, Infinity],
      950,
      2,
      2,
      RUNNING_POLL_MS,
    ],
    [
      'an ended call blocks the window: wait for it to leave, running ones after it do not matter',
      [100, 200, Infinity],
      950,
      3,
      3,
      100 + WINDOW_MS + SAFETY_MS - 950,
    ],
    ['a running call counts in every window until it ends', [Infinity], 50_000, 1, 1, RUNNING_POLL_MS],
    [
      'burst 2 of limit 10: a third call at once waits',
      [1000, 1000],
      1000,
      10,
      2,
      Math.ceil((2 * (WINDOW_MS + SAFETY_MS)) / 10),
    ],
  ])('%s', (_name, starts, now, limit, burst, wait) => {
    expect(slidingWindowWait(starts, now, limit, burst)).toBe(wait);
  });
});

describe('MemoryCallBudget', () => {
  it('never lets more than the limit start within any second, under a flood', () => {
    let now = 0;
    const budget = new MemoryCallBudget(() => now);
    const starts: number[] = [];
    for (now = 0; now < 10_000; now += 7) {
      const took = budget.takeSync(10, 10);
      if (!took.taken) continue;
      starts.push(now);
      void budget.end(took.ticket!);
    }
    for (let i = 10; i < starts.length; i++)
      expect(starts[i]! - starts[i - 10]!).toBeGreaterThanOrEqual(WINDOW_MS);
    // …and keeps close to the rate: ten calls per window of WINDOW_MS + SAFETY_MS.
    expect(starts.length).toBeGreaterThanOrEqual(Math.floor((10_000 / (WINDOW_MS + SAFETY_MS + 7)) * 10));
  });

  it('counts a call until one window after its end, however late it ends: the upstream saw it before its answer', () => {
    let now = 0;
    const budget = new MemoryCallBudget(() => now);
    const slow = budget.takeSync(2, 2);
    expect(budget.takeSync(2, 2).taken).toBe(true);
    now = 5000;
    // The slow call still runs: the window is full whatever the clock says.
    expect(budget.takeSync(2, 2)).toEqual({ taken: false, waitMs: RUNNING_POLL_MS });
    void budget.end(slow.ticket!);
    now = 5000 + WINDOW_MS + SAFETY_MS - 1;
    expect(budget.takeSync(2, 2).taken).toBe(false);
    now = 5000 + WINDOW_MS + SAFETY_MS;
    expect(budget.takeSync(2, 2).taken).toBe(true);
  });

  it('a call whose end is never reported counts as ended after its lease', () => {
    let now = 0;
    const budget = new MemoryCallBudget(() => now, 3000);
    budget.takeSync(1, 1);
    now = 3000 + WINDOW_MS + SAFETY_MS - 1;
    expect(budget.takeSync(1, 1).taken).toBe(false);
    now = 3000 + WINDOW_MS + SAFETY_MS + 1;
    expect(budget.takeSync(1, 1).taken).toBe(true);
  });
});

describe('UpstreamScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const make = (qps = 10, burst = qps) =>
    new UpstreamScheduler({
      qps,
      burst,
      budget: new MemoryCallBudget(() => Date.now()),
      now: () => Date.now(),
    });
  const never = new AbortController().signal;

  /** Enqueues calls and records the order they are granted in. */
  function run(s: UpstreamScheduler, calls: [user: string, priority: Priority][], order: string[]) {
    return calls.map(([user, priority], i) =>
      s.acquire({ user, priority, signal: never, maxWaitMs: 600_000 }).then((end) => {
        order.push(`${user}:${priority}:${i}`);
        end();
      }),
    );
  }

  it('serves interactive calls before background ones queued earlier', async () => {
    const s = make(2);
    const order: string[] = [];
    const done = run(
      s,
      [
        ['export', 'background'],
        ['export', 'background'],
        ['export', 'background'],
        ['export', 'background'],
        ['list', 'interactive'],
      ],
      order,
    );
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(done);
    // Queued last, the list's call goes first; the export's pages follow in order.
    expect(order).toEqual([
      'list:interactive:4',
      'export:background:0',
      'export:background:1',
      'export:background:2',
      'export:background:3',
    ]);
  });

  it("is fair between users: a second export is not stuck behind the first one's queue", async () => {
    const s = make(5);
    const order: string[] = [];
    const calls: [string, Priority][] = [
      ...Array.from({ length: 20 }, (): [string, Priority] => ['alice', 'background']),
      ...Array.from({ length: 4 }, (): [string, Priority] => ['bob', 'background']),
    ];
    const done = run(s, calls, order);
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(done);
    // Alice's first five used the burst; then turns alternate, so Bob's four are among the next eight.
    const bobDone = order.findLastIndex((o) => o.startsWith('bob'));
    expect(bobDone).toBeLessThan(5 + 8);
  });

  it('keeps to the rate: no more than qps grants within any window', async () => {
    const s = make(4);
    const at: number[] = [];
    const done = Array.from({ length: 20 }, (_, i) =>
      s
        .acquire({ user: `u${i % 3}`, priority: 'interactive', signal: never, maxWaitMs: 600_000 })
        .then((end) => {
          at.push(Date.now());
          end();
        }),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(done);
    for (let i = 4; i < at.length; i++) expect(at[i]! - at[i - 4]!).toBeGreaterThanOrEqual(WINDOW_MS);
  });

  it('refuses at once, with a truthful retry time, a call that would wait longer than it may', async () => {
    const s = make(2);
    const order: string[] = [];
    const queued = run(
      s,
      Array.from({ length: 10 }, (): [string, Priority] => ['alice', 'interactive']),
      order,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toHaveLength(2);
    const refused = s.acquire({ user: 'bob', priority: 'background', signal: never, maxWaitMs: 1000 });
    const err = await refused.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BudgetBusyError);
    // Eight interactive calls still wait at 2 calls/s, then Bob's: about 4.5 s.
    expect((err as BudgetBusyError).retryAfterMs).toBe(4500);
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(queued);
  });

  it('a caller that leaves is taken out of the queue', async () => {
    const s = make(1);
    (await s.acquire({ user: 'a', priority: 'interactive', signal: never, maxWaitMs: 60_000 }))();
    const leave = new AbortController();
    const left = s.acquire({ user: 'a', priority: 'interactive', signal: leave.signal, maxWaitMs: 60_000 });
    expect(s.waiting().interactive).toBe(1);
    leave.abort(new Error('gone'));
    await expect(left).rejects.toThrow('gone');
    expect(s.waiting().interactive).toBe(0);
  });

  it('while people browse, exports leave a fifth of the window free: a list asked for starts at once', async () => {
    const s = make(10);
    const granted: string[] = [];
    const take = (user: string, priority: Priority) =>
      s.acquire({ user, priority, signal: never, maxWaitMs: 600_000 }).then((end) => {
        granted.push(`${user}@${Date.now()}`);
        end();
      });
    // Nobody browsing: an export may use the whole window.
    const alone = Array.from({ length: 12 }, () => take('export', 'background'));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(alone);
    // Someone opens a list: for the next seconds exports take at most 8 of 10.
    await take('analyst', 'interactive');
    await vi.advanceTimersByTimeAsync(WINDOW_MS + SAFETY_MS);
    granted.length = 0;
    const busy = Array.from({ length: 12 }, () => take('export', 'background'));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(8);
    const t = Date.now();
    await take('analyst', 'interactive');
    expect(Date.now() - t).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(busy);
  });

  it('halves the rate when the upstream throttles and recovers by 1 call/s each second', async () => {
    const s = make(10);
    await s.onUpstreamThrottled();
    expect(s.rate()).toBe(5);
    // A second throttled answer within the same second does not halve again.
    await s.onUpstreamThrottled();
    expect(s.rate()).toBe(5);
    vi.advanceTimersByTime(2000);
    expect(s.rate()).toBe(7);
    await s.onUpstreamThrottled();
    expect(s.rate()).toBe(3.5);
    vi.advanceTimersByTime(60_000);
    expect(s.rate()).toBe(10);
  });
});
