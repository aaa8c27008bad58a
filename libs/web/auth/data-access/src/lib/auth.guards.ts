import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Router } from '@angular/router';
import { AuthService } from './auth.service';

/** Lets signed-in users through; sends everyone else to /login?returnUrl=<where they were going>. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthService).isAuthenticated()) return true;
  const queryParams = state.url === '/' ? {} : { returnUrl: state.url };
  return inject(Router).createUrlTree(['/login'], { queryParams });
};

/**
 * For admin pages: signed-out visitors go to the login page, members to the home page. A convenience
 * only: the server checks the role on every admin route and in the `/monitor` handshake.
 */
export const adminGuard: CanActivateFn = (route, state) => {
  const auth = inject(AuthService);
  if (!auth.isAuthenticated()) return authGuard(route, state);
  if (auth.user()?.role === 'admin') return true;
  return inject(Router).createUrlTree(['/']);
};

/** For the login and register pages: a signed-in user goes to / instead. */
export const guestGuard: CanActivateFn = () => {
  if (!inject(AuthService).isAuthenticated()) return true;
  return inject(Router).createUrlTree(['/']);
};

/**
 * The in-app path to go to after signing in: `returnUrl` if it is a path on this site, otherwise '/'.
 * ('//evil.example' and '/\evil.example' are other sites to a browser.)
 */
export function safeReturnUrl(returnUrl: string | null | undefined): string {
  if (!returnUrl || !returnUrl.startsWith('/') || returnUrl.startsWith('//') || returnUrl.startsWith('/\\')) {
    return '/';
  }
  return returnUrl;
}
