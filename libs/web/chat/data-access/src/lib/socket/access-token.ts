interface AccessTokenTimes {
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
  /** When it was issued (ms since the epoch), if the token says. */
  issuedAt: number | null;
}

/**
 * The `exp` and `iat` claims of a JWT access token, read without verifying it (the server does
 * that); null when the token is not a readable JWT.
 */
export function accessTokenTimes(token: string): AccessTokenTimes | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as {
      exp?: unknown;
      iat?: unknown;
    };
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return null;
    const issuedAt = typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? claims.iat * 1000 : null;
    return { expiresAt: claims.exp * 1000, issuedAt };
  } catch {
    return null;
  }
}

/**
 * True when the token is expired or will be within `marginMs`, or within a fifth of its lifetime if
 * that is shorter (so short-lived tokens are not renewed on every handshake). Unreadable tokens are
 * assumed fine: the server's answer decides.
 */
export function expiresWithin(token: string, marginMs: number, now = Date.now()): boolean {
  const times = accessTokenTimes(token);
  if (times === null) return false;
  const lifetime = times.issuedAt === null ? Infinity : times.expiresAt - times.issuedAt;
  return times.expiresAt - now <= Math.min(marginMs, lifetime / 5);
}
