export { adminRoutes } from './lib/admin.routes';
export { CHART_FACTORY } from './lib/charts/chart-factory';
export type { ChartFactory, ChartHandle } from './lib/charts/chart-factory';
export { MonitoringPageComponent } from './lib/monitoring-page/monitoring-page.component';
