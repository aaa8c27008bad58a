import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/config.schema';
import { AccessTokenService } from './access-token.service';

function serviceWith(overrides: Partial<AppConfig['jwt']> = {}): AccessTokenService {
  const { config } = loadConfig({ JWT_SECRET: 'a'.repeat(32) });
  return new AccessTokenService(new JwtService(), { ...config, jwt: { ...config.jwt, ...overrides } });
}

describe('AccessTokenService', () => {
  const user = { id: '0123456789abcdef01234567', role: 'member' as const };

  it('round-trips the caller, session and expiry', async () => {
    const service = serviceWith();
    const before = Date.now();
    const caller = await service.verify(await service.sign(user, 'session-1'));
    expect(caller).toMatchObject({ id: user.id, role: 'member', sessionId: 'session-1' });
    expect(caller?.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 15 * 60 * 1000);
  });

  it('refuses an expired token', async () => {
    const service = serviceWith({ accessTtlSeconds: 1 });
    const token = await service.sign(user, 'session-1');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await service.verify(token)).toBeNull();
  });

  it('refuses a token signed with another secret', async () => {
    const token = await serviceWith({ secret: 'b'.repeat(32) }).sign(user, 's');
    expect(await serviceWith().verify(token)).toBeNull();
  });

  it('refuses an unsigned ("alg: none") token and non-string input', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: user.id, sid: 's', role: 'admin', typ: 'access', exp: 9999999999 }),
    ).toString('base64url');
    const service = serviceWith();
    expect(await service.verify(`${header}.${payload}.`)).toBeNull();
    expect(await service.verify(undefined)).toBeNull();
    expect(await service.verify('x'.repeat(5000))).toBeNull();
  });
});
