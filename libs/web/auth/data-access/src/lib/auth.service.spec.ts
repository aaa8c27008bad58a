import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuthResponse, User } from '@supchat/contracts';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { authInterceptor } from './auth.interceptor';
import type { SessionEndReason } from './auth.service';
import { AuthService, NoSessionError } from './auth.service';
import { AUTH_REFRESH_LOCK_NAME } from './refresh-lock';
import { REFRESH_TOKEN_STORAGE_KEY } from './refresh-token.storage';

const alice: User = {
  id: 'a'.repeat(24),
  username: 'alice',
  displayName: 'Alice',
  avatarUrl: null,
  email: 'alice@example.com',
  role: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
};

function authResponse(n: number, expiresIn = 900): AuthResponse {
  return { user: alice, accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresIn };
}

/** Lets promise chains (the refresh lock, firstValueFrom) run; works with real and fake timers. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const storedRefreshToken = () => localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY);

describe('AuthService', () => {
  let service: AuthService;
  let http: HttpTestingController;
  let ended: SessionEndReason[];

  function setUp(): void {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    service = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
    ended = [];
    service.sessionEnded.subscribe((reason) => ended.push(reason));
  }

  async function signIn(response = authResponse(1)): Promise<void> {
    const done = service.login({ email: 'alice@example.com', password: 'correct horse' });
    http.expectOne(AUTH_ENDPOINTS.login).flush(response);
    await done;
  }

  async function answerRefresh(
    response: AuthResponse | { status: number; body: object | null },
  ): Promise<string> {
    await settle();
    const request = http.expectOne(AUTH_ENDPOINTS.refresh);
    if ('status' in response) {
      request.flush(response.body, { status: response.status, statusText: 'Error' });
    } else {
      request.flush(response);
    }
    await settle();
    return (request.request.body as { refreshToken: string }).refreshToken;
  }

  beforeEach(() => localStorage.clear());
  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  describe('login and register', () => {
    beforeEach(setUp);

    it('login posts the credentials, keeps the access token in memory and the refresh token in localStorage', async () => {
      const done = service.login({ email: 'alice@example.com', password: 'correct horse' });
      const request = http.expectOne(AUTH_ENDPOINTS.login);
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({ email: 'alice@example.com', password: 'correct horse' });
      expect(request.request.headers.has('Authorization')).toBe(false);
      request.flush(authResponse(1));

      await expect(done).resolves.toEqual(alice);
      expect(service.user()).toEqual(alice);
      expect(service.isAuthenticated()).toBe(true);
      expect(service.accessToken()).toBe('at-1');
      expect(storedRefreshToken()).toBe('rt-1');
      expect(JSON.stringify(localStorage)).not.toContain('at-1');
    });

    it('register posts the registration and starts the session', async () => {
      const body = {
        email: 'alice@example.com',
        username: 'alice',
        password: 'correct horse',
        displayName: 'Alice',
      };
      const done = service.register(body);
      const request = http.expectOne(AUTH_ENDPOINTS.register);
      expect(request.request.body).toEqual(body);
      request.flush(authResponse(1), { status: 201, statusText: 'Created' });

      await done;
      expect(service.user()?.username).toBe('alice');
      expect(storedRefreshToken()).toBe('rt-1');
    });

    it('a failed login leaves the user signed out and stores nothing', async () => {
      const done = service.login({ email: 'alice@example.com', password: 'wrong password' });
      http
        .expectOne(AUTH_ENDPOINTS.login)
        .flush(
          { statusCode: 401, code: 'UNAUTHORIZED', message: 'Invalid email or password', requestId: 'r1' },
          { status: 401, statusText: 'Unauthorized' },
        );

      await expect(done).rejects.toMatchObject({ status: 401 });
      expect(service.isAuthenticated()).toBe(false);
      expect(storedRefreshToken()).toBeNull();
    });
  });

  describe('refresh', () => {
    beforeEach(setUp);

    it('rotates the stored refresh token and replaces the access token', async () => {
      await signIn();
      const refreshed = service.refresh();

      expect(await answerRefresh(authResponse(2))).toBe('rt-1');
      await expect(refreshed).resolves.toBe('at-2');
      expect(storedRefreshToken()).toBe('rt-2');
      expect(service.accessToken()).toBe('at-2');

      const again = service.refresh();
      expect(await answerRefresh(authResponse(3))).toBe('rt-2');
      await expect(again).resolves.toBe('at-3');
      expect(storedRefreshToken()).toBe('rt-3');
    });

    it('concurrent refreshes in one tab share a single request', async () => {
      await signIn();
      const results = Promise.all([service.refresh(), service.refresh(), service.renewAccessToken('at-1')]);

      await answerRefresh(authResponse(2)); // expectOne fails if a second request was made
      await expect(results).resolves.toEqual(['at-2', 'at-2', 'at-2']);
    });

    it('renewAccessToken does not refresh when the rejected token was already replaced', async () => {
      await signIn();
      const refreshed = service.refresh();
      await answerRefresh(authResponse(2));
      await refreshed;

      await expect(service.renewAccessToken('at-1')).resolves.toBe('at-2');
      await settle();
      http.expectNone(AUTH_ENDPOINTS.refresh);
    });

    it('a refused refresh token ends the session and is removed', async () => {
      await signIn();
      const refreshed = service.refresh();
      await answerRefresh({
        status: 401,
        body: {
          statusCode: 401,
          code: 'UNAUTHORIZED',
          message: 'Refresh token was already used',
          requestId: 'r',
        },
      });

      await expect(refreshed).rejects.toMatchObject({ status: 401 });
      expect(service.isAuthenticated()).toBe(false);
      expect(service.accessToken()).toBeNull();
      expect(storedRefreshToken()).toBeNull();
      expect(ended).toEqual(['expired']);
    });

    it('without a stored refresh token it fails without a request', async () => {
      await expect(service.refresh()).rejects.toBeInstanceOf(NoSessionError);
      http.expectNone(AUTH_ENDPOINTS.refresh);
    });

    it('a refresh answered after sign-out does not bring the session back', async () => {
      await signIn();
      const refreshed = service.refresh();
      await settle();
      const refreshRequest = http.expectOne(AUTH_ENDPOINTS.refresh);
      const loggedOut = service.logout();
      expect(service.isAuthenticated()).toBe(false);

      refreshRequest.flush(authResponse(2));
      await expect(refreshed).rejects.toBeInstanceOf(NoSessionError);
      await settle();
      // The logout waited for the lock, then revoked the session with the token it found.
      http.expectOne(AUTH_ENDPOINTS.logout).flush(null, { status: 204, statusText: 'No Content' });
      await loggedOut;
      expect(service.isAuthenticated()).toBe(false);
      expect(service.accessToken()).toBeNull();
      expect(storedRefreshToken()).toBeNull();
    });
  });

  describe('proactive refresh', () => {
    beforeEach(() => {
      jest.useFakeTimers();
      setUp();
    });

    it('refreshes at 80% of the access token lifetime, then again for the new token', async () => {
      await signIn(authResponse(1, 100));

      await jest.advanceTimersByTimeAsync(79_000);
      http.expectNone(AUTH_ENDPOINTS.refresh);

      await jest.advanceTimersByTimeAsync(1_000);
      expect(await answerRefresh(authResponse(2, 100))).toBe('rt-1');
      expect(service.accessToken()).toBe('at-2');

      await jest.advanceTimersByTimeAsync(80_000);
      expect(await answerRefresh(authResponse(3, 100))).toBe('rt-2');
      expect(storedRefreshToken()).toBe('rt-3');
    });

    it('retries a refresh that failed for a passing reason while the token is still valid', async () => {
      await signIn(authResponse(1, 100));
      await jest.advanceTimersByTimeAsync(80_000);
      await answerRefresh({ status: 503, body: null });
      expect(service.isAuthenticated()).toBe(true);
      expect(storedRefreshToken()).toBe('rt-1');

      await jest.advanceTimersByTimeAsync(15_000);
      expect(await answerRefresh(authResponse(2, 100))).toBe('rt-1');
      expect(service.accessToken()).toBe('at-2');
    });

    it('signing out with an access token that expired while the tab slept renews it first', async () => {
      await signIn(authResponse(1, 100));
      jest.setSystemTime(Date.now() + 200_000); // the clock moved on, the timers did not fire

      const loggedOut = service.logout();
      expect(await answerRefresh(authResponse(2, 100))).toBe('rt-1');
      const request = http.expectOne(AUTH_ENDPOINTS.logout);
      expect(request.request.headers.get('Authorization')).toBe('Bearer at-2');
      expect(request.request.body).toEqual({ refreshToken: 'rt-2' });
      request.flush(null, { status: 204, statusText: 'No Content' });
      await loggedOut;
      expect(storedRefreshToken()).toBeNull();
      expect(service.isAuthenticated()).toBe(false);
    });

    it('stops after sign-out', async () => {
      await signIn(authResponse(1, 100));
      const loggedOut = service.logout();
      await settle();
      http.expectOne(AUTH_ENDPOINTS.logout).flush(null, { status: 204, statusText: 'No Content' });
      await loggedOut;

      await jest.advanceTimersByTimeAsync(200_000);
      http.expectNone(AUTH_ENDPOINTS.refresh);
    });
  });

  describe('logout', () => {
    beforeEach(setUp);

    it('revokes the session on the server with the bearer and forgets everything locally', async () => {
      await signIn();
      const loggedOut = service.logout();
      expect(service.user()).toBeNull();
      expect(service.isAuthenticated()).toBe(false);
      expect(service.accessToken()).toBeNull();

      await settle();
      const request = http.expectOne(AUTH_ENDPOINTS.logout);
      expect(request.request.body).toEqual({ refreshToken: 'rt-1' });
      expect(request.request.headers.get('Authorization')).toBe('Bearer at-1');
      expect(storedRefreshToken()).toBeNull();
      request.flush(null, { status: 204, statusText: 'No Content' });

      await loggedOut;
      expect(ended).toEqual(['signed-out']);
    });

    it('still signs out locally when the server cannot be reached', async () => {
      await signIn();
      const loggedOut = service.logout();
      await settle();
      http.expectOne(AUTH_ENDPOINTS.logout).error(new ProgressEvent('error'));

      await expect(loggedOut).resolves.toBeUndefined();
      expect(service.isAuthenticated()).toBe(false);
      expect(storedRefreshToken()).toBeNull();
    });
  });

  describe('restore (app start)', () => {
    it('with a stored refresh token, refreshes it and signs the user in', async () => {
      localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-0');
      setUp();
      const restored = service.restore();

      expect(await answerRefresh(authResponse(1))).toBe('rt-0');
      await expect(restored).resolves.toBe(true);
      expect(service.user()).toEqual(alice);
      expect(service.accessToken()).toBe('at-1');
      expect(storedRefreshToken()).toBe('rt-1');
    });

    it('when the server refuses the stored token, removes it and stays signed out', async () => {
      localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-revoked');
      setUp();
      const restored = service.restore();

      await answerRefresh({
        status: 401,
        body: { statusCode: 401, code: 'UNAUTHORIZED', message: 'This session has ended', requestId: 'r' },
      });
      await expect(restored).resolves.toBe(false);
      expect(service.isAuthenticated()).toBe(false);
      expect(storedRefreshToken()).toBeNull();
      expect(ended).toEqual([]);
    });

    it('when the server cannot be reached, stays signed out but keeps the token for next time', async () => {
      localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-0');
      setUp();
      const restored = service.restore();

      await settle();
      http.expectOne(AUTH_ENDPOINTS.refresh).error(new ProgressEvent('error'));
      await expect(restored).resolves.toBe(false);
      expect(service.isAuthenticated()).toBe(false);
      expect(storedRefreshToken()).toBe('rt-0');
    });

    it('without a stored token, makes no request', async () => {
      setUp();
      await expect(service.restore()).resolves.toBe(false);
      http.expectNone(AUTH_ENDPOINTS.refresh);
    });
  });

  describe('across tabs', () => {
    afterEach(() => {
      delete (navigator as { locks?: LockManager }).locks;
    });

    it('refreshes inside the Web Lock and uses the token another tab rotated while this one waited', async () => {
      localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-0');
      const requestedLocks: string[] = [];
      const fakeLocks = {
        request: async (name: string, _options: LockOptions, task: () => Promise<unknown>) => {
          requestedLocks.push(name);
          // Another tab held the lock and rotated the token before this one got it.
          localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-rotated-elsewhere');
          return task();
        },
      };
      Object.defineProperty(navigator, 'locks', { value: fakeLocks, configurable: true });
      setUp();

      const restored = service.restore();
      expect(await answerRefresh(authResponse(5))).toBe('rt-rotated-elsewhere');
      await expect(restored).resolves.toBe(true);
      expect(requestedLocks).toEqual([AUTH_REFRESH_LOCK_NAME]);
      expect(storedRefreshToken()).toBe('rt-5');
    });

    it('signs out when another tab removes the refresh token', async () => {
      setUp();
      await signIn();
      localStorage.removeItem(REFRESH_TOKEN_STORAGE_KEY);
      window.dispatchEvent(
        new StorageEvent('storage', { key: REFRESH_TOKEN_STORAGE_KEY, oldValue: 'rt-1', newValue: null }),
      );

      expect(service.isAuthenticated()).toBe(false);
      expect(service.accessToken()).toBeNull();
      expect(ended).toEqual(['signed-out-elsewhere']);
      http.expectNone(AUTH_ENDPOINTS.logout);
    });

    it('stays signed in when another tab only rotates the refresh token', async () => {
      setUp();
      await signIn();
      localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-2');
      window.dispatchEvent(
        new StorageEvent('storage', { key: REFRESH_TOKEN_STORAGE_KEY, oldValue: 'rt-1', newValue: 'rt-2' }),
      );

      expect(service.isAuthenticated()).toBe(true);
      expect(ended).toEqual([]);
    });
  });
});
