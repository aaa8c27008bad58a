import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuthResponse, LoginRequestSchema, RegisterRequestSchema } from '@supchat/contracts';
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../common/errors/app-error';
import { newId } from '../common/ids';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import { UniqueConstraintError } from '../database/unique-constraint.error';
import { toUser } from '../users/user.mapper';
import type { UserRecord, UsersRepository } from '../users/users.repository';
import { USERS_REPOSITORY } from '../users/users.repository';
import { AccessTokenService } from './access-token.service';
import type { AuthUser } from './auth-user';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import type { RefreshTokensRepository } from './refresh-tokens.repository';
import { REFRESH_TOKENS_REPOSITORY } from './refresh-tokens.repository';
import { SessionEvents } from './session-events';

export type RegisterInput = z.output<typeof RegisterRequestSchema>;
export type LoginInput = z.output<typeof LoginRequestSchema>;

const EXPIRED_TOKEN_SWEEP_MS = 60 * 60 * 1000;

function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Registration, login, refresh-token rotation with reuse detection, logout. The only place that
 * sees password hashes.
 */
@Injectable()
export class AuthService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AuthService');
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(REFRESH_TOKENS_REPOSITORY) private readonly refreshTokens: RefreshTokensRepository,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionEvents,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweepExpiredTokens(), EXPIRED_TOKEN_SWEEP_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  async register(input: RegisterInput): Promise<AuthResponse> {
    const role = this.config.adminEmails.includes(input.email.toLowerCase()) ? 'admin' : 'member';
    let user: UserRecord;
    try {
      user = await this.users.create({
        email: input.email,
        username: input.username,
        displayName: input.displayName ?? input.username,
        passwordHash: await this.passwords.hash(input.password),
        role,
      });
    } catch (error) {
      if (error instanceof UniqueConstraintError) {
        throw AppError.conflict(`That ${error.field} is already registered`, { field: error.field });
      }
      throw error;
    }
    this.logger.log(`Registered user ${user.id}${user.role === 'admin' ? ' (admin)' : ''}`);
    return this.startSession(user, newId());
  }

  async login(input: LoginInput, ip: string): Promise<AuthResponse> {
    const attempt = await this.throttle.begin(input.email, ip);
    const credentials = await this.users.findCredentialsByEmail(input.email);
    const valid = await this.passwords.verify(credentials?.passwordHash ?? null, input.password);
    // A failed attempt stays counted.
    if (!credentials || !valid) throw AppError.unauthorized('Invalid email or password');
    await this.throttle.succeeded(attempt);
    return this.startSession(credentials.user, newId());
  }

  /** Exchanges a refresh token for a new pair. A token presented twice revokes its whole family. */
  async refresh(refreshToken: string): Promise<AuthResponse> {
    const record = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!record) throw AppError.unauthorized('Invalid refresh token');
    if (record.revokedAt) throw AppError.unauthorized('This session has ended, sign in again');
    if (record.replacedBy) {
      await this.revokeForReuse(record.familyId);
      throw AppError.unauthorized('Refresh token was already used; the session has been revoked');
    }
    if (record.expiresAt.getTime() <= Date.now()) throw AppError.unauthorized('Refresh token has expired');

    const user = await this.users.findById(record.userId);
    if (!user) throw AppError.unauthorized('Invalid refresh token');

    const successorId = newId();
    if (!(await this.refreshTokens.markReplaced(record.id, successorId))) {
      // Another request exchanged (or revoked) it a moment ago: the same token was used twice.
      await this.revokeForReuse(record.familyId);
      throw AppError.unauthorized('Refresh token was already used; the session has been revoked');
    }
    return this.startSession(user, record.familyId, successorId);
  }

  /**
   * Ends the session the refresh token belongs to, if it is the caller's, and cuts its sockets.
   * Returns its id.
   */
  async logout(refreshToken: string, caller: AuthUser): Promise<string | null> {
    const record = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!record || record.userId !== caller.id) return null;
    await this.refreshTokens.revokeFamily(record.familyId);
    this.sessions.end(record.familyId);
    return record.familyId;
  }

  private async startSession(user: UserRecord, familyId: string, tokenId = newId()): Promise<AuthResponse> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.create({
      id: tokenId,
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
    });
    return {
      user: toUser(user),
      accessToken: await this.accessTokens.sign(user, familyId),
      refreshToken,
      expiresIn: this.accessTokens.ttlSeconds,
    };
  }

  private async revokeForReuse(familyId: string): Promise<void> {
    const revoked = await this.refreshTokens.revokeFamily(familyId);
    this.sessions.end(familyId);
    this.logger.warn(`Refresh token reuse detected: session ${familyId} revoked (${revoked} tokens)`);
  }

  private async sweepExpiredTokens(): Promise<void> {
    try {
      const removed = await this.refreshTokens.deleteExpired(new Date());
      if (removed > 0) this.logger.log(`Removed ${removed} expired refresh tokens`);
    } catch (error) {
      this.logger.error(
        'Sweeping expired refresh tokens failed',
        error instanceof Error ? error.stack : undefined,
      );
    }
  }
}
