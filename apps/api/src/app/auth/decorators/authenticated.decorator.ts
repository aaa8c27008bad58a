import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../guards/jwt-auth.guard';

/** Metadata key: the route is for global admins only. */
export const ADMINS_ONLY = 'supchat:admins-only';

export interface AuthenticatedOptions {
  /** Only global admins (others get 403 FORBIDDEN). */
  admin?: boolean;
}

/** The route (or every route of the controller) needs a valid access token, and maybe an admin. */
export function Authenticated(options: AuthenticatedOptions = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ADMINS_ONLY, options.admin === true), UseGuards(JwtAuthGuard));
}
