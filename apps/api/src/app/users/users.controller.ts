import { Controller, Get, Query } from '@nestjs/common';
import type { User, UserSummary } from '@supchat/contracts';
import { UserSearchQuerySchema } from '@supchat/contracts';
import type { z } from 'zod';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/decorators/authenticated.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ZodValidationPipe } from '../common/validation/zod-validation.pipe';
import { UsersService } from './users.service';

@Controller('users')
@Authenticated()
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get('me')
  me(@CurrentUser() caller: AuthUser): Promise<User> {
    return this.usersService.me(caller);
  }

  @Get()
  search(
    @CurrentUser() caller: AuthUser,
    @Query(new ZodValidationPipe(UserSearchQuerySchema)) query: z.output<typeof UserSearchQuerySchema>,
  ): Promise<(UserSummary | User)[]> {
    return this.usersService.search(caller, query.q ?? '', query.limit);
  }
}
