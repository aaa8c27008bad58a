import type { Routes } from '@angular/router';
import { adminGuard, authGuard } from '@supchat/web/auth/data-access';
import { authRoutes } from '@supchat/web/auth/feature';

export const appRoutes: Routes = [
  ...authRoutes,
  {
    path: 'admin',
    canActivate: [adminGuard],
    // The dashboard (Chart.js, its sockets) loads only for admins who open it.
    loadChildren: () => import('@supchat/web/admin/feature').then((module) => module.adminRoutes),
  },
  {
    path: '',
    canActivate: [authGuard],
    // The chat (its stores, socket, markdown, virtual scrolling) loads once somebody is signed in.
    loadChildren: () => import('@supchat/web/chat/feature').then((module) => module.chatRoutes),
  },
  { path: '**', redirectTo: '' },
];
