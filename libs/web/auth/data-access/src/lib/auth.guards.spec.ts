import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ActivatedRouteSnapshot, RouterStateSnapshot, UrlTree } from '@angular/router';
import { Router, provideRouter } from '@angular/router';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { adminGuard, authGuard, guestGuard, safeReturnUrl } from './auth.guards';
import { AuthService } from './auth.service';

describe('route guards', () => {
  const route = {} as ActivatedRouteSnapshot;
  const state = { url: '/channels/42?tab=files' } as RouterStateSnapshot;
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    router = TestBed.inject(Router);
  });

  async function signIn(role: 'admin' | 'member' = 'member'): Promise<void> {
    const done = TestBed.inject(AuthService).login({ email: 'carol@example.com', password: 'correct horse' });
    TestBed.inject(HttpTestingController)
      .expectOne(AUTH_ENDPOINTS.login)
      .flush({
        user: {
          id: 'c'.repeat(24),
          username: 'carol',
          displayName: 'Carol',
          avatarUrl: null,
          email: 'carol@example.com',
          role,
          createdAt: '2026-01-01T00:00:00.000Z',
        },
        accessToken: 'at',
        refreshToken: 'rt',
        expiresIn: 900,
      });
    await done;
  }

  const runAuthGuard = () => TestBed.runInInjectionContext(() => authGuard(route, state));
  const runGuestGuard = () => TestBed.runInInjectionContext(() => guestGuard(route, state));

  it('authGuard sends a signed-out user to /login with the page they wanted', () => {
    const result = runAuthGuard() as UrlTree;
    expect(router.serializeUrl(result)).toBe('/login?returnUrl=%2Fchannels%2F42%3Ftab%3Dfiles');
  });

  it('authGuard leaves out the return URL when it is the home page', () => {
    const result = TestBed.runInInjectionContext(() => authGuard(route, { url: '/' } as RouterStateSnapshot));
    expect(router.serializeUrl(result as UrlTree)).toBe('/login');
  });

  describe('adminGuard', () => {
    const adminState = { url: '/admin/monitoring' } as RouterStateSnapshot;
    const runAdminGuard = () => TestBed.runInInjectionContext(() => adminGuard(route, adminState));

    it('sends a signed-out visitor to /login, coming back to the admin page', () => {
      expect(router.serializeUrl(runAdminGuard() as UrlTree)).toBe('/login?returnUrl=%2Fadmin%2Fmonitoring');
    });

    it('sends a member home', async () => {
      await signIn('member');
      expect(router.serializeUrl(runAdminGuard() as UrlTree)).toBe('/');
    });

    it('lets an admin through', async () => {
      await signIn('admin');
      expect(runAdminGuard()).toBe(true);
    });
  });

  it('authGuard lets a signed-in user through', async () => {
    await signIn();
    expect(runAuthGuard()).toBe(true);
  });

  it('guestGuard lets a signed-out user see the login page', () => {
    expect(runGuestGuard()).toBe(true);
  });

  it('guestGuard sends a signed-in user home', async () => {
    await signIn();
    expect(router.serializeUrl(runGuestGuard() as UrlTree)).toBe('/');
  });
});

describe('safeReturnUrl', () => {
  it.each([
    ['/channels/42?tab=files', '/channels/42?tab=files'],
    ['/', '/'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['javascript:alert(1)', '/'],
  ])('%j -> %j', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });
});
