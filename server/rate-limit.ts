/**
 * Token buckets: a burst of `burst` calls per key, refilled at `rate` per `windowMs`. Keys are (client,
 * procedure) for public procedures and the address for magic links. In-process on Node; the Workers entry
 * swaps in Cloudflare's rate-limiting binding.
 */
export interface RateLimiter {
  /** True when the call may go on; false when this key is over its limit. */
  take(key: string, now: number): Promise<boolean> | boolean;
}

/** Keys kept at most: beyond, the least recently seen is forgotten (it had the most time to refill). */
export const MAX_BUCKETS = 100_000;

/**
 * In-memory buckets, O(1) per call and bounded in memory: two generations of at most `maxKeys / 2` keys
 * each. A key seen again moves to the current generation; when it is full, the older generation is
 * dropped whole (no scan, no per-key bookkeeping — a Map with many deletions at its head makes "oldest
 * key" lookups slow in V8). Forgetting a key can only give that client a fresh burst, never refuse anyone;
 * the forgotten ones are those not seen for the longest.
 */
export class MemoryRateLimiter implements RateLimiter {
  private current = new Map<string, { tokens: number; at: number }>();
  private previous = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly rate: number,
    private readonly windowMs = 60_000,
    private readonly burst = rate,
    private readonly maxKeys = MAX_BUCKETS,
  ) {}

  take(key: string, now: number): boolean {
    let b = this.current.get(key);
    if (!b) {
      b = this.previous.get(key);
      if (b) this.previous.delete(key);
      else b = { tokens: this.burst, at: now };
      if (this.current.size >= Math.max(1, this.maxKeys >> 1)) {
        this.previous = this.current;
        this.current = new Map();
      }
      this.current.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + Math.max(0, now - b.at) * (this.rate / this.windowMs));
    b.at = Math.max(b.at, now);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Keys held (tests and the benchmark); at most `maxKeys`. */
  get size(): number {
    return this.current.size + this.previous.size;
  }
}

/** Public procedures: `perMinute` per client and procedure, after a burst of half of it (at least 1). */
export function publicRateLimiter(perMinute: number, maxKeys = MAX_BUCKETS): MemoryRateLimiter {
  return new MemoryRateLimiter(perMinute, 60_000, burstOf(perMinute), maxKeys);
}

export const burstOf = (perMinute: number) => Math.max(1, Math.floor(perMinute / 2));
