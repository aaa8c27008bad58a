import type { Routes } from '@angular/router';
import { authGuard } from '@supchat/web/auth/data-access';
import { authRoutes } from '@supchat/web/auth/feature';

export const appRoutes: Routes = [
  ...authRoutes,
  {
    path: '',
    canActivate: [authGuard],
    // The chat (its stores, socket, markdown, virtual scrolling) loads once somebody is signed in.
    loadChildren: () => import('@supchat/web/chat/feature').then((module) => module.chatRoutes),
  },
  { path: '**', redirectTo: '' },
];
