import { Inject, Injectable } from '@nestjs/common';
import type { User, UserSummary } from '@supchat/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/errors/app-error';
import { toUser, toUserSummary } from './user.mapper';
import type { UserRecord, UsersRepository } from './users.repository';
import { USERS_REPOSITORY } from './users.repository';

@Injectable()
export class UsersService {
  constructor(@Inject(USERS_REPOSITORY) private readonly users: UsersRepository) {}

  async getById(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw AppError.notFound('User');
    return user;
  }

  async me(caller: AuthUser): Promise<User> {
    return toUser(await this.getById(caller.id));
  }

  /** Emails are personal: only admins see them in search results. */
  async search(caller: AuthUser, query: string, limit: number): Promise<(UserSummary | User)[]> {
    const users = await this.users.search(query, limit);
    return users.map((user) => (caller.role === 'admin' ? toUser(user) : toUserSummary(user)));
  }
}
