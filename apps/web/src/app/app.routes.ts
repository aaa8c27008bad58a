import type { Routes } from '@angular/router';
import { authGuard } from '@supchat/web/auth/data-access';
import { authRoutes } from '@supchat/web/auth/feature';
import { titleKey } from '@supchat/web/shared/i18n';
import { HomePageComponent } from './home/home-page.component';

export const appRoutes: Routes = [
  ...authRoutes,
  {
    path: '',
    pathMatch: 'full',
    title: titleKey('titles.home'),
    canActivate: [authGuard],
    component: HomePageComponent,
  },
  { path: '**', redirectTo: '' },
];
