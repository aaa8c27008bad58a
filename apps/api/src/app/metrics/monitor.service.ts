import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  ErrorCode,
  MonitorActivity,
  MonitorHistory,
  MonitorPoint,
  MonitorSnapshot,
} from '@supchat/contracts';
import { ERROR_CODES } from '@supchat/contracts';
import type { ELDHistogram } from 'node:perf_hooks';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Namespace } from 'socket.io';
import type { MessagesRepository } from '../messages/messages.repository';
import { MESSAGES_REPOSITORY } from '../messages/messages.repository';
import type { UsersRepository } from '../users/users.repository';
import { USERS_REPOSITORY } from '../users/users.repository';
import type { InstanceReport, InstanceStatsExchange } from './instance-stats.exchange';
import { INSTANCE_STATS_EXCHANGE } from './instance-stats.exchange';
import { ACTIVITY_CAPACITY } from './activity-log';
import { INSTANCE_ID, INSTANCE_STARTED_AT } from './instance';
import { hostname } from 'node:os';
import { LatencyHistogram } from './latency-histogram';
import { MetricsService, STATS_WINDOW_SECONDS, mergeSeconds } from './metrics.service';

/** Seconds of points kept for the dashboard's charts. */
export const HISTORY_SECONDS = 15 * 60;
const TICK_MS = 1_000;
const STORED_COUNT_EVERY_MS = 5_000;
const RATE_SECONDS = 5;
const USERNAME_CACHE = 5_000;
/** Activity entries each report carries: more than an instance logs in a second. */
const REPORTED_ACTIVITY = 100;

/**
 * Builds the dashboard's picture once a second: this instance's report (shared with the others
 * through the exchange), the deployment's snapshot from every report, a point for the 15-minute
 * charts; and pushes the snapshot to the dashboards connected to this instance.
 */
@Injectable()
export class MonitorService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MonitorService');
  private readonly points: MonitorPoint[] = [];
  private readonly usernames = new Map<string, string>();
  private namespace: Namespace | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lag: ELDHistogram | null = null;
  private cpu = process.cpuUsage();
  private cpuAt = performance.now();
  /** Per instance, the newest activity entry already in a snapshot. */
  private readonly activitySeen = new Map<string, number>();
  /** The deployment's recent activity (every instance), oldest first, for dashboards that connect. */
  private readonly recentActivity: MonitorActivity[] = [];
  private stored: number | null = null;
  private storedAt = 0;
  private ticking = false;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(INSTANCE_STATS_EXCHANGE) private readonly exchange: InstanceStatsExchange,
    @Inject(MESSAGES_REPOSITORY) private readonly messages: MessagesRepository,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.countStoredWith(() => this.messages.count());
    this.lag = monitorEventLoopDelay({ resolution: 10 });
    this.lag.enable();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.lag?.disable();
    await this.exchange.withdraw().catch(() => undefined);
  }

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** What a dashboard gets when it connects. */
  async history(): Promise<MonitorHistory> {
    return { points: [...this.points], activity: [...this.recentActivity] };
  }

  /** One second: report, snapshot, point, push. Exposed for tests. */
  async tick(): Promise<MonitorSnapshot | null> {
    if (this.ticking) return null;
    this.ticking = true;
    try {
      await this.refreshStoredCount();
      const own = this.report();
      await this.exchange.publish(own);
      const reports = await this.exchange.reports();
      const snapshot = await this.snapshot(reports.length > 0 ? reports : [own]);
      this.points.push(snapshot.point);
      if (this.points.length > HISTORY_SECONDS) this.points.shift();
      // Each instance serves its own dashboards: a local emit, never through the adapter.
      if (this.namespace && this.namespace.sockets.size > 0) this.namespace.local.emit('snapshot', snapshot);
      return snapshot;
    } catch (error) {
      this.logger.warn(`monitor tick failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    } finally {
      this.ticking = false;
    }
  }

  private report(): InstanceReport {
    const now = performance.now();
    const usage = process.cpuUsage(this.cpu);
    const cpuPercent = ((usage.user + usage.system) / 1000 / Math.max(1, now - this.cpuAt)) * 100;
    this.cpu = process.cpuUsage();
    this.cpuAt = now;
    const lagP99Ms = this.lag && this.lag.count > 0 ? this.lag.percentile(99) / 1e6 : 0;
    this.lag?.reset();
    const memory = process.memoryUsage();

    const minute = this.metrics.window.merged(mergeSeconds);
    // Complete seconds only: the current one is still filling.
    const recent = this.metrics.window.last(RATE_SECONDS, true);
    const messagesPerSecond = recent.reduce((sum, second) => sum + second.messages, 0) / RATE_SECONDS;
    const deliveryP99 = minute.delivery.percentile(0.99);
    return {
      instance: {
        id: INSTANCE_ID,
        hostname: hostname(),
        pid: process.pid,
        startedAt: INSTANCE_STARTED_AT.toISOString(),
        updatedAt: new Date().toISOString(),
        sockets: this.metrics.connectedSockets,
        users: this.metrics.activeUsers,
        messagesPerSecond,
        deliveryP99Ms: deliveryP99 === null ? null : round(deliveryP99),
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        cpuPercent: round(cpuPercent),
        eventLoopLagP99Ms: round(lagP99Ms),
      },
      messagesPerSecond,
      persist: minute.persist.toSparse(),
      delivery: minute.delivery.toSparse(),
      clientRtt: minute.clientRtt.toSparse(),
      errors: Object.fromEntries(minute.errors),
      rateLimited: minute.rateLimited,
      messagesStored: this.stored,
      activity: this.metrics.activity.newest(REPORTED_ACTIVITY),
    };
  }

  private async snapshot(reports: readonly InstanceReport[]): Promise<MonitorSnapshot> {
    const persist = new LatencyHistogram();
    const delivery = new LatencyHistogram();
    const clientRtt = new LatencyHistogram();
    const errors = new Map<ErrorCode, number>();
    let sockets = 0;
    let users = 0;
    let messagesPerSecond = 0;
    let rateLimited = 0;
    let messagesStored: number | null = null;
    for (const report of reports) {
      persist.mergeSparse(report.persist.buckets, report.persist.maxMs);
      delivery.mergeSparse(report.delivery.buckets, report.delivery.maxMs);
      clientRtt.mergeSparse(report.clientRtt.buckets, report.clientRtt.maxMs);
      for (const code of ERROR_CODES) {
        const count = report.errors[code];
        if (count) errors.set(code, (errors.get(code) ?? 0) + count);
      }
      sockets += report.instance.sockets;
      users += report.instance.users;
      messagesPerSecond += report.messagesPerSecond;
      rateLimited += report.rateLimited;
      // Every instance counts the same database: take the freshest non-null figure.
      if (report.messagesStored !== null)
        messagesStored = Math.max(messagesStored ?? 0, report.messagesStored);
    }
    const errorCount = [...errors.values()].reduce((sum, count) => sum + count, 0);
    const errorsPerSecond = round(errorCount / STATS_WINDOW_SECONDS);
    const at = new Date().toISOString();
    const deliveryMs = delivery.summary();
    const clientRttMs = clientRtt.summary();
    const activity = await this.withUsernames(this.newActivity(reports));
    this.recentActivity.push(...activity);
    if (this.recentActivity.length > ACTIVITY_CAPACITY) {
      this.recentActivity.splice(0, this.recentActivity.length - ACTIVITY_CAPACITY);
    }
    return {
      at,
      windowSeconds: STATS_WINDOW_SECONDS,
      sockets,
      users,
      messagesPerSecond: round(messagesPerSecond),
      messagesStored,
      persistMs: persist.summary(),
      deliveryMs,
      clientRttMs,
      errors: [...errors].map(([code, count]) => ({ code, count })),
      errorsPerSecond,
      rateLimited,
      instances: reports.map((report) => report.instance).sort((a, b) => a.id.localeCompare(b.id)),
      point: {
        at,
        sockets,
        users,
        messagesPerSecond: round(messagesPerSecond),
        deliveryP99Ms: deliveryMs.p99,
        clientRttP99Ms: clientRttMs.p99,
        errorsPerSecond,
      },
      activity,
    };
  }

  /** Entries of every instance not yet in a snapshot, by time (each report holds its newest ones). */
  private newActivity(reports: readonly InstanceReport[]): MonitorActivity[] {
    const fresh: MonitorActivity[] = [];
    for (const report of reports) {
      const seen = this.activitySeen.get(report.instance.id) ?? 0;
      for (const { seq, ...entry } of report.activity) if (seq > seen) fresh.push(entry);
      const newest = report.activity.at(-1)?.seq;
      if (newest !== undefined && newest > seen) this.activitySeen.set(report.instance.id, newest);
    }
    return fresh.sort((a, b) => a.at.localeCompare(b.at));
  }

  /** The count is cheap, but the dashboard needs it only every few seconds (ticks never overlap). */
  private async refreshStoredCount(): Promise<void> {
    if (Date.now() - this.storedAt < STORED_COUNT_EVERY_MS) return;
    this.storedAt = Date.now();
    this.stored = await this.messages.count();
  }

  private async withUsernames(entries: MonitorActivity[]): Promise<MonitorActivity[]> {
    const missing = [
      ...new Set(entries.map((entry) => entry.userId).filter((id): id is string => !!id)),
    ].filter((id) => !this.usernames.has(id));
    if (missing.length > 0) {
      for (const user of await this.users.findByIds(missing)) {
        if (this.usernames.size >= USERNAME_CACHE) this.usernames.clear();
        this.usernames.set(user.id, user.username);
      }
    }
    return entries.map((entry) => ({
      ...entry,
      username: entry.userId ? (this.usernames.get(entry.userId) ?? null) : null,
    }));
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
