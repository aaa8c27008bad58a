import { InjectionToken } from '@angular/core';
import type { ChartConfiguration, ChartData, ChartOptions, ChartType } from 'chart.js';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

/** What the dashboard does with a chart: change its data and options in place, redraw, destroy. */
export interface ChartHandle<TType extends ChartType, TData, TLabel = unknown> {
  data: ChartData<TType, TData, TLabel>;
  options: ChartOptions<TType>;
  update(mode?: 'none'): void;
  destroy(): void;
}

export type ChartFactory = <TType extends ChartType, TData, TLabel = unknown>(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<TType, TData, TLabel>,
) => ChartHandle<TType, TData, TLabel>;

let registered = false;

/** Only what the dashboard draws (tree-shaking drops the rest): lines and bars on linear/category axes. */
function registerChartParts(): void {
  if (registered) return;
  Chart.register(
    LineController,
    LineElement,
    PointElement,
    BarController,
    BarElement,
    LinearScale,
    CategoryScale,
    Tooltip,
    Legend,
  );
  registered = true;
}

/** Creates Chart.js charts; unit tests (jsdom has no canvas) provide a fake. */
export const CHART_FACTORY = new InjectionToken<ChartFactory>('CHART_FACTORY', {
  providedIn: 'root',
  factory: () => (canvas, config) => {
    registerChartParts();
    return new Chart(canvas, config);
  },
});
