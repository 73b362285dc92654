/** What a JWT says about its holder, read without checking its signature: for display only. */
export interface TokenClaims {
  role?: string;
  /** Expiry, in ms since the epoch. */
  expiresAt?: number;
}

/** The claims of a JWT (`role`, `exp`), or undefined when it is not one. */
export function readClaims(token: string | undefined): TokenClaims | undefined {
  const body = token?.split('.')[1];
  if (!body) return undefined;
  try {
    const json = atob(body.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(body.length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as { role?: unknown; exp?: unknown };
    return {
      role: typeof claims.role === 'string' ? claims.role : undefined,
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
    };
  } catch {
    return undefined;
  }
}
