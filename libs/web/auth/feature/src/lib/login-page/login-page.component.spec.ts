import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuthResponse } from '@supchat/contracts';
import { AUTH_ENDPOINTS, AuthService, authInterceptor } from '@supchat/web/auth/data-access';
import { I18nService } from '@supchat/web/shared/i18n';
import { authRoutes } from '../auth.routes';

@Component({ selector: 'sc-test-destination', template: 'destination' })
class DestinationComponent {}

const signedIn: AuthResponse = {
  user: {
    id: 'd'.repeat(24),
    username: 'dana',
    displayName: 'Dana',
    avatarUrl: null,
    email: 'dana@example.com',
    role: 'member',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  accessToken: 'at-1',
  refreshToken: 'rt-1',
  expiresIn: 900,
};

describe('LoginPageComponent', () => {
  let harness: RouterTestingHarness | undefined;
  let fixtureOf: RouterTestingHarness['fixture'];
  let http: HttpTestingController;
  let page: HTMLElement;

  /** One harness per test: created by beforeEach, re-navigated by tests that need another URL. */
  async function open(url = '/login'): Promise<void> {
    if (harness) {
      await harness.navigateByUrl(url);
    } else {
      harness = await RouterTestingHarness.create(url);
    }
    page = harness.routeNativeElement as HTMLElement;
    fixtureOf = harness.fixture;
  }

  /** Lets the component's promise chain (HTTP response -> AuthService -> component) finish, then renders. */
  async function render(): Promise<void> {
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await fixtureOf.whenStable();
  }

  const input = (id: string) => page.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
  const submitButton = () =>
    page.querySelector<HTMLButtonElement>('button[type="submit"]') as HTMLButtonElement;
  const text = (selector: string) => page.querySelector(selector)?.textContent?.trim() ?? null;

  async function type(id: string, value: string): Promise<void> {
    const field = input(id);
    field.value = value;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new Event('blur'));
    await render();
  }

  async function submit(): Promise<void> {
    submitButton().click();
    await render();
  }

  async function fillValidForm(): Promise<void> {
    await type('login-email', ' dana@example.com ');
    await type('login-password', 'correct horse');
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          ...authRoutes,
          { path: '', component: DestinationComponent },
          { path: 'channels/:id', component: DestinationComponent },
        ]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = undefined;
    await open();
  });

  afterEach(() => http.verify());

  it('has labelled inputs with autocomplete hints', () => {
    expect(page.querySelector('label[for="login-email"]')?.textContent).toContain('Email');
    expect(page.querySelector('label[for="login-password"]')?.textContent).toContain('Password');
    expect(input('login-email').getAttribute('autocomplete')).toBe('email');
    expect(input('login-password').getAttribute('autocomplete')).toBe('current-password');
    expect(input('login-password').type).toBe('password');
  });

  it('shows what is missing instead of sending an empty form, and focuses the first problem', async () => {
    await submit();

    expect(text('#login-email-error')).toBe('Email is required');
    expect(text('#login-password-error')).toBe('Password is required');
    expect(input('login-email').getAttribute('aria-invalid')).toBe('true');
    expect(input('login-email').getAttribute('aria-describedby')).toBe('login-email-error');
    expect(document.activeElement).toBe(input('login-email'));
    http.expectNone(AUTH_ENDPOINTS.login);
  });

  it('flags a malformed email once the field is left', async () => {
    expect(text('#login-email-error')).toBeNull();
    await type('login-email', 'not-an-email');
    expect(text('#login-email-error')).toBe('Enter a valid email address, like name@example.com');

    await type('login-email', 'dana@example.com');
    expect(text('#login-email-error')).toBeNull();
    expect(input('login-email').hasAttribute('aria-invalid')).toBe(false);
  });

  it('signs in with the trimmed email and goes to the return URL', async () => {
    await open('/login?returnUrl=%2Fchannels%2F42');
    await fillValidForm();
    await submit();

    const request = http.expectOne(AUTH_ENDPOINTS.login);
    expect(request.request.body).toEqual({ email: 'dana@example.com', password: 'correct horse' });
    request.flush(signedIn);
    await render();

    expect(TestBed.inject(Router).url).toBe('/channels/42');
    expect(TestBed.inject(AuthService).user()?.username).toBe('dana');
  });

  it('ignores a return URL that points to another site', async () => {
    await open('/login?returnUrl=%2F%2Fevil.example%2Fphish');
    await fillValidForm();
    await submit();
    http.expectOne(AUTH_ENDPOINTS.login).flush(signedIn);
    await render();

    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('disables the button while signing in and sends only one request', async () => {
    await fillValidForm();
    await submit();

    expect(submitButton().disabled).toBe(true);
    expect(submitButton().textContent?.trim()).toBe('Signing in…');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    await render();
    const request = http.expectOne(AUTH_ENDPOINTS.login);

    request.flush(
      { statusCode: 401, code: 'UNAUTHORIZED', message: 'Invalid email or password', requestId: 'r1' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await render();
    expect(submitButton().disabled).toBe(false);
    expect(submitButton().textContent?.trim()).toBe('Sign in');
  });

  it('shows a refused sign-in in the error banner', async () => {
    await fillValidForm();
    await submit();
    http
      .expectOne(AUTH_ENDPOINTS.login)
      .flush(
        { statusCode: 401, code: 'UNAUTHORIZED', message: 'Invalid email or password', requestId: 'r1' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await render();

    expect(text('[role="alert"]')).toBe('Invalid email or password');
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('says how long to wait after too many failed attempts', async () => {
    await fillValidForm();
    await submit();
    http.expectOne(AUTH_ENDPOINTS.login).flush(
      {
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: 'Too many failed login attempts, try again later',
        details: { retryAfterMs: 29_500 },
        requestId: 'r2',
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await render();

    expect(text('[role="alert"]')).toBe('Too many attempts. Try again in 30 s.');
  });

  it('shows the server’s field errors under the field, until the field is edited', async () => {
    await type('login-email', 'dana@localhost');
    await type('login-password', 'correct horse');
    await submit();
    http.expectOne(AUTH_ENDPOINTS.login).flush(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input: email: must be a valid email address',
        details: { fields: [{ path: 'email', message: 'must be a valid email address' }] },
        requestId: 'r3',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await render();

    expect(text('#login-email-error')).toBe('Email must be a valid email address');
    expect(input('login-email').getAttribute('aria-invalid')).toBe('true');
    expect(text('[role="alert"]')).toBe('Please correct the highlighted fields.');
    expect(text('#login-password-error')).toBeNull();

    await type('login-email', 'dana@example.com');
    expect(text('#login-email-error')).toBeNull();
  });

  it('links to the registration page, keeping the return URL', async () => {
    await open('/login?returnUrl=%2Fchannels%2F42');
    const link = page.querySelector<HTMLAnchorElement>('a[href^="/register"]');
    expect(link?.getAttribute('href')).toBe('/register?returnUrl=%2Fchannels%2F42');
  });

  describe('in French', () => {
    async function switchToFrench(): Promise<void> {
      TestBed.inject(I18nService).setLocale('fr');
      await render();
    }

    it('translates the page when the language is switched, without a reload', async () => {
      await switchToFrench();

      expect(text('h1')).toBe('Connexion');
      expect(page.querySelector('label[for="login-email"]')?.textContent?.trim()).toBe('Adresse e-mail');
      expect(page.querySelector('label[for="login-password"]')?.textContent?.trim()).toBe('Mot de passe');
      expect(submitButton().textContent?.trim()).toBe('Se connecter');
      expect(text('.switch a')).toBe('Créer un compte');
      expect(page.querySelector<HTMLSelectElement>('sc-language-switcher select')?.value).toBe('fr');
    });

    it('shows validation messages in French', async () => {
      await switchToFrench();
      await submit();

      expect(text('#login-email-error')).toBe('Le champ «\u00a0Adresse e-mail\u00a0» est obligatoire');
      await type('login-email', 'pas-un-email');
      expect(text('#login-email-error')).toBe(
        'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
      );
      http.expectNone(AUTH_ENDPOINTS.login);
    });

    it('translates a refused sign-in, and the banner follows a later switch back to English', async () => {
      await switchToFrench();
      await fillValidForm();
      await submit();
      http
        .expectOne(AUTH_ENDPOINTS.login)
        .flush(
          { statusCode: 401, code: 'UNAUTHORIZED', message: 'Invalid email or password', requestId: 'r1' },
          { status: 401, statusText: 'Unauthorized' },
        );
      await render();
      expect(text('[role="alert"]')).toBe('Adresse e-mail ou mot de passe incorrect');

      TestBed.inject(I18nService).setLocale('en');
      await render();
      expect(text('[role="alert"]')).toBe('Invalid email or password');
    });
  });
});
