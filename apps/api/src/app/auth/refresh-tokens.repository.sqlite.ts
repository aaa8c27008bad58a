import type { SqliteDatabase } from '../database/sqlite/sqlite-database';
import type {
  NewRefreshToken,
  RefreshTokenRecord,
  RefreshTokensRepository,
} from './refresh-tokens.repository';

interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  replaced_by: string | null;
  revoked_at: string | null;
}

function toRecord(row: RefreshTokenRow): RefreshTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    familyId: row.family_id,
    tokenHash: row.token_hash,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    replacedBy: row.replaced_by,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  };
}

export class SqliteRefreshTokensRepository implements RefreshTokensRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async create(token: NewRefreshToken): Promise<RefreshTokenRecord> {
    const createdAt = new Date();
    this.db.run(
      `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, created_at, expires_at)
       VALUES ($id, $userId, $familyId, $tokenHash, $createdAt, $expiresAt)`,
      {
        id: token.id,
        userId: token.userId,
        familyId: token.familyId,
        tokenHash: token.tokenHash,
        createdAt: createdAt.toISOString(),
        expiresAt: token.expiresAt.toISOString(),
      },
    );
    return { ...token, createdAt, replacedBy: null, revokedAt: null };
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const row = this.db.get<RefreshTokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = $tokenHash', {
      tokenHash,
    });
    return row ? toRecord(row) : null;
  }

  async markReplaced(id: string, replacedBy: string): Promise<boolean> {
    return (
      this.db.run(
        `UPDATE refresh_tokens SET replaced_by = $replacedBy
         WHERE id = $id AND replaced_by IS NULL AND revoked_at IS NULL`,
        { id, replacedBy },
      ) === 1
    );
  }

  async revokeFamily(familyId: string): Promise<number> {
    return this.db.run(
      'UPDATE refresh_tokens SET revoked_at = $now WHERE family_id = $familyId AND revoked_at IS NULL',
      { familyId, now: new Date().toISOString() },
    );
  }

  async isFamilyActive(familyId: string): Promise<boolean> {
    return (
      this.db.get(
        'SELECT 1 AS active FROM refresh_tokens WHERE family_id = $familyId AND revoked_at IS NULL LIMIT 1',
        {
          familyId,
        },
      ) !== undefined
    );
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.db.run('DELETE FROM refresh_tokens WHERE expires_at < $before', {
      before: before.toISOString(),
    });
  }
}
