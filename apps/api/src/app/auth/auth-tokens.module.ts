import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { engineRepository } from '../database/database-handle';
import { AccessTokenService } from './access-token.service';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { refreshTokensRepositoryFactories } from './refresh-tokens.factories';
import { REFRESH_TOKENS_REPOSITORY } from './refresh-tokens.repository';
import { SessionAuthenticator } from './session-authenticator';
import { SessionEvents } from './session-events';

/**
 * Access tokens and the sessions they belong to, available to every module (`@Authenticated()` on
 * any controller, the socket handshake) without depending on the users that AuthModule owns.
 */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [
    AccessTokenService,
    SessionAuthenticator,
    JwtAuthGuard,
    SessionEvents,
    engineRepository(REFRESH_TOKENS_REPOSITORY, refreshTokensRepositoryFactories),
  ],
  exports: [AccessTokenService, SessionAuthenticator, JwtAuthGuard, SessionEvents, REFRESH_TOKENS_REPOSITORY],
})
export class AuthTokensModule {}
