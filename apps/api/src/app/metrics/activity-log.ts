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

  /** The sequence number of the newest entry (0 before any). */
  get latest(): number {
    return this.seq;
  }

  /** Entries newer than `seq`, oldest first. */
  since(seq: number): MonitorActivity[] {
    return this.entries.filter((entry) => entry.seq > seq).map(({ seq: _seq, ...entry }) => entry);
  }
}
