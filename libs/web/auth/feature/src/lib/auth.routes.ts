import type { Routes } from '@angular/router';
import { guestGuard } from '@supchat/web/auth/data-access';
import { titleKey } from '@supchat/web/shared/i18n';
import { LoginPageComponent } from './login-page/login-page.component';
import { RegisterPageComponent } from './register-page/register-page.component';

/**
 * /login and /register, for signed-out users only. Mount at the root: `[...authRoutes, ...]`. Titles are
 * translation keys (see provideI18n()).
 */
export const authRoutes: Routes = [
  {
    path: 'login',
    title: titleKey('titles.signIn'),
    canActivate: [guestGuard],
    component: LoginPageComponent,
  },
  {
    path: 'register',
    title: titleKey('titles.register'),
    canActivate: [guestGuard],
    component: RegisterPageComponent,
  },
];
