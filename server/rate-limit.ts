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
 * In-memory buckets, O(1) per call and bounded in memory: the Map's insertion order is the recency order
 * (a key seen again is moved to the end), so the least recently seen key is always the first one and is
 * dropped in O(1) when the map is full. Forgetting a key can only give that client a fresh burst, never
 * refuse anyone; an attacker rotating through more than `maxKeys` addresses gains nothing they would not
 * get from the per-address limit anyway.
 */
export class MemoryRateLimiter implements RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly rate: number,
    private readonly windowMs = 60_000,
    private readonly burst = rate,
    private readonly maxKeys = MAX_BUCKETS,
  ) {}

  take(key: string, now: number): boolean {
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key);
      b.tokens = Math.min(this.burst, b.tokens + Math.max(0, now - b.at) * (this.rate / this.windowMs));
      b.at = now;
    } else {
      b = { tokens: this.burst, at: now };
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Keys held (tests and the benchmark). */
  get size(): number {
    return this.buckets.size;
  }
}

/** Public procedures: `perMinute` per client and procedure, after a burst of half of it (at least 1). */
export function publicRateLimiter(perMinute: number, maxKeys = MAX_BUCKETS): MemoryRateLimiter {
  return new MemoryRateLimiter(perMinute, 60_000, burstOf(perMinute), maxKeys);
}

export const burstOf = (perMinute: number) => Math.max(1, Math.floor(perMinute / 2));
