import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorView } from '@supchat/web/auth/data-access';
import type { I18nService, TranslationKey } from '@supchat/web/shared/i18n';

export type AuthFormKind = 'login' | 'register';

export interface LocalizedAuthError {
  /** For the banner. */
  message: string;
  /** By form field. */
  fieldErrors: Record<string, string>;
}

const TAKEN: Readonly<Record<string, TranslationKey>> = {
  email: 'auth.errors.emailTaken',
  username: 'auth.errors.usernameTaken',
};

const STATUS_MESSAGES: Readonly<Record<number, TranslationKey>> = {
  401: 'errors.sessionEnded',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  413: 'errors.tooLarge',
  429: 'errors.tooManyRequests',
};

/**
 * Puts a failed sign-in or registration in the user's language. The server's sentences are English, so
 * the cases this form knows (bad credentials, a taken email or username, rate limits, validation,
 * network and server failures) get our own translated text; anything else keeps the server's sentence.
 * Server validation details under a field ("must be ...") stay as the server wrote them.
 *
 * @param formFields the names of the form's fields (server issues on other paths are not "highlighted").
 */
export function localizeAuthError(
  error: unknown,
  view: ApiErrorView,
  i18n: Pick<I18nService, 't'>,
  form: AuthFormKind,
  formFields: readonly string[],
): LocalizedAuthError {
  const fieldErrors = { ...view.fieldErrors };
  if (view.code === 'CONFLICT') {
    for (const field of Object.keys(fieldErrors)) {
      const key = TAKEN[field];
      if (key) fieldErrors[field] = i18n.t(key);
    }
  }
  return { message: bannerMessage(error, view, i18n, form, formFields), fieldErrors };
}

function bannerMessage(
  error: unknown,
  view: ApiErrorView,
  i18n: Pick<I18nService, 't'>,
  form: AuthFormKind,
  formFields: readonly string[],
): string {
  if (!(error instanceof HttpErrorResponse)) return i18n.t('errors.generic');
  if (error.status === 0) return i18n.t('errors.network');
  switch (view.code) {
    case 'RATE_LIMITED':
      return view.retryAfterMs === null
        ? i18n.t('errors.tooManyRequests')
        : i18n.t('errors.rateLimited', { count: Math.max(1, Math.ceil(view.retryAfterMs / 1000)) });
    case 'UNAUTHORIZED':
      if (form === 'login') return i18n.t('auth.errors.invalidCredentials');
      break;
    case 'CONFLICT': {
      const taken = Object.keys(view.fieldErrors).find((field) => TAKEN[field]);
      if (taken) return i18n.t(TAKEN[taken]);
      break;
    }
    case 'VALIDATION_FAILED':
      // Every issue sits under one of the form's fields: say so. Otherwise the server's list is needed.
      if (Object.keys(view.fieldErrors).length > 0 && allIssuesPlaced(error, formFields)) {
        return i18n.t('errors.correctFields');
      }
      break;
  }
  if (view.code === 'INTERNAL' || view.status >= 500) {
    const requestId = requestIdOf(error);
    return requestId ? i18n.t('errors.server', { requestId }) : i18n.t('errors.serverProblem');
  }
  if (view.code === null) {
    const key = STATUS_MESSAGES[view.status];
    return key ? i18n.t(key) : i18n.t('errors.generic');
  }
  return view.message;
}

function allIssuesPlaced(error: HttpErrorResponse, formFields: readonly string[]): boolean {
  const fields: unknown = (error.error as { details?: { fields?: unknown } } | null)?.details?.fields;
  if (!Array.isArray(fields)) return true;
  return fields.every(
    (issue: unknown) =>
      typeof issue === 'object' &&
      issue !== null &&
      formFields.includes(String((issue as { path?: unknown }).path)),
  );
}

function requestIdOf(error: HttpErrorResponse): string | null {
  const requestId: unknown = (error.error as { requestId?: unknown } | null)?.requestId;
  return typeof requestId === 'string' ? requestId : null;
}
