import type { Routes } from '@angular/router';
import { authGuard } from '@supchat/web/auth/data-access';
import { authRoutes } from '@supchat/web/auth/feature';
import { HomePageComponent } from './home/home-page.component';

export const appRoutes: Routes = [
  ...authRoutes,
  { path: '', pathMatch: 'full', title: 'SUPCHAT', canActivate: [authGuard], component: HomePageComponent },
  { path: '**', redirectTo: '' },
];
