/**
 * The in-memory rate limiter at scale: 100,000 client addresses (its bound), then callers beyond it, so
 * every call also evicts. Prints per-call medians and the bucket count; asserts nothing (figures only).
 *
 *   node --import tsx bench/rate-limit.ts
 */
import { MAX_BUCKETS, publicRateLimiter } from '../server/rate-limit.ts';

const ADDRESSES = 100_000;
const ROUNDS = 7;
const limiter = publicRateLimiter(60);
const key = (i: number) => `198.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}|participants.register`;

function timeCalls(from: number, count: number, now: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = from; i < from + count; i++) limiter.take(key(i), now);
  return Number(process.hrtime.bigint() - t0) / count;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fill: number[] = [];
const hot: number[] = [];
const evicting: number[] = [];
let now = Date.parse('2027-03-01T09:00:00Z');
for (let round = 0; round < ROUNDS; round++) {
  fill.push(timeCalls(round * ADDRESSES, ADDRESSES, now)); // new keys: at the bound, each evicts the oldest
  now += 10;
  hot.push(timeCalls(round * ADDRESSES, ADDRESSES, now)); // the same keys again: lookups and refills
  evicting.push(timeCalls((round + 50) * ADDRESSES, 10_000, now)); // strangers beyond the bound
}
const heap = process.memoryUsage().heapUsed / 1e6;
console.log(`rate limiter, ${ADDRESSES.toLocaleString('en')} addresses, bound ${MAX_BUCKETS.toLocaleString('en')} buckets, ${ROUNDS} rounds (medians):`);
console.log(`  new address      ${(median(fill) / 1000).toFixed(2)} µs/call`);
console.log(`  known address    ${(median(hot) / 1000).toFixed(2)} µs/call`);
console.log(`  beyond the bound ${(median(evicting) / 1000).toFixed(2)} µs/call (each evicts one)`);
console.log(`  buckets held     ${limiter.size.toLocaleString('en')}; heap ${heap.toFixed(0)} MB`);
