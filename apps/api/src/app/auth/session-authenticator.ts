import { Inject, Injectable } from '@nestjs/common';
import { AccessTokenService } from './access-token.service';
import type { AuthUser } from './auth-user';
import type { RefreshTokensRepository } from './refresh-tokens.repository';
import { REFRESH_TOKENS_REPOSITORY } from './refresh-tokens.repository';

/**
 * Who presents an access token: a valid, unexpired JWT whose session is still open. Logout and
 * stolen-token detection end the session (its refresh-token family), and with it every access
 * token issued for it, at once rather than when they expire.
 */
@Injectable()
export class SessionAuthenticator {
  constructor(
    private readonly accessTokens: AccessTokenService,
    @Inject(REFRESH_TOKENS_REPOSITORY) private readonly sessions: RefreshTokensRepository,
  ) {}

  async authenticate(token: string | undefined | null): Promise<AuthUser | null> {
    const user = await this.accessTokens.verify(token);
    if (!user || user.expiresAt <= Date.now()) return null;
    return (await this.isOpen(user.sessionId)) ? user : null;
  }

  /** The session has not ended (logout, stolen-token detection, expiry of its refresh tokens). */
  isOpen(sessionId: string): Promise<boolean> {
    return this.sessions.isFamilyActive(sessionId);
  }
}
