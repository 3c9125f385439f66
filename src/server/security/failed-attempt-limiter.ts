import ipaddr from 'ipaddr.js';

/**
 * Counts failed logins per client in fixed one-minute windows. Once a client reaches the
 * limit it is refused (429) until its window ends, so a password cannot be guessed faster
 * than `limit` tries a minute from one address.
 */
export class FailedAttemptLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    /** Bounds memory under a flood of distinct addresses. */
    private readonly maxClients = 50_000,
  ) {}

  /** Whole seconds until `client` may try again; 0 when it is not blocked. */
  retryAfterSeconds(client: string): number {
    const w = this.windows.get(client);
    if (!w) return 0;
    const t = this.now();
    if (w.resetAt <= t) {
      this.windows.delete(client);
      return 0;
    }
    return w.count >= this.limit ? Math.max(1, Math.ceil((w.resetAt - t) / 1000)) : 0;
  }

  recordFailure(client: string): void {
    const t = this.now();
    let w = this.windows.get(client);
    if (!w || w.resetAt <= t) {
      if (this.windows.size >= this.maxClients) this.prune(t);
      w = { count: 0, resetAt: t + this.windowMs };
      this.windows.delete(client);
      this.windows.set(client, w);
    }
    w.count++;
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= t) this.windows.delete(k);
    // Still full: drop the oldest windows (Map keeps insertion order).
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxClients) break;
      this.windows.delete(k);
    }
  }
}

/**
 * The key a client is counted under: its IPv4 address, or the /64 of an IPv6 address
 * (one host usually owns a whole /64 and could rotate through it).
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined || !ipaddr.isValid(address)) return address ?? 'unknown';
  const a = ipaddr.process(address);
  if (a.kind() === 'ipv4') return a.toString();
  const parts = (a as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}
