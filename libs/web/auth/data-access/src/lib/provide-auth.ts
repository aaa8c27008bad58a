import type { EnvironmentProviders } from '@angular/core';
import {
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
  provideEnvironmentInitializer,
} from '@angular/core';
import { Router } from '@angular/router';
import { AuthService } from './auth.service';

/**
 * Restores the stored session before the first navigation (so the guards see it), and sends the user to
 * the login page whenever a signed-in session ends: signed out here or in another tab, or expired
 * (then with a returnUrl to come back to). Pair with `provideHttpClient(withInterceptors([authInterceptor]))`.
 */
export function provideAuth(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideAppInitializer(() => inject(AuthService).restore()),
    provideEnvironmentInitializer(() => {
      const router = inject(Router);
      inject(AuthService).sessionEnded.subscribe((reason) => {
        const current = router.url;
        const comeBack = reason !== 'signed-out' && current !== '/' && !/^\/(login|register)\b/.test(current);
        void router.navigate(['/login'], comeBack ? { queryParams: { returnUrl: current } } : {});
      });
    }),
  ]);
}
