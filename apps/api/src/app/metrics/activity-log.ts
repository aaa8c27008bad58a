import type { MonitorActivity } from '@supchat/contracts';

/** Entries kept for the dashboard's recent-activity log. */
export const ACTIVITY_CAPACITY = 200;

/**
 * Connects, disconnects, errors and rate limits of this instance, newest last, in a fixed-size ring.
 * Entries carry ids and names only: never message contents, tokens or emails.
 */
export class ActivityLog {
  private readonly entries: (MonitorActivity & { seq: number })[] = [];
  private seq = 0;

  add(entry: MonitorActivity): void {
    this.seq += 1;
    this.entries.push({ ...entry, seq: this.seq });
    if (this.entries.length > ACTIVITY_CAPACITY) this.entries.shift();
  }

  /** Entries newer than `seq`, oldest first, with their sequence numbers. */
  since(seq: number): (MonitorActivity & { seq: number })[] {
    return this.entries.filter((entry) => entry.seq > seq);
  }

  /** The newest `count` entries, oldest first, with their sequence numbers. */
  newest(count: number): (MonitorActivity & { seq: number })[] {
    return this.entries.slice(-count);
  }
}
