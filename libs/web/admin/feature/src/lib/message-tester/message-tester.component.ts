import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { LIMITS } from '@supchat/constants';
import type { ProbeProgress } from '@supchat/web/admin/data-access';
import { MessageTesterService } from '@supchat/web/admin/data-access';
import type { TranslationKey, TranslationParams } from '@supchat/web/shared/i18n';
import { I18nService, TranslatePipe } from '@supchat/web/shared/i18n';
import { HistogramChartComponent } from '../charts/histogram-chart.component';
import { formatCount, formatMs } from '../monitor-format';

const PHASE_TEXT: Readonly<Record<string, TranslationKey>> = {
  preparing: 'monitoring.tester.phases.preparing',
  connecting: 'monitoring.tester.phases.connecting',
  sending: 'monitoring.tester.phases.sending',
  waiting: 'monitoring.tester.phases.waiting',
  done: 'monitoring.tester.phases.done',
  cancelled: 'monitoring.tester.phases.cancelled',
  failed: 'monitoring.tester.phases.failed',
};

/**
 * The message tester: N (1..500) probe messages through the admin's probe channel, progress while it
 * runs, then round-trip and delivery percentiles, the lost count and a histogram. The run belongs to
 * the page's MessageTesterService, so leaving the page cancels it.
 */
@Component({
  selector: 'sc-message-tester',
  imports: [TranslatePipe, HistogramChartComponent],
  templateUrl: './message-tester.component.html',
  styleUrl: './message-tester.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageTesterComponent {
  private readonly tester = inject(MessageTesterService);
  private readonly i18n = inject(I18nService);

  protected readonly max = LIMITS.probeMessages.max;
  protected readonly count = signal<number>(LIMITS.probeMessages.default);
  protected readonly countValid = computed(() => {
    const count = this.count();
    return Number.isInteger(count) && count >= 1 && count <= this.max;
  });
  protected readonly running = this.tester.running;
  protected readonly phase = this.tester.phase;
  protected readonly progress = this.tester.progress;
  protected readonly result = this.tester.result;
  protected readonly channel = this.tester.channel;
  protected readonly phaseText = computed(() => {
    const key = PHASE_TEXT[this.tester.phase()];
    return key ? this.i18n.t(key) : '';
  });

  protected readonly errorText = computed(() => {
    const error = this.tester.error();
    if (!error) return null;
    switch (error.failure) {
      case 'probe-channel':
        return this.i18n.t(
          error.code === 'FORBIDDEN'
            ? 'monitoring.tester.errors.probeChannelForbidden'
            : 'monitoring.tester.errors.probeChannel',
        );
      case 'refused':
        return this.i18n.t('monitoring.tester.errors.refused', { code: error.code ?? '?' });
      case 'timeout':
        return this.i18n.t('monitoring.tester.errors.timeout');
      case 'disconnected':
        return this.i18n.t('monitoring.tester.errors.disconnected');
      default:
        return this.i18n.t('monitoring.tester.errors.internal');
    }
  });

  protected readonly summary = computed(() => {
    const result = this.result();
    if (!result) return null;
    const locale = this.i18n.locale();
    const ms = (value: number | null) => formatMs(value, locale);
    return {
      rows: [
        { label: 'monitoring.tester.result.roundTrip' as TranslationKey, summary: result.roundTrip },
        { label: 'monitoring.tester.result.delivery' as TranslationKey, summary: result.delivery },
      ].map((row) => ({
        label: row.label,
        cells: [ms(row.summary.p50), ms(row.summary.p95), ms(row.summary.p99), ms(row.summary.max)],
        count: formatCount(row.summary.count, locale),
      })),
      lost: formatCount(result.lost, locale),
      refused: formatCount(result.refused, locale),
      rateLimited: formatCount(result.rateLimited, locale),
      histogram: result.histogram,
      histogramText: this.i18n.t('monitoring.tester.result.histogramSummary', {
        count: result.roundTrip.count,
        min: ms(result.histogram[0]?.fromMs ?? null),
        max: ms(result.roundTrip.max),
      }),
    };
  });

  protected progressParams(progress: ProbeProgress): TranslationParams {
    const { sent, total, acknowledged, received } = progress;
    return { sent, total, acknowledged, received };
  }

  protected setCount(event: Event): void {
    const value = (event.target as HTMLInputElement).valueAsNumber;
    this.count.set(Number.isFinite(value) ? value : Number.NaN);
  }

  protected start(event: Event): void {
    event.preventDefault();
    if (!this.countValid() || this.running()) return;
    void this.tester.run(this.count());
  }

  protected cancel(): void {
    this.tester.cancel();
  }
}
