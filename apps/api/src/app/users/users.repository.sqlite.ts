import type { UserRole } from '@supchat/contracts';
import { newId } from '../common/ids';
import type { SqliteDatabase } from '../database/sqlite/sqlite-database';
import { sqliteUniqueColumn, UniqueConstraintError } from '../database/unique-constraint.error';
import type { NewUser, UserCredentials, UserRecord, UsersRepository } from './users.repository';
import { escapeLike, FIRST_ADMIN_FLAG } from './users.repository';

interface UserRow {
  id: string;
  email: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
  role: UserRole;
  created_at: string;
  last_seen_at: string | null;
  password_hash: string;
}

const COLUMNS =
  'id, email, username, display_name, avatar_url, role, created_at, last_seen_at, password_hash';

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    displayName: row.display_name,
    avatarUrl: row.avatar_url,
    role: row.role,
    createdAt: new Date(row.created_at),
    lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at) : null,
  };
}

const UNIQUE_FIELD_BY_COLUMN: Record<string, string> = { email_lower: 'email', username: 'username' };

export class SqliteUsersRepository implements UsersRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async create(user: NewUser): Promise<UserRecord> {
    const id = newId();
    const createdAt = new Date().toISOString();
    try {
      return this.db.transaction(() => {
        const isFirst =
          this.db.run(
            `INSERT INTO system_flags (key, value, created_at) VALUES ($key, $value, $at)
             ON CONFLICT (key) DO NOTHING`,
            { key: FIRST_ADMIN_FLAG, value: id, at: createdAt },
          ) === 1;
        this.db.run(
          `INSERT INTO users (id, email, email_lower, username, display_name, display_name_lower, avatar_url,
                              role, password_hash, created_at)
           VALUES ($id, $email, $emailLower, $username, $displayName, $displayNameLower, NULL, $role, $hash, $at)`,
          {
            id,
            email: user.email,
            emailLower: user.email.toLowerCase(),
            username: user.username,
            displayName: user.displayName,
            displayNameLower: user.displayName.toLowerCase(),
            role: isFirst ? 'admin' : user.role,
            hash: user.passwordHash,
            at: createdAt,
          },
        );
        return toRecord(
          this.db.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $id`, { id }) as UserRow,
        );
      });
    } catch (error) {
      const column = sqliteUniqueColumn(error);
      if (column && UNIQUE_FIELD_BY_COLUMN[column])
        throw new UniqueConstraintError(UNIQUE_FIELD_BY_COLUMN[column]);
      throw error;
    }
  }

  async findById(id: string): Promise<UserRecord | null> {
    const row = this.db.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $id`, { id });
    return row ? toRecord(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows = this.db.all<UserRow>(
      `SELECT ${COLUMNS} FROM users WHERE id IN (SELECT value FROM json_each($ids))`,
      {
        ids: JSON.stringify(ids),
      },
    );
    return rows.map(toRecord);
  }

  async findByUsernames(usernames: readonly string[]): Promise<UserRecord[]> {
    if (usernames.length === 0) return [];
    return this.db
      .all<UserRow>(
        `SELECT ${COLUMNS} FROM users WHERE username IN (SELECT value FROM json_each($usernames))`,
        {
          usernames: JSON.stringify(usernames),
        },
      )
      .map(toRecord);
  }

  async findCredentialsByEmail(email: string): Promise<UserCredentials | null> {
    const row = this.db.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email_lower = $email`, {
      email: email.toLowerCase(),
    });
    return row ? { user: toRecord(row), passwordHash: row.password_hash } : null;
  }

  async search(query: string, limit: number): Promise<UserRecord[]> {
    const prefix = `${escapeLike(query.toLowerCase())}%`;
    const rows = this.db.all<UserRow>(
      `SELECT ${COLUMNS} FROM users
       WHERE username LIKE $prefix ESCAPE '\\' OR display_name_lower LIKE $prefix ESCAPE '\\'
       ORDER BY username LIMIT $limit`,
      { prefix, limit },
    );
    return rows.map(toRecord);
  }

  async setLastSeen(userId: string, at: Date): Promise<void> {
    this.db.run('UPDATE users SET last_seen_at = $at WHERE id = $userId', { userId, at: at.toISOString() });
  }

  async count(): Promise<number> {
    return this.db.get<{ total: number }>('SELECT COUNT(*) AS total FROM users')?.total ?? 0;
  }
}
