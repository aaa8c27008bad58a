export { authRoutes } from './lib/auth.routes';
export { LoginPageComponent } from './lib/login-page/login-page.component';
export { RegisterPageComponent } from './lib/register-page/register-page.component';
