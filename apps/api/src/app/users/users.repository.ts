import type { UserRole } from '@supchat/contracts';

/** A user as services see it: never the password hash (see `UserCredentials`). */
export interface UserRecord {
  id: string;
  email: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  role: UserRole;
  createdAt: Date;
  /** When the user was last connected (presence); null when never recorded. */
  lastSeenAt: Date | null;
}

/** Only the auth service asks for these. */
export interface UserCredentials {
  user: UserRecord;
  passwordHash: string;
}

export interface NewUser {
  email: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
}

export interface UsersRepository {
  /**
   * Inserts a user. The first user ever created becomes an admin whatever `role` says (claimed
   * atomically, so two simultaneous first registrations cannot both win).
   * Throws `UniqueConstraintError` with field `email` or `username` on a duplicate.
   */
  create(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByIds(ids: readonly string[]): Promise<UserRecord[]>;
  /** Users with these (lower-case) usernames. */
  findByUsernames(usernames: readonly string[]): Promise<UserRecord[]>;
  /** Case-insensitive. */
  findCredentialsByEmail(email: string): Promise<UserCredentials | null>;
  /** Users whose username or display name starts with `query` (case-insensitive), by username. */
  search(query: string, limit: number): Promise<UserRecord[]>;
  count(): Promise<number>;
  setLastSeen(userId: string, at: Date): Promise<void>;
}

export const USERS_REPOSITORY = Symbol('USERS_REPOSITORY');

export const FIRST_ADMIN_FLAG = 'first-user-admin';

/** Escapes `%`, `_` and `\` for a SQL LIKE pattern with ESCAPE '\'. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Escapes a string for use inside a regular expression. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
