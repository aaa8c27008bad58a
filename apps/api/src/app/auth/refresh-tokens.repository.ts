/** One refresh token. A login starts a family; every rotation adds a token to the same family. */
export interface RefreshTokenRecord {
  id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set when the token was exchanged for its successor. */
  replacedBy: string | null;
  /** Set when the family was revoked (logout, reuse detected). */
  revokedAt: Date | null;
}

export type NewRefreshToken = Pick<
  RefreshTokenRecord,
  'id' | 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'
>;

export interface RefreshTokensRepository {
  create(token: NewRefreshToken): Promise<RefreshTokenRecord>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /**
   * Marks the token as exchanged for `replacedBy`, only if it is still current (neither replaced
   * nor revoked). Returns false when another request got there first: the caller treats that as reuse.
   */
  markReplaced(id: string, replacedBy: string): Promise<boolean>;
  /** Revokes every token of the family; returns how many were still unrevoked. */
  revokeFamily(familyId: string): Promise<number>;
  /** Whether the family still has a usable (unrevoked) token. */
  isFamilyActive(familyId: string): Promise<boolean>;
  deleteExpired(before: Date): Promise<number>;
}

export const REFRESH_TOKENS_REPOSITORY = Symbol('REFRESH_TOKENS_REPOSITORY');
