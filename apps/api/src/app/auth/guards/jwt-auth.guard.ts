import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../../common/errors/app-error';
import { AccessTokenService } from '../access-token.service';
import type { AuthUser } from '../auth-user';

declare module 'express' {
  interface Request {
    user?: AuthUser;
  }
}

/** Accepts `Authorization: Bearer <access token>` and puts the caller on the request. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly accessTokens: AccessTokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.header('authorization');
    const match = header ? /^Bearer ([^\s]+)$/i.exec(header) : null;
    if (!match) throw AppError.unauthorized('Missing bearer access token');
    const user = await this.accessTokens.verify(match[1]);
    if (!user) throw AppError.unauthorized('Invalid or expired access token');
    request.user = user;
    return true;
  }
}
