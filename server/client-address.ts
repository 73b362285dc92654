/**
 * Who is calling, for rate limits. The socket's address, unless the socket is one of the operator's
 * trusted proxies (`FRESK_TRUSTED_PROXIES`: addresses or CIDR ranges), in which case the address the proxy
 * forwards (`X-Forwarded-For`, read from the right, skipping trusted hops). A forwarded header from anyone
 * else is ignored: it is the client's own word. IPv6 clients count per /64 (one customer's allocation, so a
 * single host cannot rotate through its 2^64 addresses to reset its budget).
 *
 * @example
 *   const ip = clientAddress(socketAddress, req.header('x-forwarded-for'), parseTrustedProxies('10.0.0.0/8'));
 */

type Range = { v6: boolean; base: bigint; bits: number };

function parseV4(s: string): bigint | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function parseV6(s: string): bigint | null {
  let text = s.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = parseV4(v4[1]);
    if (n === null) return null;
    text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** An address as a number, IPv4-mapped IPv6 folded to IPv4; null when it is not an address. */
function parse(address: string): { v6: boolean; n: bigint } | null {
  const a = address.trim();
  const v4 = parseV4(a);
  if (v4 !== null) return { v6: false, n: v4 };
  const v6 = a.includes(':') ? parseV6(a) : null;
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { v6: false, n: v6 & 0xffffffffn };
  return { v6: true, n: v6 };
}

/** Parses `FRESK_TRUSTED_PROXIES` (comma-separated addresses or CIDR ranges); ignores what is not one. */
export function parseTrustedProxies(value: string | undefined): Range[] {
  const out: Range[] = [];
  for (const item of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [addr, bitsText] = item.split('/');
    const p = parse(addr);
    if (!p) continue;
    const max = p.v6 ? 128 : 32;
    const bits = bitsText === undefined ? max : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > max) continue;
    const shift = BigInt(max - bits);
    out.push({ v6: p.v6, base: (p.n >> shift) << shift, bits });
  }
  return out;
}

function isTrusted(address: string, ranges: Range[]): boolean {
  const p = parse(address);
  if (!p) return false;
  return ranges.some((r) => r.v6 === p.v6 && (p.n >> BigInt((r.v6 ? 128 : 32) - r.bits)) === r.base >> BigInt((r.v6 ? 128 : 32) - r.bits));
}

/** The rate-limit identity of an address: IPv4 as is, IPv6 as its /64 prefix. */
export function rateIdentity(address: string): string {
  const p = parse(address);
  if (!p) return address.slice(0, 100) || 'unknown';
  if (!p.v6) return [24, 16, 8, 0].map((s) => Number((p.n >> BigInt(s)) & 0xffn)).join('.');
  const prefix = p.n >> 64n;
  return `${[48, 32, 16, 0].map((s) => Number((prefix >> BigInt(s)) & 0xffffn).toString(16)).join(':')}::/64`;
}

/** The caller's rate-limit identity from the socket address and, behind a trusted proxy, the forwarded chain. */
export function clientAddress(socket: string | undefined, forwardedFor: string | undefined, trusted: Range[]): string {
  let address = socket ?? 'unknown';
  if (trusted.length && isTrusted(address, trusted) && forwardedFor) {
    const hops = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      address = hops[i];
      if (!isTrusted(address, trusted)) break;
    }
  }
  return rateIdentity(address);
}
