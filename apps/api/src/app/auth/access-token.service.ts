import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UserRoleSchema } from '@supchat/contracts';
import { z } from 'zod';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import type { AuthUser } from './auth-user';

const ISSUER = 'supchat';
const AUDIENCE = 'supchat-api';

const AccessClaimsSchema = z.object({
  sub: z.string().min(1),
  sid: z.string().min(1),
  role: UserRoleSchema,
  typ: z.literal('access'),
  exp: z.number().int(),
});

/** Signs and verifies the short-lived access JWT (HS256). */
@Injectable()
export class AccessTokenService {
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken first tries (and fails) to
   * read it as a public key, then makes a secret key, on every call (6 % of the server's CPU while
   * thousands of sockets connect). @nestjs/jwt passes it through; its option type only lists
   * string | Buffer.
   */
  private readonly key: Buffer;

  constructor(
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8')) as unknown as Buffer;
  }

  get ttlSeconds(): number {
    return this.config.jwt.accessTtlSeconds;
  }

  sign(user: { id: string; role: AuthUser['role'] }, sessionId: string): Promise<string> {
    return this.jwt.signAsync(
      { sub: user.id, sid: sessionId, role: user.role, typ: 'access' },
      {
        secret: this.key,
        algorithm: 'HS256',
        expiresIn: this.config.jwt.accessTtlSeconds,
        issuer: ISSUER,
        audience: AUDIENCE,
      },
    );
  }

  /** Returns the caller, or null for a missing, malformed, forged or expired token. */
  async verify(token: string | undefined | null): Promise<AuthUser | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
    try {
      const payload: unknown = await this.jwt.verifyAsync(token, {
        secret: this.key,
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      const claims = AccessClaimsSchema.safeParse(payload);
      if (!claims.success) return null;
      return {
        id: claims.data.sub,
        role: claims.data.role,
        sessionId: claims.data.sid,
        expiresAt: claims.data.exp * 1000,
      };
    } catch {
      return null;
    }
  }
}
