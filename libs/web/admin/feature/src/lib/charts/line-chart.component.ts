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
import { SERIES_WINDOW_MS } from '@supchat/web/admin/data-access';
import { I18nService } from '@supchat/web/shared/i18n';
import type { ChartConfiguration, ChartDataset, ChartOptions } from 'chart.js';
import type { ChartHandle } from './chart-factory';
import { CHART_FACTORY } from './chart-factory';
import type { ChartColors } from './chart-theme';
import { ChartTheme } from './chart-theme';

/** One point: x in ms since the epoch, y null for "no value" (a gap in the line). */
export interface ChartPoint {
  x: number;
  y: number | null;
}

export interface LineSeries {
  label: string;
  points: readonly ChartPoint[];
}

type LineData = ChartPoint[];

/**
 * A line chart of the last 15 minutes (x: time). Created once, after the first render; every change
 * of its inputs swaps the data in place and redraws without animation (a snapshot a second would
 * otherwise re-create or animate it constantly). Destroyed with the component. The canvas is an
 * image labelled with `description` for screen readers; the page shows the numbers in text as well.
 */
@Component({
  selector: 'sc-line-chart',
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
export class LineChartComponent {
  readonly series = input.required<readonly LineSeries[]>();
  /** What a screen reader hears instead of the drawing. */
  readonly description = input.required<string>();
  /** Values are counts: whole numbers on the axis. */
  readonly integer = input(false);
  /** Formats a y value for the axis and the tooltip. */
  readonly formatValue = input<(value: number) => string>((value) => String(value));

  private readonly i18n = inject(I18nService);
  private readonly theme = inject(ChartTheme);
  private readonly createChart = inject(CHART_FACTORY);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: ChartHandle<'line', LineData> | null = null;

  constructor() {
    afterRenderEffect({
      write: () => {
        const series = this.series();
        const colors = this.theme.colors();
        this.i18n.locale();
        this.integer();
        this.formatValue();
        untracked(() => this.draw(series, colors));
      },
    });
    inject(DestroyRef).onDestroy(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }

  private draw(series: readonly LineSeries[], colors: ChartColors): void {
    // The window ends at the newest point (server time), so a skewed browser clock does not shift it.
    const latest = Math.max(...series.map((line) => line.points.at(-1)?.x ?? 0));
    const newest = latest > 0 ? latest : Date.now();
    const datasets = series.map((line, index) => this.dataset(line, index, colors));
    if (!this.chart) {
      this.chart = this.createChart(this.canvas().nativeElement, this.config(datasets, colors, newest));
      return;
    }
    const current = this.chart.data.datasets;
    datasets.forEach((dataset, index) => {
      if (current[index]) Object.assign(current[index], dataset);
      else current.push(dataset);
    });
    current.length = datasets.length;
    this.applyOptions(this.chart.options, colors, newest, datasets.length);
    this.chart.update('none');
  }

  private dataset(line: LineSeries, index: number, colors: ChartColors): ChartDataset<'line', LineData> {
    const color = colors.series[index % colors.series.length];
    return {
      label: line.label,
      data: line.points as LineData,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      pointRadius: 0,
      pointHitRadius: 6,
      tension: 0.2,
      spanGaps: false,
    };
  }

  private config(
    datasets: ChartDataset<'line', LineData>[],
    colors: ChartColors,
    newest: number,
  ): ChartConfiguration<'line', LineData> {
    const options: ChartOptions<'line'> = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
    };
    this.applyOptions(options, colors, newest, datasets.length);
    return { type: 'line', data: { datasets }, options };
  }

  /** Axes, legend and tooltip: colours of the theme, times and values in the current language. */
  private applyOptions(
    options: ChartOptions<'line'>,
    colors: ChartColors,
    newest: number,
    datasetCount: number,
  ): void {
    const formatTime = (value: number | string) => this.i18n.formatTime(Number(value));
    const formatValue = (value: number | string) => this.formatValue()(Number(value));
    options.scales = {
      x: {
        type: 'linear',
        min: newest - SERIES_WINDOW_MS,
        max: newest,
        grid: { color: colors.grid },
        border: { color: colors.grid },
        ticks: { color: colors.text, maxTicksLimit: 4, maxRotation: 0, callback: formatTime },
      },
      y: {
        type: 'linear',
        beginAtZero: true,
        grace: '10%',
        grid: { color: colors.grid },
        border: { color: colors.grid },
        ticks: {
          color: colors.text,
          maxTicksLimit: 5,
          precision: this.integer() ? 0 : undefined,
          callback: formatValue,
        },
      },
    };
    options.plugins = {
      legend: { display: datasetCount > 1, labels: { color: colors.text, boxWidth: 12 } },
      tooltip: {
        callbacks: {
          title: (items) => (items[0] ? formatTime(items[0].parsed.x ?? 0) : ''),
          label: (item) =>
            `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '—' : formatValue(item.parsed.y)}`,
        },
      },
    };
  }
}
