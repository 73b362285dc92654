/**
 * SHA-256 and HMAC-SHA256, the one place that chooses how they are computed. On Node, `node:crypto`'s synchronous
 * `createHash`/`createHmac`: WebCrypto there runs each digest as a job on another thread and hands the result back
 * through a promise, ≈ 30 µs of CPU per call against ≈ 3 µs (20,000 calls in process; issue 19: a registration
 * hashes its signup code, derives its cancel secret and hashes that). On Workers, and anywhere
 * without `process.getBuiltinModule`, WebCrypto as before: the Worker bundle imports no Node built-in
 * (bench/worker-size.mjs) and needs no `nodejs_compat`. Both give the same bytes (test/server/digest.test.ts).
 */
import type * as NodeCrypto from 'node:crypto';

type Bytes = Uint8Array<ArrayBuffer>;
/** The two implementations, each complete; `digest` below is the one this runtime uses. */
export interface Digest {
  /** SHA-256 of the UTF-8 bytes of `value`, lowercase hex. */
  sha256Hex(value: string): Promise<string>;
  /** HMAC-SHA256 of the UTF-8 bytes of `message` under the UTF-8 bytes of `secret`. */
  hmac(secret: string, message: string): Promise<Bytes>;
  /** Whether `signature` is that HMAC (constant time). */
  hmacVerify(secret: string, message: string, signature: Bytes): Promise<boolean>;
}

const enc = new TextEncoder();
const hex = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
};

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])));
  return key;
}

export const webDigest: Digest = {
  async sha256Hex(value) {
    return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(value))));
  },
  async hmac(secret, message) {
    return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), enc.encode(message)));
  },
  async hmacVerify(secret, message, signature) {
    return crypto.subtle.verify('HMAC', await hmacKey(secret), signature, enc.encode(message));
  },
};

/** `node:crypto`, taken without an import so that the Worker bundle holds none (undefined outside Node). */
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | typeof NodeCrypto
  | undefined;

function nodeDigestOf(c: typeof NodeCrypto): Digest {
  const hmacBytes = (secret: string, message: string) => new Uint8Array(c.createHmac('sha256', secret).update(message, 'utf8').digest()) as Bytes;
  return {
    sha256Hex: async (value) => c.createHash('sha256').update(value, 'utf8').digest('hex'),
    hmac: async (secret, message) => hmacBytes(secret, message),
    hmacVerify: async (secret, message, signature) => {
      const expected = hmacBytes(secret, message);
      return signature.length === expected.length && c.timingSafeEqual(signature, expected);
    },
  };
}

export const nodeDigest: Digest | null = nodeCrypto ? nodeDigestOf(nodeCrypto) : null;

/** What this runtime uses. */
export const digest: Digest = nodeDigest ?? webDigest;
