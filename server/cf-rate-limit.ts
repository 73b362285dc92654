/**
 * Rate limiting on Workers through Cloudflare's rate-limiting binding (`[[ratelimits]]` in wrangler.toml),
 * behind the same `RateLimiter` interface as the Node build's in-process token buckets.
 *
 * The binding counts per Cloudflare location and per key, over a period of 10 or 60 seconds, and is
 * eventually consistent: it is abuse protection, not an exact quota. Keys are hashed (SHA-256) before they
 * leave the Worker, so no email address or IP address is handed to the counter as is.
 */
import type { RateLimitBinding } from './bindings.ts';
import type { RateLimiter } from './rate-limit.ts';

const enc = new TextEncoder();

async function hashKey(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(key)));
  let s = '';
  for (const b of digest) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class CloudflareRateLimiter implements RateLimiter {
  constructor(
    private readonly binding: RateLimitBinding,
    private readonly label = 'ratelimit',
  ) {}

  async take(key: string): Promise<boolean> {
    try {
      const { success } = await this.binding.limit({ key: await hashKey(key) });
      return success;
    } catch (error) {
      // The counter is unavailable: let the call through (availability over strictness) and say so.
      console.error(`[${this.label}] rate-limit binding failed, allowing the call:`, (error as Error).message);
      return true;
    }
  }
}

/** A call goes on only when every limiter lets it (each one counts it). */
export function allOf(...limiters: RateLimiter[]): RateLimiter {
  return {
    async take(key, now) {
      const answers = await Promise.all(limiters.map((l) => l.take(key, now)));
      return answers.every(Boolean);
    },
  };
}
