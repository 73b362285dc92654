/**
 * Token buckets: a burst of `capacity` calls per key, refilled at `capacity` per `windowMs`. Keys are
 * (client, procedure) for public procedures and the address for magic links. In-process on Node; the
 * Workers entry swaps in Cloudflare's rate-limiting binding.
 */
export interface RateLimiter {
  /** True when the call may go on; false when this key is over its limit. */
  take(key: string, now: number): Promise<boolean> | boolean;
}

export class MemoryRateLimiter implements RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly capacity: number,
    private readonly windowMs = 60_000,
  ) {}

  take(key: string, now: number): boolean {
    const rate = this.capacity / this.windowMs;
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + Math.max(0, now - b.at) * rate);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.sweep(now);
    return ok;
  }

  /** Forgets full buckets so memory stays bounded under many clients. */
  private sweep(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * (this.capacity / this.windowMs) >= this.capacity) this.buckets.delete(k);
  }
}
