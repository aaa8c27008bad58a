import type { Routes } from '@angular/router';
import { titleKey } from '@supchat/web/shared/i18n';
import { MonitoringPageComponent } from './monitoring-page/monitoring-page.component';

/** The admin pages (lazy-loaded under `/admin` behind the admin guard): `/admin/monitoring`. */
export const adminRoutes: Routes = [
  { path: 'monitoring', title: titleKey('titles.monitoring'), component: MonitoringPageComponent },
  { path: '', pathMatch: 'full', redirectTo: 'monitoring' },
];
