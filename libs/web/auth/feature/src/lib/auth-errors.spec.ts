import { HttpErrorResponse } from '@angular/common/http';
import { describeApiError } from '@supchat/web/auth/data-access';
import { translate } from '@supchat/web/shared/i18n';
import type { Locale, TranslationKey, TranslationParams } from '@supchat/web/shared/i18n';
import type { AuthFormKind } from './auth-errors';
import { localizeAuthError } from './auth-errors';

const LABELS = { email: 'Email', username: 'Username', password: 'Password' };

function localize(error: unknown, form: AuthFormKind = 'register', locale: Locale = 'fr') {
  const i18n = { t: (key: TranslationKey, params?: TranslationParams) => translate(locale, key, params) };
  const view = describeApiError(error, { fieldLabels: LABELS });
  return localizeAuthError(error, view, i18n, form, Object.keys(LABELS));
}

const httpError = (status: number, body: object | null) =>
  new HttpErrorResponse({ status, error: body, statusText: 'Error' });

describe('localizeAuthError', () => {
  it('translates a taken email in the banner and under the field', () => {
    const result = localize(
      httpError(409, {
        statusCode: 409,
        code: 'CONFLICT',
        message: 'That email is already registered',
        details: { field: 'email' },
        requestId: 'r',
      }),
    );
    expect(result.message).toBe('Cette adresse e-mail est déjà utilisée');
    expect(result.fieldErrors).toEqual({ email: 'Cette adresse e-mail est déjà utilisée' });
  });

  it('says when to retry after a rate limit', () => {
    const result = localize(
      httpError(429, {
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: 'Too many requests, try again later',
        details: { retryAfterMs: 1_200 },
        requestId: 'r',
      }),
    );
    expect(result.message).toBe('Trop de tentatives. Réessayez dans 2\u00a0s.');
  });

  it('asks to correct the fields only when every issue is under a field', () => {
    const issues = (paths: string[]) =>
      httpError(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input',
        details: { fields: paths.map((path) => ({ path, message: 'is wrong' })) },
        requestId: 'r',
      });
    expect(localize(issues(['email'])).message).toBe('Veuillez corriger les champs signalés.');
    expect(localize(issues(['email', 'captcha'])).message).toBe(
      'Please correct the form: captcha: is wrong.',
    );
  });

  it('translates network and server failures, keeping the request id', () => {
    expect(localize(httpError(0, null)).message).toBe(
      'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
    );
    expect(
      localize(httpError(500, { statusCode: 500, code: 'INTERNAL', message: 'boom', requestId: 'req-7' }))
        .message,
    ).toBe(
      'Une erreur est survenue sur le serveur. Veuillez réessayer (identifiant de requête\u00a0: req-7).',
    );
    expect(localize(httpError(502, null)).message).toBe(
      'Le serveur a rencontré un problème. Veuillez réessayer.',
    );
    expect(localize(new Error('bug')).message).toBe('Une erreur est survenue. Veuillez réessayer.');
  });

  it('translates refused credentials on the sign-in form only', () => {
    const refused = httpError(401, {
      statusCode: 401,
      code: 'UNAUTHORIZED',
      message: 'Invalid email or password',
      requestId: 'r',
    });
    expect(localize(refused, 'login').message).toBe('Adresse e-mail ou mot de passe incorrect');
    expect(localize(refused, 'login', 'en').message).toBe('Invalid email or password');
  });

  it('keeps the server’s sentence for cases it does not know', () => {
    const result = localize(
      httpError(403, {
        statusCode: 403,
        code: 'FORBIDDEN',
        message: 'Registration is closed',
        requestId: 'r',
      }),
    );
    expect(result.message).toBe('Registration is closed');
  });
});
