import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { AuthResponse } from '@supchat/contracts';
import {
  LoginRequestSchema,
  LogoutRequestSchema,
  RefreshRequestSchema,
  RegisterRequestSchema,
} from '@supchat/contracts';
import type { Request } from 'express';
import type { z } from 'zod';
import { ZodValidationPipe } from '../common/validation/zod-validation.pipe';
import type { LoginInput, RegisterInput } from './auth.service';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth-user';
import { Authenticated } from './decorators/authenticated.decorator';
import { CurrentUser } from './decorators/current-user.decorator';

@Controller('auth')
export class AuthController {
  constructor(private readonly authService: AuthService) {}

  @Post('register')
  @HttpCode(201)
  register(@Body(new ZodValidationPipe(RegisterRequestSchema)) body: RegisterInput): Promise<AuthResponse> {
    return this.authService.register(body);
  }

  @Post('login')
  @HttpCode(200)
  login(
    @Body(new ZodValidationPipe(LoginRequestSchema)) body: LoginInput,
    @Req() request: Request,
  ): Promise<AuthResponse> {
    return this.authService.login(body, request.ip ?? 'unknown');
  }

  @Post('refresh')
  @HttpCode(200)
  refresh(
    @Body(new ZodValidationPipe(RefreshRequestSchema)) body: z.output<typeof RefreshRequestSchema>,
  ): Promise<AuthResponse> {
    return this.authService.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  async logout(
    @Body(new ZodValidationPipe(LogoutRequestSchema)) body: z.output<typeof LogoutRequestSchema>,
    @CurrentUser() caller: AuthUser,
  ): Promise<void> {
    await this.authService.logout(body.refreshToken, caller);
  }
}
