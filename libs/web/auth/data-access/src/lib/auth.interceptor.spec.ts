import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuthResponse } from '@supchat/contracts';
import { firstValueFrom } from 'rxjs';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { REFRESH_TOKEN_STORAGE_KEY } from './refresh-token.storage';

function authResponse(n: number): AuthResponse {
  return {
    user: {
      id: 'b'.repeat(24),
      username: 'bob',
      displayName: 'Bob',
      avatarUrl: null,
      email: 'bob@example.com',
      role: 'member',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    accessToken: `at-${n}`,
    refreshToken: `rt-${n}`,
    expiresIn: 900,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const unauthorized = {
  body: { statusCode: 401, code: 'UNAUTHORIZED', message: 'Invalid or expired access token', requestId: 'r' },
  init: { status: 401, statusText: 'Unauthorized' },
};

describe('authInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let auth: AuthService;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    auth = TestBed.inject(AuthService);
    const signedIn = auth.login({ email: 'bob@example.com', password: 'correct horse' });
    http.expectOne(AUTH_ENDPOINTS.login).flush(authResponse(1));
    await signedIn;
  });

  afterEach(() => http.verify());

  it('adds the bearer access token to /api requests', async () => {
    const response = firstValueFrom(client.get('/api/channels'));
    const request = http.expectOne('/api/channels');
    expect(request.request.headers.get('Authorization')).toBe('Bearer at-1');
    request.flush([]);
    await expect(response).resolves.toEqual([]);
  });

  it('adds it to absolute URLs of this origin too', async () => {
    const url = `${location.origin}/api/users/me`;
    const response = firstValueFrom(client.get(url));
    const request = http.expectOne(url);
    expect(request.request.headers.get('Authorization')).toBe('Bearer at-1');
    request.flush({});
    await response;
  });

  it.each([
    AUTH_ENDPOINTS.login,
    AUTH_ENDPOINTS.register,
    AUTH_ENDPOINTS.refresh,
    '/assets/logo.svg',
    'https://elsewhere.example/api/channels',
    '//elsewhere.example/api/channels',
  ])('adds no bearer to %s', async (url) => {
    const response = firstValueFrom(client.post(url, {}));
    const request = http.expectOne(url);
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
    await response;
  });

  it('does not refresh when a public auth endpoint answers 401', async () => {
    const response = firstValueFrom(client.post(AUTH_ENDPOINTS.login, {}));
    http.expectOne(AUTH_ENDPOINTS.login).flush(unauthorized.body, unauthorized.init);
    await expect(response).rejects.toMatchObject({ status: 401 });
    await settle();
    http.expectNone(AUTH_ENDPOINTS.refresh);
  });

  it('on a 401, refreshes once and retries once with the new token', async () => {
    const response = firstValueFrom(client.get('/api/channels'));
    http.expectOne('/api/channels').flush(unauthorized.body, unauthorized.init);

    await settle();
    const refresh = http.expectOne(AUTH_ENDPOINTS.refresh);
    expect(refresh.request.body).toEqual({ refreshToken: 'rt-1' });
    refresh.flush(authResponse(2));
    await settle();

    const retry = http.expectOne('/api/channels');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer at-2');
    retry.flush([{ id: 'c1' }]);
    await expect(response).resolves.toEqual([{ id: 'c1' }]);
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('rt-2');
  });

  it('a second 401 after the retry is final: no loop', async () => {
    const response = firstValueFrom(client.get('/api/channels'));
    http.expectOne('/api/channels').flush(unauthorized.body, unauthorized.init);
    await settle();
    http.expectOne(AUTH_ENDPOINTS.refresh).flush(authResponse(2));
    await settle();
    http.expectOne('/api/channels').flush(unauthorized.body, unauthorized.init);

    const error = await response.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(401);
    await settle();
    http.expectNone(AUTH_ENDPOINTS.refresh);
    http.expectNone('/api/channels');
  });

  it('requests rejected together share one refresh', async () => {
    const first = firstValueFrom(client.get('/api/channels'));
    const second = firstValueFrom(client.get('/api/users/me'));
    http.expectOne('/api/channels').flush(unauthorized.body, unauthorized.init);
    http.expectOne('/api/users/me').flush(unauthorized.body, unauthorized.init);

    await settle();
    http.expectOne(AUTH_ENDPOINTS.refresh).flush(authResponse(2));
    await settle();
    for (const url of ['/api/channels', '/api/users/me']) {
      const retry = http.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer at-2');
      retry.flush({ url });
    }
    await expect(Promise.all([first, second])).resolves.toEqual([
      { url: '/api/channels' },
      { url: '/api/users/me' },
    ]);
  });

  it('when the refresh is refused, the caller gets the original 401 and the session ends', async () => {
    const response = firstValueFrom(client.get('/api/channels'));
    http.expectOne('/api/channels').flush(unauthorized.body, unauthorized.init);
    await settle();
    http
      .expectOne(AUTH_ENDPOINTS.refresh)
      .flush(
        { statusCode: 401, code: 'UNAUTHORIZED', message: 'This session has ended', requestId: 'r' },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expect(response).rejects.toMatchObject({ status: 401, url: '/api/channels' });
    expect(auth.isAuthenticated()).toBe(false);
    await settle();
    http.expectNone('/api/channels');
  });

  it('passes other errors through untouched', async () => {
    const response = firstValueFrom(client.get('/api/channels'));
    http.expectOne('/api/channels').flush({ code: 'FORBIDDEN' }, { status: 403, statusText: 'Forbidden' });
    await expect(response).rejects.toMatchObject({ status: 403 });
    await settle();
    http.expectNone(AUTH_ENDPOINTS.refresh);
  });
});
