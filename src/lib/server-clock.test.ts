import { describe, expect, it } from 'vitest';
import { createServerClock, parseHttpDate, pastEventTime, serverClock, serverTime } from './server-clock';

/** A browser clock the test moves by hand. */
function fakeBrowser(start: number) {
  let t = start;
  return {
    now: () => t,
    set: (v: number) => (t = v),
    advance: (ms: number) => (t += ms),
  };
}

const httpDate = (ms: number) => new Date(ms).toUTCString();
const SERVER = Date.UTC(2026, 10, 29, 12, 0, 0); // a whole second
const MIN = 60_000;

describe('parseHttpDate', () => {
  it.each([
    ['Sun, 29 Nov 2026 12:00:00 GMT', SERVER],
    ['Sunday, 29-Nov-26 12:00:00 GMT', SERVER], // RFC 850, obsolete but allowed
    [null, undefined],
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    ['yesterday', undefined],
    ['Thu, 01 Jan 1970 00:00:00 GMT', undefined], // not a plausible 13-digit ms time
    ['Fri, 01 Jan 2300 00:00:00 GMT', undefined],
  ])('%j → %j', (header, expected) => {
    expect(parseHttpDate(header)).toBe(expected);
  });
});

describe('createServerClock', () => {
  // The server stamps an answer at server time s; the browser's clock reads s - skew.
  // Each case: the browser's skew (browser − server, ms) and the answer's round trip.
  it.each([
    ['browser 10 min behind', -10 * MIN, 40],
    ['browser 10 min ahead', 10 * MIN, 40],
    ['browser 3.7 s behind', -3_700, 10],
    ['browser 250 ms ahead', 250, 10],
    ['clocks agree', 0, 5],
    ['slow answer (2 s round trip), browser 1 h behind', -60 * MIN, 2_000],
  ])('%s: now() is within the Date header resolution of the server time', (_, skew, rtt) => {
    const browser = fakeBrowser(SERVER + 437 + skew);
    const clock = createServerClock(browser.now);
    // Server time at the answer: SERVER + 437 + rtt/2 (stamped mid-way), truncated in the header.
    const sentAt = browser.now();
    const serverAtStamp = SERVER + 437 + rtt / 2;
    browser.advance(rtt);
    expect(clock.record(httpDate(serverAtStamp), sentAt, browser.now())).toBe(true);
    const serverNowTruth = SERVER + 437 + rtt;
    expect(Math.abs(clock.now() - serverNowTruth)).toBeLessThanOrEqual(500 + rtt);
    expect(Math.abs(clock.offsetMs()! - -skew)).toBeLessThanOrEqual(500 + rtt);
  });

  it('narrows the 1 s truncation over several answers', () => {
    const skew = -7_321; // browser behind
    const browser = fakeBrowser(SERVER + skew);
    const clock = createServerClock(browser.now);
    // Answers at different fractions of the server's second, each with a 20 ms round trip.
    for (const frac of [0, 130, 260, 390, 520, 650, 780, 910]) {
      browser.set(SERVER + 10_000 + frac + skew);
      const sent = browser.now();
      browser.advance(20);
      clock.record(httpDate(SERVER + 10_000 + frac + 10), sent, browser.now());
    }
    const [lo, hi] = clock.window()!;
    expect(hi - lo).toBeLessThanOrEqual(200);
    expect(lo).toBeLessThanOrEqual(-skew);
    expect(hi).toBeGreaterThanOrEqual(-skew);
    expect(Math.abs(clock.offsetMs()! - -skew)).toBeLessThanOrEqual(100);
  });

  it.each([
    ['no Date header', null],
    ['an empty one', ''],
    ['an invalid one', 'not a date'],
    ['one outside the plausible range', 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ])('ignores an answer with %s: the browser clock is used as is', (_, header) => {
    const browser = fakeBrowser(SERVER);
    const clock = createServerClock(browser.now);
    expect(clock.record(header, SERVER - 10, SERVER)).toBe(false);
    expect(clock.offsetMs()).toBeUndefined();
    expect(clock.now()).toBe(SERVER);
  });

  it('keeps the estimate it has when a later answer has no usable Date', () => {
    const browser = fakeBrowser(SERVER - 5 * MIN);
    const clock = createServerClock(browser.now);
    clock.record(httpDate(SERVER), browser.now() - 10, browser.now());
    const offset = clock.offsetMs();
    expect(clock.record(undefined, browser.now() - 10, browser.now())).toBe(false);
    expect(clock.record('garbage', browser.now() - 10, browser.now())).toBe(false);
    expect(clock.offsetMs()).toBe(offset);
  });

  it('ignores an answer received before it was sent (the browser clock was set back mid-request)', () => {
    const clock = createServerClock(() => SERVER);
    expect(clock.record(httpDate(SERVER), SERVER, SERVER - 1)).toBe(false);
  });

  it('never goes backwards while the estimate holds, though a narrower window moves the middle back', () => {
    const browser = fakeBrowser(SERVER);
    const clock = createServerClock(browser.now);
    // First answer: a wide window (slow round trip), its middle late.
    clock.record(httpDate(SERVER), SERVER - 1_500, SERVER);
    const seen: number[] = [clock.now()];
    // A fast answer whose window lies in the lower part of the first: the middle moves back.
    browser.advance(100);
    const before = clock.offsetMs()!;
    clock.record(httpDate(SERVER), browser.now() - 5, browser.now());
    expect(clock.offsetMs()!).toBeLessThan(before);
    for (let i = 0; i < 20; i++) {
      seen.push(clock.now());
      browser.advance(37);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    // And it catches up with the browser clock plus the new offset.
    browser.advance(2_000);
    expect(clock.now()).toBe(browser.now() + clock.offsetMs()!);
  });

  it('starts again when a clock moved (windows that do not meet), both ways', () => {
    const browser = fakeBrowser(SERVER);
    const clock = createServerClock(browser.now);
    clock.record(httpDate(SERVER), SERVER - 10, SERVER);
    expect(Math.abs(clock.offsetMs()!)).toBeLessThanOrEqual(1_000);
    // The browser's clock is set 1 h back: the next answer says so.
    browser.set(SERVER - 60 * MIN + 5_000);
    clock.record(httpDate(SERVER + 5_000), browser.now() - 10, browser.now());
    expect(Math.abs(clock.offsetMs()! - 60 * MIN)).toBeLessThanOrEqual(1_000);
    // And set forward again, 2 h this time.
    browser.set(SERVER + 2 * 60 * MIN + 6_000);
    clock.record(httpDate(SERVER + 6_000), browser.now() - 10, browser.now());
    expect(Math.abs(clock.offsetMs()! + 2 * 60 * MIN)).toBeLessThanOrEqual(1_000);
    // After a move back the server time follows the new estimate (the floor is dropped).
    expect(Math.abs(clock.now() - (SERVER + 6_000))).toBeLessThanOrEqual(1_000);
  });

  it('tells its listeners of moves of 1 s or more only', () => {
    const browser = fakeBrowser(SERVER);
    const clock = createServerClock(browser.now);
    let calls = 0;
    const off = clock.subscribe(() => calls++);
    clock.record(httpDate(SERVER), SERVER - 10, SERVER); // offset within ±1 s of 0
    expect(calls).toBe(0);
    browser.set(SERVER - 10 * MIN);
    clock.record(httpDate(SERVER), browser.now() - 10, browser.now());
    expect(calls).toBe(1);
    clock.record(httpDate(SERVER), browser.now() - 10, browser.now()); // same estimate
    expect(calls).toBe(1);
    off();
    browser.set(SERVER + 10 * MIN);
    clock.record(httpDate(SERVER), browser.now() - 10, browser.now());
    expect(calls).toBe(1);
  });
});

describe('pastEventTime', () => {
  it.each([
    ['an event in the past is kept', SERVER - 5_000, SERVER, SERVER - 5_000],
    ['an event stamped after now reads as now', SERVER + 800, SERVER, SERVER],
    ['an event at now is now', SERVER, SERVER, SERVER],
  ])('%s', (_, ms, now, expected) => {
    expect(pastEventTime(ms, now)).toBe(expected);
  });
});

describe('serverTime (the page clock)', () => {
  it("keeps 0 (never) and moves a browser time by the page's offset", () => {
    expect(serverTime(0)).toBe(0);
    const before = serverTime(SERVER);
    expect(before).toBe(SERVER + (serverClock.offsetMs() ?? 0));
    const at = Date.now();
    serverClock.record(httpDate(at + 10 * MIN), at - 5, at);
    expect(Math.abs(serverTime(SERVER) - (SERVER + 10 * MIN))).toBeLessThanOrEqual(1_000);
  });
});
