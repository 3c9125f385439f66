/**
 * Remembers signature nonces until the request's date leaves the 15-minute window (after
 * that the date check refuses a replay anyway), with a hard cap on memory (500k nonces,
 * about 100 MB at worst: far above what a 20 s load test at a few thousand calls/s needs).
 */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 500_000,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /**
   * Records a nonce; false if it was used already. 'full' when the cap is reached even
   * after dropping expired entries: refusing is safer than forgetting (which would
   * allow a replay).
   */
  use(key: string, requestDateMs: number, now: number): boolean | 'full' {
    if (now - this.lastSweep > 10_000 || this.seen.size >= this.maxEntries) this.sweep(now);
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > now) return false;
    if (this.seen.size >= this.maxEntries) return 'full';
    this.seen.set(key, Math.max(requestDateMs, now) + this.windowMs);
    return true;
  }

  sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, exp] of this.seen) if (exp <= now) this.seen.delete(k);
  }
}
