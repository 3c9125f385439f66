/**
 * The short answer cache (UPSTREAM_CACHE_MS): successful upstream bodies by call key
 * (scheduled-upstream.ts callKey). In this process by default; in Redis with REDIS_URL so
 * every replica reuses them.
 */
export interface AnswerCache {
  get(key: string): Promise<Record<string, unknown> | undefined>;
  set(key: string, body: Record<string, unknown>): Promise<void>;
}

/** At most `maxEntries` answers, each kept `ttlMs`; the oldest go first. */
export class MemoryAnswerCache implements AnswerCache {
  private readonly entries = new Map<string, { body: Record<string, unknown>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string): Promise<Record<string, unknown> | undefined> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return Promise.resolve(hit.body);
    if (hit) this.entries.delete(key);
    return Promise.resolve(undefined);
  }

  set(key: string, body: Record<string, unknown>): Promise<void> {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { body, expires: this.now() + this.ttlMs });
    return Promise.resolve();
  }
}
