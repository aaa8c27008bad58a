import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuthResponse } from '@supchat/contracts';
import {
  AUTH_ENDPOINTS,
  AuthService,
  REFRESH_TOKEN_STORAGE_KEY,
  authInterceptor,
} from '@supchat/web/auth/data-access';
import { I18nService } from '@supchat/web/shared/i18n';
import { authRoutes } from '../auth.routes';

@Component({ selector: 'sc-test-home', template: 'home' })
class HomeComponent {}

const registered: AuthResponse = {
  user: {
    id: 'e'.repeat(24),
    username: 'erin.b',
    displayName: 'Erin B',
    avatarUrl: null,
    email: 'erin@example.com',
    role: 'member',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  accessToken: 'at-1',
  refreshToken: 'rt-1',
  expiresIn: 900,
};

describe('RegisterPageComponent', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let page: HTMLElement;

  async function render(): Promise<void> {
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await harness.fixture.whenStable();
  }

  const input = (id: string) => page.querySelector<HTMLInputElement>(`#register-${id}`) as HTMLInputElement;
  const errorOf = (id: string) => page.querySelector(`#register-${id}-error`)?.textContent?.trim() ?? null;
  const banner = () => page.querySelector('[role="alert"]')?.textContent?.trim() ?? null;
  const submitButton = () =>
    page.querySelector<HTMLButtonElement>('button[type="submit"]') as HTMLButtonElement;

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

  async function fillValidForm(displayName = ''): Promise<void> {
    await type('email', 'erin@example.com');
    await type('username', 'Erin.B');
    await type('display-name', displayName);
    await type('password', 'correct horse battery');
  }

  function answer(status: number, body: object): void {
    http.expectOne(AUTH_ENDPOINTS.register).flush(body, { status, statusText: 'Error' });
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([...authRoutes, { path: '', component: HomeComponent }]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/register');
    page = harness.routeNativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  it('labels every input and gives password managers the right hints', () => {
    for (const [id, label, autocomplete] of [
      ['email', 'Email', 'email'],
      ['username', 'Username', 'username'],
      ['display-name', 'Display name', 'name'],
      ['password', 'Password', 'new-password'],
    ]) {
      expect(page.querySelector(`label[for="register-${id}"]`)?.textContent).toContain(label);
      expect(input(id).getAttribute('autocomplete')).toBe(autocomplete);
    }
  });

  it('requires email, username and password but not a display name', async () => {
    await submit();

    expect(errorOf('email')).toBe('Email is required');
    expect(errorOf('username')).toBe('Username is required');
    expect(errorOf('password')).toBe('Password is required');
    expect(errorOf('display-name')).toBeNull();
    expect(document.activeElement).toBe(input('email'));
    http.expectNone(AUTH_ENDPOINTS.register);
  });

  it.each([
    ['username', 'a', 'Username must be at least 2 characters'],
    ['username', 'x'.repeat(33), 'Username must be at most 32 characters'],
    ['username', 'has space', 'Username may contain only letters, digits, "_", "." and "-"'],
    ['username', 'émile', 'Username may contain only letters, digits, "_", "." and "-"'],
    ['password', 'short', 'Password must be at least 8 characters'],
    ['password', 'p'.repeat(129), 'Password must be at most 128 characters'],
    ['display-name', 'd'.repeat(65), 'Display name must be at most 64 characters'],
    ['email', 'erin@', 'Enter a valid email address, like name@example.com'],
  ])('%s %j: %s', async (id, value, message) => {
    await type(id, value);
    expect(errorOf(id)).toBe(message);
    expect(input(id).getAttribute('aria-invalid')).toBe('true');
    expect(input(id).getAttribute('aria-describedby')).toContain(`register-${id}-error`);
  });

  it.each([
    ['username', 'Mixed.Case_name-2'],
    ['username', '  ab  '],
    ['password', 'p'.repeat(8)],
    ['display-name', 'd'.repeat(64)],
  ])('accepts %s %j', async (id, value) => {
    await type(id, value);
    expect(errorOf(id)).toBeNull();
  });

  it('creates the account with trimmed values, leaves out an empty display name, and goes home', async () => {
    await fillValidForm('   ');
    await submit();

    const request = http.expectOne(AUTH_ENDPOINTS.register);
    expect(request.request.body).toEqual({
      email: 'erin@example.com',
      username: 'Erin.B',
      password: 'correct horse battery',
    });
    request.flush(registered, { status: 201, statusText: 'Created' });
    await render();

    expect(TestBed.inject(Router).url).toBe('/');
    expect(TestBed.inject(AuthService).user()?.username).toBe('erin.b');
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('rt-1');
  });

  it('sends the display name when one is given', async () => {
    await fillValidForm('  Erin B ');
    await submit();
    const request = http.expectOne(AUTH_ENDPOINTS.register);
    expect(request.request.body).toMatchObject({ displayName: 'Erin B' });
    request.flush(registered, { status: 201, statusText: 'Created' });
    await render();
  });

  it('disables the button while the account is being created', async () => {
    await fillValidForm();
    await submit();

    expect(submitButton().disabled).toBe(true);
    expect(submitButton().textContent?.trim()).toBe('Creating account…');
    answer(409, {
      statusCode: 409,
      code: 'CONFLICT',
      message: 'That email is already registered',
      details: { field: 'email' },
      requestId: 'r1',
    });
    await render();
    expect(submitButton().disabled).toBe(false);
  });

  it('shows a taken username under the username field', async () => {
    await fillValidForm();
    await submit();
    answer(409, {
      statusCode: 409,
      code: 'CONFLICT',
      message: 'That username is already registered',
      details: { field: 'username' },
      requestId: 'r1',
    });
    await render();

    expect(errorOf('username')).toBe('That username is already registered');
    expect(input('username').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf('email')).toBeNull();
    expect(banner()).toBe('That username is already registered');
    expect(TestBed.inject(Router).url).toBe('/register');
  });

  it('shows the server’s validation errors under their fields', async () => {
    await fillValidForm();
    await submit();
    answer(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid input',
      details: {
        fields: [
          { path: 'email', message: 'must be a valid email address' },
          { path: 'password', message: 'must be at least 12 characters' },
        ],
      },
      requestId: 'r2',
    });
    await render();

    expect(errorOf('email')).toBe('Email must be a valid email address');
    expect(errorOf('password')).toBe('Password must be at least 12 characters');
    expect(banner()).toBe('Please correct the highlighted fields.');
    expect(document.activeElement).toBe(input('email'));
  });

  it('explains an unreachable server in the banner', async () => {
    await fillValidForm();
    await submit();
    http.expectOne(AUTH_ENDPOINTS.register).error(new ProgressEvent('error'));
    await render();

    expect(banner()).toBe('Cannot reach the server. Check your connection and try again.');
  });

  it('is translated to French, hints and validation messages included', async () => {
    TestBed.inject(I18nService).setLocale('fr');
    await render();

    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Créer votre compte');
    expect(
      page.querySelector('label[for="register-display-name"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('Nom affiché (facultatif)');
    expect(page.querySelector('#register-password-hint')?.textContent?.trim()).toBe(
      'Au moins 8 caractères. Quelques mots pris au hasard font un mot de passe solide.',
    );
    await type('username', 'a');
    expect(errorOf('username')).toBe(
      'Le champ «\u00a0Nom d’utilisateur\u00a0» doit contenir au moins 2 caractères',
    );
    expect(submitButton().textContent?.trim()).toBe('Créer le compte');
  });
});
