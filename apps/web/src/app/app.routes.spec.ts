import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationInitStatus } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuthResponse, User } from '@supchat/contracts';
import { AUTH_ENDPOINTS, AuthService, REFRESH_TOKEN_STORAGE_KEY } from '@supchat/web/auth/data-access';
import { LoginPageComponent, RegisterPageComponent } from '@supchat/web/auth/feature';
import { I18nService, LOCALE_STORAGE_KEY } from '@supchat/web/shared/i18n';
import { appConfig } from './app.config';
import { provideFakeMonitorSocket } from '@supchat/web/admin/data-access';
import type * as AdminFeatureModule from '@supchat/web/admin/feature';
import { provideFakeChatSocket } from '@supchat/web/chat/data-access';

type AdminFeature = typeof AdminFeatureModule;

const frank: User = {
  id: 'f'.repeat(24),
  username: 'frank',
  displayName: 'Frank',
  avatarUrl: null,
  email: 'frank@example.com',
  role: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
};
const ada: User = { ...frank, id: 'a'.repeat(24), username: 'ada', displayName: 'Ada', role: 'admin' };
const session = (n: number, user: User = frank): AuthResponse => ({
  user,
  accessToken: `at-${n}`,
  refreshToken: `rt-${n}`,
  expiresIn: 900,
});

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** The real application config (routes, guards, interceptor, session restore) over a fake backend. */
describe('app routes and session', () => {
  let http: HttpTestingController;
  // Lazy-loaded by the routes, so imported the same way here.
  let adminFeature: AdminFeature;

  beforeAll(async () => {
    adminFeature = await import('@supchat/web/admin/feature');
  });

  /** Runs the app initializers (session restore), answering its refresh request if one is made. */
  async function startApp(refreshAnswer?: AuthResponse | 'refused'): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        ...appConfig.providers,
        provideHttpClientTesting(),
        ...provideFakeChatSocket().providers,
        ...provideFakeMonitorSocket().providers,
        // jsdom cannot draw: charts are stand-ins here.
        {
          provide: adminFeature.CHART_FACTORY,
          useValue: () => ({
            data: { datasets: [] },
            options: {},
            update: () => undefined,
            destroy: () => undefined,
          }),
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const initialized = TestBed.inject(ApplicationInitStatus).donePromise;
    if (refreshAnswer) {
      await settle();
      const request = http.expectOne(AUTH_ENDPOINTS.refresh);
      if (refreshAnswer === 'refused') {
        request.flush(
          { statusCode: 401, code: 'UNAUTHORIZED', message: 'This session has ended', requestId: 'r' },
          { status: 401, statusText: 'Unauthorized' },
        );
      } else {
        request.flush(refreshAnswer);
      }
    }
    await initialized;
  }

  /** The chat shell loads the caller's channels: answer with none. */
  function answerChatRequests(): void {
    for (const request of http.match((candidate) => candidate.url.startsWith('/api/channels')))
      request.flush([]);
  }

  beforeEach(() => localStorage.clear());
  afterEach(() => {
    answerChatRequests();
    http.verify();
  });

  it('a visitor without a session lands on the login page', async () => {
    await startApp();
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/', LoginPageComponent);
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('an unknown address goes home, which asks a visitor to sign in', async () => {
    await startApp();
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/no/such/page', LoginPageComponent);
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('restores the stored session at start, so a reload stays on the home page', async () => {
    localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-0');
    await startApp(session(1));

    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/');
    expect(TestBed.inject(Router).url).toBe('/');
    answerChatRequests();
    const text = harness.routeNativeElement?.textContent ?? '';
    expect(text).toContain('Frank');
    expect(text).toContain('@frank');
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('rt-1');
  });

  it('a stored session the server refuses is dropped and the login page shown', async () => {
    localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-revoked');
    await startApp('refused');

    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/', LoginPageComponent);
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('a signed-in user asking for /login or /register goes home', async () => {
    localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-0');
    await startApp(session(1));
    const harness = await RouterTestingHarness.create();

    await harness.navigateByUrl('/login');
    expect(TestBed.inject(Router).url).toBe('/');
    await harness.navigateByUrl('/register');
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('signing out in another tab sends this one to the login page', async () => {
    localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-0');
    await startApp(session(1));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/');

    localStorage.removeItem(REFRESH_TOKEN_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: REFRESH_TOKEN_STORAGE_KEY, newValue: null }));
    await settle();
    await harness.fixture.whenStable();

    expect(TestBed.inject(AuthService).isAuthenticated()).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('a member asking for the monitoring page goes home, and sees no link to it', async () => {
    localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-0');
    await startApp(session(1));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin/monitoring');
    expect(TestBed.inject(Router).url).toBe('/');
    answerChatRequests();
    expect(harness.routeNativeElement?.querySelector('a[href="/admin/monitoring"]')).toBeNull();
  });

  it('an admin has a link to the monitoring page in the top bar, which opens it', async () => {
    localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'rt-0');
    await startApp(session(1, ada));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/');
    answerChatRequests();
    await harness.fixture.whenStable();
    const link = harness.routeNativeElement?.querySelector('a[href="/admin/monitoring"]');
    expect(link?.getAttribute('aria-label')).toBe('Monitoring');

    await harness.navigateByUrl('/admin/monitoring', adminFeature.MonitoringPageComponent);
    expect(TestBed.inject(Router).url).toBe('/admin/monitoring');
    expect(TestBed.inject(Title).getTitle()).toBe('Monitoring · SUPCHAT');
  });

  it('titles pages in the chosen language and follows a switch; <html lang> matches', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    await startApp();
    expect(document.documentElement.lang).toBe('fr');
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/register', RegisterPageComponent);
    const title = TestBed.inject(Title);
    expect(title.getTitle()).toBe('Créer un compte · SUPCHAT');

    TestBed.inject(I18nService).setLocale('en');
    TestBed.tick();
    expect(title.getTitle()).toBe('Create account · SUPCHAT');
    expect(document.documentElement.lang).toBe('en');
  });
});
