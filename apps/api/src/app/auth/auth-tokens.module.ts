import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenService } from './access-token.service';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { SessionEvents } from './session-events';

/**
 * Access-token checking, available to every module (`@Authenticated()` on any controller, the
 * socket handshake) without depending on the users and sessions that AuthModule owns.
 */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [AccessTokenService, JwtAuthGuard, SessionEvents],
  exports: [AccessTokenService, JwtAuthGuard, SessionEvents],
})
export class AuthTokensModule {}
