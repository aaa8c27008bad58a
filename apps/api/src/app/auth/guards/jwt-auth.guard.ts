import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../../common/errors/app-error';
import { SessionAuthenticator } from '../session-authenticator';
import type { AuthUser } from '../auth-user';
import { ADMINS_ONLY } from '../decorators/authenticated.decorator';

declare module 'express' {
  interface Request {
    user?: AuthUser;
  }
}

/**
 * Accepts `Authorization: Bearer <access token>` and puts the caller on the request; on routes
 * marked admins-only, refuses everyone else.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionAuthenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.header('authorization');
    const match = header ? /^Bearer ([^\s]+)$/i.exec(header) : null;
    if (!match) throw AppError.unauthorized('Missing bearer access token');
    const user = await this.sessions.authenticate(match[1]);
    if (!user) throw AppError.unauthorized('Invalid or expired access token, or the session has ended');
    request.user = user;
    const adminsOnly = this.reflector.getAllAndOverride<boolean>(ADMINS_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (adminsOnly && user.role !== 'admin') throw AppError.forbidden('Only administrators can do this');
    return true;
  }
}
