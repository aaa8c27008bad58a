import { Module } from '@nestjs/common';
import { FAILURE_COUNTER } from '../common/rate-limit/failure-counter';
import { InMemoryFailureCounter } from '../common/rate-limit/in-memory-failure-counter';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    PasswordHasher,
    LoginThrottle,
    { provide: FAILURE_COUNTER, useFactory: () => new InMemoryFailureCounter() },
  ],
  exports: [AuthService],
})
export class AuthModule {}
