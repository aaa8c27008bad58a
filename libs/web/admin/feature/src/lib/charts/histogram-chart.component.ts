import type { ElementRef } from '@angular/core';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  afterRenderEffect,
  inject,
  input,
  untracked,
  viewChild,
} from '@angular/core';
import type { HistogramBucket } from '@supchat/web/admin/data-access';
import { I18nService } from '@supchat/web/shared/i18n';
import type { ChartOptions } from 'chart.js';
import type { ChartHandle } from './chart-factory';
import { CHART_FACTORY } from './chart-factory';
import type { ChartColors } from './chart-theme';
import { ChartTheme } from './chart-theme';

/**
 * A bar chart of a round-trip histogram ("0–5 ms: 12"). Created after the first render, updated in
 * place, destroyed with the component; labelled for screen readers by `description`.
 */
@Component({
  selector: 'sc-histogram-chart',
  template: `<canvas #canvas role="img" [attr.aria-label]="description()"></canvas>`,
  styles: `
    :host {
      display: block;
      position: relative;
      height: 12rem;
      min-width: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistogramChartComponent {
  readonly buckets = input.required<readonly HistogramBucket[]>();
  readonly description = input.required<string>();
  /** The label of the bars' dataset (for the tooltip). */
  readonly valueLabel = input.required<string>();

  private readonly i18n = inject(I18nService);
  private readonly theme = inject(ChartTheme);
  private readonly createChart = inject(CHART_FACTORY);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: ChartHandle<'bar', number[], string> | null = null;

  constructor() {
    afterRenderEffect({
      write: () => {
        const buckets = this.buckets();
        const colors = this.theme.colors();
        const label = this.valueLabel();
        this.i18n.locale();
        untracked(() => this.draw(buckets, colors, label));
      },
    });
    inject(DestroyRef).onDestroy(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }

  private draw(buckets: readonly HistogramBucket[], colors: ChartColors, label: string): void {
    const labels = buckets.map((bucket) =>
      this.i18n.t('monitoring.tester.result.bucket', { from: bucket.fromMs, to: bucket.toMs }),
    );
    const counts = buckets.map((bucket) => bucket.count);
    const dataset = {
      label,
      data: counts,
      backgroundColor: colors.series[0],
      borderColor: colors.series[0],
      categoryPercentage: 0.95,
      barPercentage: 1,
    };
    if (!this.chart) {
      const options: ChartOptions<'bar'> = { responsive: true, maintainAspectRatio: false, animation: false };
      this.applyOptions(options, colors);
      this.chart = this.createChart(this.canvas().nativeElement, {
        type: 'bar',
        data: { labels, datasets: [dataset] },
        options,
      });
      return;
    }
    this.chart.data.labels = labels;
    const current = this.chart.data.datasets[0];
    if (current) Object.assign(current, dataset);
    else this.chart.data.datasets.push(dataset);
    this.applyOptions(this.chart.options, colors);
    this.chart.update('none');
  }

  private applyOptions(options: ChartOptions<'bar'>, colors: ChartColors): void {
    options.scales = {
      x: {
        type: 'category',
        grid: { display: false },
        border: { color: colors.grid },
        ticks: { color: colors.text, maxRotation: 0, autoSkip: true },
      },
      y: {
        type: 'linear',
        beginAtZero: true,
        grid: { color: colors.grid },
        border: { color: colors.grid },
        ticks: { color: colors.text, precision: 0 },
      },
    };
    options.plugins = { legend: { display: false } };
  }
}
