import { describe, expect, it } from 'vitest';
import { digest, nodeDigest, webDigest } from '../../server/digest.ts';
import { checkJwt, hmac, signJwt } from '../../server/auth.ts';

// The corpus: empty, ASCII, every length around SHA-256's 64-byte block, accents and emoji, a lone surrogate
// (both encode it as U+FFFD), long values, keys longer than a block (hashed first by HMAC).
const values = [
  '',
  'a',
  'fresk-link:0b9c3f1e-2f4d-4c55-9d1e-8a7b6c5d4e3f',
  'email:élodie@exemple.fr',
  'sub:42',
  'Nguyễn Ōkubo 李雷 🌍',
  'lone \ud800 surrogate',
  'x'.repeat(10_000),
  ...Array.from({ length: 70 }, (_, n) => 'é'.repeat(n % 3) + 'k'.repeat(n)),
];
const secrets = ['s', 'dev-secret-change-me', 'clé secrète', 'K'.repeat(65), 'K'.repeat(200), '🔑'];

describe('server/digest.ts', () => {
  it('uses node:crypto on Node (WebCrypto only where there is no process.getBuiltinModule)', () => {
    expect(nodeDigest).not.toBeNull();
    expect(digest).toBe(nodeDigest);
  });

  it('gives the same SHA-256 on node:crypto and WebCrypto, and the known vectors', async () => {
    for (const v of values) expect(await nodeDigest!.sha256Hex(v), JSON.stringify(v.slice(0, 40))).toBe(await webDigest.sha256Hex(v));
    expect(await nodeDigest!.sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await webDigest.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the same HMAC-SHA256 on node:crypto and WebCrypto, and RFC 4231 test case 2', async () => {
    for (const s of secrets)
      for (const v of values) {
        const web = await webDigest.hmac(s, v);
        expect(Buffer.from(await nodeDigest!.hmac(s, v)).toString('hex')).toBe(Buffer.from(web).toString('hex'));
        expect(await nodeDigest!.hmacVerify(s, v, web)).toBe(true);
        expect(await webDigest.hmacVerify(s, v, await nodeDigest!.hmac(s, v))).toBe(true);
      }
    const rfc = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(Buffer.from(await nodeDigest!.hmac('Jefe', 'what do ya want for nothing?')).toString('hex')).toBe(rfc);
    expect(Buffer.from(await webDigest.hmac('Jefe', 'what do ya want for nothing?')).toString('hex')).toBe(rfc);
  });

  it('refuses a wrong, truncated or longer signature on both', async () => {
    const good = await webDigest.hmac('k', 'm');
    const flipped = good.slice();
    flipped[31] ^= 1;
    for (const d of [nodeDigest!, webDigest]) {
      expect(await d.hmacVerify('k', 'm', flipped)).toBe(false);
      expect(await d.hmacVerify('k', 'm', good.slice(0, 31))).toBe(false);
      expect(await d.hmacVerify('k', 'm', new Uint8Array([...good, 0]))).toBe(false);
      expect(await d.hmacVerify('k2', 'm', good)).toBe(false);
    }
  });

  it('signs and verifies JWTs as before (base64url of the HMAC)', async () => {
    const secret = 'dev-secret-change-me';
    const claims = { sub: 'u1', email: 'a@example.org', name: 'A', role: 'facilitator' as const, exp: 2_000_000_000 };
    const jwt = await signJwt(claims, secret);
    const [head, body, sig] = jwt.split('.');
    expect(sig).toBe(Buffer.from(await webDigest.hmac(secret, `${head}.${body}`)).toString('base64url'));
    expect(await hmac(secret, 'x')).toBe(Buffer.from(await webDigest.hmac(secret, 'x')).toString('base64url'));
    expect((await checkJwt(jwt, secret, 1_999_990_000_000)).claims?.sub).toBe('u1');
    expect((await checkJwt(jwt, 'other', 1_999_990_000_000)).claims).toBeNull();
    expect((await checkJwt(`${head}.${body}.${sig.slice(0, -2)}`, secret, 1_999_990_000_000)).claims).toBeNull();
  });
});
