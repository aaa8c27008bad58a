import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { LatencySummary, MonitorActivity, MonitorPoint } from '@supchat/contracts';
import { MessageTesterService, MonitorSocketService } from '@supchat/web/admin/data-access';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { I18nService, LanguageSwitcherComponent, TranslatePipe } from '@supchat/web/shared/i18n';
import type { LineSeries } from '../charts/line-chart.component';
import { LineChartComponent } from '../charts/line-chart.component';
import { MessageTesterComponent } from '../message-tester/message-tester.component';
import {
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatMs,
  formatPercent,
  formatRate,
} from '../monitor-format';

interface Tile {
  metric: string;
  label: TranslationKey;
  value: string;
}

interface LatencyRow {
  label: TranslationKey;
  cells: string[];
}

interface ActivityLine {
  key: string;
  time: string;
  kind: MonitorActivity['kind'];
  kindLabel: TranslationKey;
  user: string | null;
  operation: string | null;
  code: string | null;
  instanceId: string;
}

const ACTIVITY_LABELS: Readonly<Record<MonitorActivity['kind'], TranslationKey>> = {
  connect: 'monitoring.activity.connect',
  disconnect: 'monitoring.activity.disconnect',
  error: 'monitoring.activity.error',
  'rate-limited': 'monitoring.activity.rateLimited',
};

/**
 * `/admin/monitoring`: the live dashboard. It owns the `/monitor` connection and the message tester
 * (both provided here, so they close when the page is left). The route guard keeps members away;
 * the server's handshake is the real check, and a refusal is shown as such.
 */
@Component({
  selector: 'sc-monitoring-page',
  imports: [RouterLink, TranslatePipe, LanguageSwitcherComponent, LineChartComponent, MessageTesterComponent],
  providers: [MonitorSocketService, MessageTesterService],
  templateUrl: './monitoring-page.component.html',
  styleUrl: './monitoring-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonitoringPageComponent {
  private readonly monitor = inject(MonitorSocketService);
  private readonly i18n = inject(I18nService);

  protected readonly state = this.monitor.state;
  protected readonly snapshot = this.monitor.snapshot;
  protected readonly refusal = computed<TranslationKey | null>(() => {
    switch (this.monitor.state()) {
      case 'forbidden':
        return 'monitoring.forbidden';
      case 'unauthorized':
        return 'monitoring.unauthorized';
      default:
        return null;
    }
  });
  protected readonly statusKey = computed<TranslationKey>(() => {
    switch (this.monitor.state()) {
      case 'connected':
        return 'monitoring.live';
      case 'connecting':
        return 'monitoring.connecting';
      case 'reconnecting':
        return 'monitoring.reconnecting';
      default:
        return 'monitoring.idle';
    }
  });
  protected readonly updatedAt = computed(() => {
    const snapshot = this.snapshot();
    return snapshot ? formatClock(snapshot.at, this.i18n.locale()) : null;
  });

  protected readonly tiles = computed<Tile[]>(() => {
    const snapshot = this.snapshot();
    const locale = this.i18n.locale();
    const value = <T>(pick: (s: NonNullable<typeof snapshot>) => T, show: (v: T) => string) =>
      snapshot ? show(pick(snapshot)) : '—';
    return [
      {
        metric: 'sockets',
        label: 'monitoring.tiles.sockets',
        value: value(
          (s) => s.sockets,
          (v) => formatCount(v, locale),
        ),
      },
      {
        metric: 'users',
        label: 'monitoring.tiles.users',
        value: value(
          (s) => s.users,
          (v) => formatCount(v, locale),
        ),
      },
      {
        metric: 'messages-per-second',
        label: 'monitoring.tiles.messagesPerSecond',
        value: value(
          (s) => s.messagesPerSecond,
          (v) => formatRate(v, locale),
        ),
      },
      {
        metric: 'messages-stored',
        label: 'monitoring.tiles.messagesStored',
        value: value(
          (s) => s.messagesStored,
          (v) => formatCount(v, locale),
        ),
      },
      {
        metric: 'errors-per-second',
        label: 'monitoring.tiles.errorsPerSecond',
        value: value(
          (s) => s.errorsPerSecond,
          (v) => formatRate(v, locale),
        ),
      },
      {
        metric: 'rate-limited',
        label: 'monitoring.tiles.rateLimited',
        value: value(
          (s) => s.rateLimited,
          (v) => formatCount(v, locale),
        ),
      },
    ];
  });

  private readonly times = computed(() => this.monitor.series().map((point) => Date.parse(point.at)));

  protected readonly socketsChart = computed(() =>
    this.lineSeries('monitoring.tiles.sockets', (point) => point.sockets),
  );
  protected readonly messagesChart = computed(() =>
    this.lineSeries('monitoring.tiles.messagesPerSecond', (point) => point.messagesPerSecond),
  );
  protected readonly latencyChart = computed(() => [
    ...this.lineSeries('monitoring.charts.deliveryP99', (point) => point.deliveryP99Ms),
    ...this.lineSeries('monitoring.charts.clientRttP99', (point) => point.clientRttP99Ms),
  ]);
  protected readonly formatCountValue = (value: number) => formatCount(value, this.i18n.locale());
  protected readonly formatRateValue = (value: number) => formatRate(value, this.i18n.locale());
  protected readonly formatMsValue = (value: number) => formatMs(value, this.i18n.locale());

  protected readonly socketsDescription = computed(() =>
    this.describe(this.socketsChart(), this.formatCountValue),
  );
  protected readonly messagesDescription = computed(() =>
    this.describe(this.messagesChart(), this.formatRateValue),
  );
  protected readonly latencyDescription = computed(() =>
    this.describe(this.latencyChart(), this.formatMsValue),
  );

  protected readonly latencyRows = computed<LatencyRow[]>(() => {
    const snapshot = this.snapshot();
    const locale = this.i18n.locale();
    const row = (label: TranslationKey, summary: LatencySummary | undefined): LatencyRow => ({
      label,
      cells: [
        formatMs(summary?.p50 ?? null, locale),
        formatMs(summary?.p95 ?? null, locale),
        formatMs(summary?.p99 ?? null, locale),
        formatMs(summary?.max ?? null, locale),
        formatCount(summary?.count ?? null, locale),
      ],
    });
    return [
      row('monitoring.latency.persist', snapshot?.persistMs),
      row('monitoring.latency.delivery', snapshot?.deliveryMs),
      row('monitoring.latency.clientRtt', snapshot?.clientRttMs),
    ];
  });

  protected readonly errors = computed(() => {
    const locale = this.i18n.locale();
    return [...(this.snapshot()?.errors ?? [])]
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
      .map((error) => ({ code: error.code, count: formatCount(error.count, locale) }));
  });

  /** The processes added up: memory and CPU summed, the worst event-loop lag. */
  protected readonly process = computed(() => {
    const instances = this.snapshot()?.instances ?? [];
    const locale = this.i18n.locale();
    if (instances.length === 0) return null;
    const sum = (pick: (i: (typeof instances)[number]) => number) =>
      instances.reduce((total, instance) => total + pick(instance), 0);
    return {
      memory: formatBytes(
        sum((i) => i.rssBytes),
        locale,
      ),
      heap: formatBytes(
        sum((i) => i.heapUsedBytes),
        locale,
      ),
      cpu: formatPercent(
        sum((i) => i.cpuPercent),
        locale,
      ),
      lag: formatMs(Math.max(...instances.map((i) => i.eventLoopLagP99Ms)), locale),
    };
  });

  protected readonly instances = computed(() => {
    const snapshot = this.snapshot();
    const locale = this.i18n.locale();
    if (!snapshot) return [];
    const now = Date.parse(snapshot.at);
    return snapshot.instances.map((instance) => ({
      id: instance.id,
      host: `${instance.hostname} · ${instance.pid}`,
      sockets: formatCount(instance.sockets, locale),
      users: formatCount(instance.users, locale),
      messagesPerSecond: formatRate(instance.messagesPerSecond, locale),
      deliveryP99: formatMs(instance.deliveryP99Ms, locale),
      rss: formatBytes(instance.rssBytes, locale),
      heap: formatBytes(instance.heapUsedBytes, locale),
      cpu: formatPercent(instance.cpuPercent, locale),
      lag: formatMs(instance.eventLoopLagP99Ms, locale),
      uptime: formatDuration(now - Date.parse(instance.startedAt), locale),
    }));
  });

  protected readonly activity = computed<ActivityLine[]>(() => {
    const locale = this.i18n.locale();
    return this.monitor.activity().map((line, index) => ({
      key: `${line.at}|${line.instanceId}|${line.kind}|${line.userId ?? ''}|${index}`,
      time: formatClock(line.at, locale),
      kind: line.kind,
      kindLabel: ACTIVITY_LABELS[line.kind],
      user: line.username,
      operation: line.operation,
      code: line.code,
      instanceId: line.instanceId,
    }));
  });

  constructor() {
    this.monitor.connect();
  }

  protected retry(): void {
    this.monitor.disconnect();
    this.monitor.connect();
  }

  private lineSeries(label: TranslationKey, pick: (point: MonitorPoint) => number | null): LineSeries[] {
    const times = this.times();
    const points = this.monitor.series().map((point, index) => ({ x: times[index], y: pick(point) }));
    return [{ label: this.i18n.t(label), points }];
  }

  /** "Connected sockets: now 5, highest 9 over the last 15 minutes." per line. */
  private describe(series: readonly LineSeries[], format: (value: number) => string): string {
    return series
      .map((line) => {
        const values = line.points.map((point) => point.y).filter((y): y is number => y !== null);
        const now = line.points.at(-1)?.y ?? null;
        if (values.length === 0 || now === null)
          return this.i18n.t('monitoring.charts.noData', { name: line.label });
        return this.i18n.t('monitoring.charts.summary', {
          name: line.label,
          now: format(now),
          max: format(Math.max(...values)),
        });
      })
      .join(' ');
  }
}
