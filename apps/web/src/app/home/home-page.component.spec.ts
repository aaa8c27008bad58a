import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { User } from '@supchat/contracts';
import { AUTH_ENDPOINTS, AuthService, authInterceptor, provideAuth } from '@supchat/web/auth/data-access';
import { I18nService } from '@supchat/web/shared/i18n';
import { appRoutes } from '../app.routes';
import { HomePageComponent } from './home-page.component';

const grace: User = {
  id: '1'.repeat(24),
  username: 'grace',
  displayName: 'Grace Hopper',
  avatarUrl: null,
  email: 'grace@example.com',
  role: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
};

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('HomePageComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  async function openAs(user: User): Promise<void> {
    const signedIn = TestBed.inject(AuthService).login({ email: user.email, password: 'correct horse' });
    http
      .expectOne(AUTH_ENDPOINTS.login)
      .flush({ user, accessToken: 'at-1', refreshToken: 'rt-1', expiresIn: 900 });
    await signedIn;
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/', HomePageComponent);
    page = harness.routeNativeElement as HTMLElement;
  }

  const signOutButton = () =>
    Array.from(page.querySelectorAll('button')).find((button) =>
      /Sign(ing)? out|déconnect|Déconnexion/.test(button.textContent ?? ''),
    );

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideAuth(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('names the product and the signed-in user', async () => {
    await openAs(grace);
    expect(page.querySelector('header')?.textContent).toContain('SUPCHAT');
    expect(page.querySelector('.who')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Signed in as Grace Hopper (@grace)',
    );
    expect(page.querySelector('.role-badge')).toBeNull();
    expect(page.querySelector('h1')?.textContent).toContain('Welcome, Grace Hopper');
    expect(page.textContent).toContain('The chat UI is coming');
  });

  it('shows the admin role to admins', async () => {
    await openAs({ ...grace, role: 'admin' });
    expect(page.querySelector('.who')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Signed in as Grace Hopper (@grace) admin',
    );
  });

  it('is translated to French, and offers the language switcher', async () => {
    await openAs({ ...grace, role: 'admin' });
    const switcher = page.querySelector<HTMLSelectElement>('sc-language-switcher select');
    expect(switcher).not.toBeNull();

    TestBed.inject(I18nService).setLocale('fr');
    await harness.fixture.whenStable();

    expect(page.querySelector('.who')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Session de Grace Hopper (@grace) admin',
    );
    expect(page.querySelector('.role-badge')?.getAttribute('title')).toBe('Administrateur');
    expect(page.querySelector('h1')?.textContent).toContain('Bienvenue, Grace Hopper');
    expect(signOutButton()?.textContent?.trim()).toBe('Se déconnecter');
    expect(switcher?.value).toBe('fr');
  });

  it('signs out: revokes the session on the server and goes to the login page', async () => {
    await openAs(grace);
    signOutButton()?.click();
    await settle();

    const logout = http.expectOne(AUTH_ENDPOINTS.logout);
    expect(logout.request.body).toEqual({ refreshToken: 'rt-1' });
    expect(logout.request.headers.get('Authorization')).toBe('Bearer at-1');
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    await harness.fixture.whenStable();

    expect(TestBed.inject(AuthService).isAuthenticated()).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/login');
  });
});
