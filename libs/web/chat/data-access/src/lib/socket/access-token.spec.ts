import { accessTokenTimes, expiresWithin } from './access-token';

const jwt = (claims: object) => `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.s`;

describe('access token times', () => {
  it('reads exp and iat from a JWT and gives null for anything else', () => {
    expect(accessTokenTimes(jwt({ exp: 1_900_000_000, iat: 1_899_999_100 }))).toEqual({
      expiresAt: 1_900_000_000_000,
      issuedAt: 1_899_999_100_000,
    });
    expect(accessTokenTimes('opaque-token')).toBeNull();
    expect(accessTokenTimes('h.!!!.s')).toBeNull();
  });

  it('counts a token as expiring within the margin, or a fifth of its lifetime when that is shorter', () => {
    const now = 1_000_000_000_000;
    const at = (seconds: number) => now / 1000 + seconds;
    // 15 minutes: the 30 s margin applies.
    expect(expiresWithin(jwt({ iat: at(-880), exp: at(20) }), 30_000, now)).toBe(true);
    expect(expiresWithin(jwt({ iat: at(-860), exp: at(40) }), 30_000, now)).toBe(false);
    // 20 seconds: a fifth of it (4 s) applies, so a fresh token is not renewed at once.
    expect(expiresWithin(jwt({ iat: at(0), exp: at(20) }), 30_000, now)).toBe(false);
    expect(expiresWithin(jwt({ iat: at(-17), exp: at(3) }), 30_000, now)).toBe(true);
    expect(expiresWithin('opaque', 30_000, now)).toBe(false);
  });
});
