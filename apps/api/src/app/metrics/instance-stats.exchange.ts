import type { ErrorCode, MonitorActivity, MonitorInstance } from '@supchat/contracts';
import type { SparseBuckets } from './latency-histogram';

/** One instance's last minute, as it shares it with the others every second. */
export interface InstanceReport {
  instance: MonitorInstance;
  /** Messages broadcast in the last 5 full seconds, per second. */
  messagesPerSecond: number;
  persist: { buckets: SparseBuckets; maxMs: number };
  delivery: { buckets: SparseBuckets; maxMs: number };
  clientRtt: { buckets: SparseBuckets; maxMs: number };
  errors: Partial<Record<ErrorCode, number>>;
  rateLimited: number;
  messagesStored: number | null;
  /** The instance's latest activity entries with their sequence numbers (newest last). */
  activity: (MonitorActivity & { seq: number })[];
}

/**
 * How instances see each other's reports: in memory there is only this one; with Redis every
 * instance publishes its report with an expiry, so a dead instance drops out of the dashboard.
 */
export interface InstanceStatsExchange {
  publish(report: InstanceReport): Promise<void>;
  /** The fresh reports of every live instance, this one included. */
  reports(): Promise<InstanceReport[]>;
  /** This instance is stopping: its row leaves the dashboards now rather than when it expires. */
  withdraw(): Promise<void>;
}

export const INSTANCE_STATS_EXCHANGE = Symbol('INSTANCE_STATS_EXCHANGE');

export class InMemoryInstanceStatsExchange implements InstanceStatsExchange {
  private own: InstanceReport | null = null;

  async publish(report: InstanceReport): Promise<void> {
    this.own = report;
  }

  async reports(): Promise<InstanceReport[]> {
    return this.own ? [this.own] : [];
  }

  async withdraw(): Promise<void> {
    this.own = null;
  }
}
