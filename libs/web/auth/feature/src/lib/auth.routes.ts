import type { Routes } from '@angular/router';
import { guestGuard } from '@supchat/web/auth/data-access';
import { LoginPageComponent } from './login-page/login-page.component';
import { RegisterPageComponent } from './register-page/register-page.component';

/** /login and /register, for signed-out users only. Mount at the root: `[...authRoutes, ...]`. */
export const authRoutes: Routes = [
  { path: 'login', title: 'Sign in · SUPCHAT', canActivate: [guestGuard], component: LoginPageComponent },
  {
    path: 'register',
    title: 'Create account · SUPCHAT',
    canActivate: [guestGuard],
    component: RegisterPageComponent,
  },
];
