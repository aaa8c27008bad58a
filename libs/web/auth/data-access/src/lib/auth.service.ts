import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { AuthResponse, LoginRequest, RegisterRequest, User } from '@supchat/contracts';
import type { Observable } from 'rxjs';
import { Subject, firstValueFrom } from 'rxjs';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { RefreshLock } from './refresh-lock';
import { REFRESH_TOKEN_STORAGE_KEY, RefreshTokenStorage } from './refresh-token.storage';

/** Why a signed-in session ended: the app navigates to the login page on each. */
export type SessionEndReason = 'signed-out' | 'signed-out-elsewhere' | 'expired';

/** Refresh the access token once this share of its lifetime has passed. */
export const PROACTIVE_REFRESH_AT = 0.8;
/** After a refresh failed for a passing reason (network, 5xx, 429), try again this much later. */
export const REFRESH_RETRY_MS = 15_000;
/** Treat an access token this close to its expiry as expired already. */
const EXPIRY_MARGIN_MS = 5_000;
const MIN_REFRESH_DELAY_MS = 500;
/** setTimeout fires at once for delays above 2^31-1 ms. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** Thrown by `refresh()` when there is no stored refresh token, or the session ended while refreshing. */
export class NoSessionError extends Error {
  constructor(message = 'Not signed in') {
    super(message);
    this.name = 'NoSessionError';
  }
}

/**
 * The signed-in user and the session's tokens. The access token stays in memory; the refresh token is
 * in localStorage so the session survives reloads and is shared by every tab. Refresh tokens rotate on
 * every use and a reused one revokes the whole session, so all refresh-token work happens inside the
 * cross-tab `RefreshLock` and re-reads the stored token there.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly refreshTokens = inject(RefreshTokenStorage);
  private readonly refreshLock = inject(RefreshLock);

  private readonly currentUser = signal<User | null>(null);
  private readonly currentAccessToken = signal<string | null>(null);
  private accessTokenExpiresAt = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingRefresh: Promise<string> | null = null;
  /**
   * Bumped whenever a session starts or ends, so a refresh that was already on the wire when the user
   * signed out (or in again) cannot bring the old session back.
   */
  private generation = 0;
  private readonly sessionEndedEvents = new Subject<SessionEndReason>();

  /** The signed-in user, or null. */
  readonly user = this.currentUser.asReadonly();
  readonly isAuthenticated = computed(() => this.currentUser() !== null);
  /** The current access token (memory only), or null when signed out. */
  readonly accessToken = this.currentAccessToken.asReadonly();
  /** Emits when a signed-in session ends, whatever ended it. */
  readonly sessionEnded: Observable<SessionEndReason> = this.sessionEndedEvents.asObservable();

  constructor() {
    const view = inject(DOCUMENT).defaultView;
    const destroyRef = inject(DestroyRef);
    if (view) {
      const onStorage = (event: StorageEvent) => this.onStorageChanged(event);
      view.addEventListener('storage', onStorage);
      destroyRef.onDestroy(() => view.removeEventListener('storage', onStorage));
    }
    destroyRef.onDestroy(() => this.cancelScheduledRefresh());
  }

  async register(request: RegisterRequest): Promise<User> {
    const response = await firstValueFrom(this.http.post<AuthResponse>(AUTH_ENDPOINTS.register, request));
    await this.startSession(response);
    return response.user;
  }

  async login(request: LoginRequest): Promise<User> {
    const response = await firstValueFrom(this.http.post<AuthResponse>(AUTH_ENDPOINTS.login, request));
    await this.startSession(response);
    return response.user;
  }

  /**
   * Brings back the session of an earlier visit (app start): true when signed in afterwards. A stored
   * token the server refuses is removed; after a network or server failure it is kept for the next
   * start, and the user sees the login page meanwhile.
   */
  async restore(): Promise<boolean> {
    if (this.isAuthenticated()) return true;
    if (!(await this.refreshTokens.read())) return false;
    try {
      await this.refresh();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Exchanges the stored refresh token for a new pair and resolves with the new access token.
   * Concurrent calls in this tab share one request; tabs take turns through the Web Lock.
   */
  refresh(): Promise<string> {
    this.pendingRefresh ??= this.refreshLock
      .run(() => this.refreshHoldingLock())
      .finally(() => {
        this.pendingRefresh = null;
      });
    return this.pendingRefresh;
  }

  /**
   * A usable access token after the server refused `rejectedToken` with a 401: the current one if it
   * has changed since (another request already refreshed), otherwise a freshly refreshed one.
   */
  renewAccessToken(rejectedToken: string | null): Promise<string> {
    const current = this.currentAccessToken();
    if (current !== null && current !== rejectedToken) return Promise.resolve(current);
    return this.refresh();
  }

  /** Fetches the signed-in user again (GET /api/users/me). */
  async reloadUser(): Promise<User> {
    const user = await firstValueFrom(this.http.get<User>(AUTH_ENDPOINTS.me));
    if (this.currentUser() !== null) this.currentUser.set(user);
    return user;
  }

  /**
   * Signs out: this tab at once, the other tabs through the storage event, and the server's session
   * (best effort: the local session is gone whatever the server answers).
   */
  async logout(): Promise<void> {
    let accessToken = this.currentAccessToken();
    const accessTokenExpired = Date.now() >= this.accessTokenExpiresAt - EXPIRY_MARGIN_MS;
    this.endSession('signed-out');
    await this.refreshLock.run(async () => {
      let refreshToken = await this.refreshTokens.read();
      await this.refreshTokens.clear();
      if (!refreshToken) return;
      try {
        if (!accessToken || accessTokenExpired) {
          // Logout needs a valid bearer; an expired one (a tab that slept) is renewed first.
          const renewed = await this.postRefresh(refreshToken);
          ({ accessToken, refreshToken } = renewed);
        }
        await firstValueFrom(
          this.http.post<void>(
            AUTH_ENDPOINTS.logout,
            { refreshToken },
            { headers: { Authorization: `Bearer ${accessToken}` } },
          ),
        );
      } catch {
        // Unreachable server or a session it already ended: nothing left to revoke from here.
      }
    });
  }

  private async refreshHoldingLock(): Promise<string> {
    const generation = this.generation;
    // Re-read inside the lock: another tab may have rotated the token while this one waited.
    const refreshToken = await this.refreshTokens.read();
    if (!refreshToken) {
      this.endSession('expired');
      throw new NoSessionError();
    }
    let response: AuthResponse;
    try {
      response = await this.postRefresh(refreshToken);
    } catch (error) {
      if (isRefreshRejected(error)) {
        this.endSession('expired');
        await this.refreshTokens.clear();
      }
      throw error;
    }
    if (generation !== this.generation) {
      // Signed out (or in as someone else) meanwhile; a queued logout revokes the rotated session.
      throw new NoSessionError('The session ended while it was being refreshed');
    }
    // Stored before the lock is released, so the next holder (in any tab) reads the new token.
    await this.refreshTokens.write(response.refreshToken);
    if (generation !== this.generation) {
      throw new NoSessionError('The session ended while it was being refreshed');
    }
    this.applySession(response);
    return response.accessToken;
  }

  private postRefresh(refreshToken: string): Promise<AuthResponse> {
    return firstValueFrom(this.http.post<AuthResponse>(AUTH_ENDPOINTS.refresh, { refreshToken }));
  }

  private async startSession(response: AuthResponse): Promise<void> {
    this.generation++;
    // Written inside the lock so it cannot interleave with another tab's rotation.
    await this.refreshLock.run(() => this.refreshTokens.write(response.refreshToken));
    this.applySession(response);
  }

  private applySession(response: AuthResponse): void {
    this.currentAccessToken.set(response.accessToken);
    this.currentUser.set(response.user);
    this.accessTokenExpiresAt = Date.now() + response.expiresIn * 1000;
    this.scheduleRefresh(response.expiresIn * 1000 * PROACTIVE_REFRESH_AT);
  }

  /** Forgets this tab's session. Does not touch storage or the server. */
  private endSession(reason: SessionEndReason): void {
    const wasSignedIn = this.currentUser() !== null;
    this.generation++;
    this.cancelScheduledRefresh();
    this.currentAccessToken.set(null);
    this.currentUser.set(null);
    this.accessTokenExpiresAt = 0;
    if (wasSignedIn) this.sessionEndedEvents.next(reason);
  }

  private scheduleRefresh(delayMs: number): void {
    this.cancelScheduledRefresh();
    const delay = Math.min(Math.max(delayMs, MIN_REFRESH_DELAY_MS), MAX_TIMER_DELAY_MS);
    this.refreshTimer = setTimeout(() => this.refreshInBackground(), delay);
  }

  private refreshInBackground(): void {
    this.refreshTimer = null;
    this.refresh().catch((error: unknown) => {
      // A refused token has already ended the session; a passing failure is retried while the
      // access token still has time left (after that, the interceptor refreshes on the next 401).
      if (
        this.isAuthenticated() &&
        !isRefreshRejected(error) &&
        !(error instanceof NoSessionError) &&
        Date.now() + REFRESH_RETRY_MS < this.accessTokenExpiresAt
      ) {
        this.scheduleRefresh(REFRESH_RETRY_MS);
      }
    });
  }

  private cancelScheduledRefresh(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private onStorageChanged(event: StorageEvent): void {
    // key null: the whole storage was cleared. A new value is another tab's rotation: nothing to do.
    const tokenRemoved =
      event.key === null || (event.key === REFRESH_TOKEN_STORAGE_KEY && event.newValue === null);
    if (tokenRemoved) this.endSession('signed-out-elsewhere');
  }
}

/** The server refused the refresh token itself (as opposed to being unreachable or overloaded). */
function isRefreshRejected(error: unknown): boolean {
  return error instanceof HttpErrorResponse && [400, 401, 403].includes(error.status);
}
