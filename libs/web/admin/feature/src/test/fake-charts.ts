import type { Provider } from '@angular/core';
import type { ChartConfiguration, ChartData, ChartOptions, ChartType } from 'chart.js';
import type { ChartFactory, ChartHandle } from '../lib/charts/chart-factory';
import { CHART_FACTORY } from '../lib/charts/chart-factory';

/** Records what a component does with its chart (jsdom has no canvas to draw on). */
export class FakeChart implements ChartHandle<ChartType, unknown, unknown> {
  updates = 0;
  destroyed = false;
  readonly data: ChartData<ChartType, unknown, unknown>;
  options: ChartOptions<ChartType>;

  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly config: ChartConfiguration<ChartType, unknown, unknown>,
  ) {
    this.data = config.data;
    this.options = config.options ?? {};
  }

  update(): void {
    this.updates++;
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** The y values of one dataset. */
  values(datasetIndex = 0): unknown[] {
    const data = this.data.datasets[datasetIndex]?.data as unknown[] | undefined;
    return (data ?? []).map((point) =>
      typeof point === 'object' && point !== null && 'y' in point ? (point as { y: unknown }).y : point,
    );
  }
}

export function provideFakeCharts(): { providers: Provider[]; charts: FakeChart[] } {
  const charts: FakeChart[] = [];
  const factory = (canvas: HTMLCanvasElement, config: ChartConfiguration<ChartType, unknown, unknown>) => {
    const chart = new FakeChart(canvas, config);
    charts.push(chart);
    return chart;
  };
  return { charts, providers: [{ provide: CHART_FACTORY, useValue: factory as unknown as ChartFactory }] };
}
