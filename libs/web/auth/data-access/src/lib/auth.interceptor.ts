import type { HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT, inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { PUBLIC_AUTH_ENDPOINTS } from './auth-endpoints';
import { AuthService } from './auth.service';

/**
 * Adds `Authorization: Bearer <access token>` to this origin's /api requests (but not to login,
 * register and refresh) and, when the server answers 401, refreshes the session once and retries the
 * request once. The retry goes straight to the next handler, so a second 401 is final: no loop.
 * A request that already carries an Authorization header is left alone.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const origin = inject(DOCUMENT).location?.origin ?? null;
  if (!needsBearer(request, origin)) return next(request);

  const auth = inject(AuthService);
  const usedToken = auth.accessToken();
  return next(withBearer(request, usedToken)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      return from(auth.renewAccessToken(usedToken)).pipe(
        // Refresh impossible (no session, refused): the caller gets the original 401.
        catchError(() => throwError(() => error)),
        switchMap((renewedToken) => next(withBearer(request, renewedToken))),
      );
    }),
  );
};

function withBearer<T>(request: HttpRequest<T>, accessToken: string | null): HttpRequest<T> {
  return accessToken ? request.clone({ setHeaders: { Authorization: `Bearer ${accessToken}` } }) : request;
}

function needsBearer(request: HttpRequest<unknown>, origin: string | null): boolean {
  if (request.headers.has('Authorization')) return false;
  const path = sameOriginPath(request.url, origin);
  return path !== null && path.startsWith('/api/') && !PUBLIC_AUTH_ENDPOINTS.includes(path);
}

/** The path of a URL on this origin (relative or absolute), or null for another origin. */
function sameOriginPath(url: string, origin: string | null): string | null {
  if (url.startsWith('/') && !url.startsWith('//')) return url.split(/[?#]/, 1)[0];
  if (!origin || origin === 'null') return null;
  try {
    const parsed = new URL(url, origin);
    return parsed.origin === origin ? parsed.pathname : null;
  } catch {
    return null;
  }
}
