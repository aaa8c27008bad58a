import type { User, UserSummary } from '@supchat/contracts';
import type { UserRecord } from './users.repository';

export function toUserSummary(user: UserRecord): UserSummary {
  return { id: user.id, username: user.username, displayName: user.displayName, avatarUrl: user.avatarUrl };
}

export function toUser(user: UserRecord): User {
  return {
    ...toUserSummary(user),
    email: user.email,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}
