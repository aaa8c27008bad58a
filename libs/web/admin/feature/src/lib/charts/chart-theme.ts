import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';

/** The colours a chart draws with, read from the app's CSS custom properties (light or dark). */
export interface ChartColors {
  series: readonly [string, string, string];
  grid: string;
  text: string;
}

const FALLBACK: ChartColors = { series: ['#4f46e5', '#d92d20', '#12805c'], grid: '#dcdfea', text: '#555c73' };

/**
 * Chart colours that follow the theme: canvas drawings cannot use CSS variables, so the values are
 * read from `--chart-1..3`, `--chart-grid`, `--chart-text` and read again when the colour scheme
 * changes (charts then redraw).
 */
@Injectable({ providedIn: 'root' })
export class ChartTheme {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<ChartColors>(this.read());

  readonly colors = this.current.asReadonly();

  constructor() {
    const view = this.document.defaultView;
    if (typeof view?.matchMedia !== 'function') return;
    const query = view.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => this.current.set(this.read());
    query.addEventListener('change', onChange);
    inject(DestroyRef).onDestroy(() => query.removeEventListener('change', onChange));
  }

  private read(): ChartColors {
    const view = this.document.defaultView;
    if (!view) return FALLBACK;
    const style = view.getComputedStyle(this.document.documentElement);
    const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      series: [
        value('--chart-1', FALLBACK.series[0]),
        value('--chart-2', FALLBACK.series[1]),
        value('--chart-3', FALLBACK.series[2]),
      ],
      grid: value('--chart-grid', FALLBACK.grid),
      text: value('--chart-text', FALLBACK.text),
    };
  }
}
