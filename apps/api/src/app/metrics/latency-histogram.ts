import type { LatencySummary } from '@supchat/contracts';

/** Bucket 0 holds everything up to this many milliseconds. */
const SMALLEST_MS = 0.01;
/** Each bucket is this much wider than the one before: a percentile is within 2.5 % of the truth. */
const GROWTH = 1.05;
const LOG_GROWTH = Math.log(GROWTH);
/** Enough buckets to reach about 10 minutes; anything longer lands in the last one. */
export const BUCKETS = 1 + Math.ceil(Math.log(600_000 / SMALLEST_MS) / LOG_GROWTH);

/** Bucket counts by index, for merging histograms of several seconds or several instances. */
export type SparseBuckets = Record<number, number>;

function bucketOf(ms: number): number {
  if (!(ms > SMALLEST_MS)) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(ms / SMALLEST_MS) / LOG_GROWTH));
}

/** The geometric middle of a bucket: what a sample in it is reported as. */
function valueOf(bucket: number): number {
  return bucket === 0 ? SMALLEST_MS : SMALLEST_MS * GROWTH ** (bucket - 0.5);
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * A latency histogram with log-spaced buckets: constant memory whatever the traffic, percentiles
 * within a few percent, and exact merging (counts add up), so seconds of a sliding window and
 * instances of a deployment combine into one distribution.
 */
export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private total = 0;
  private maxMs = 0;

  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.counts[bucketOf(ms)] += 1;
    this.total += 1;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.maxMs = 0;
  }

  merge(other: LatencyHistogram): void {
    for (let bucket = 0; bucket < BUCKETS; bucket++) this.counts[bucket] += other.counts[bucket];
    this.total += other.total;
    this.maxMs = Math.max(this.maxMs, other.maxMs);
  }

  mergeSparse(buckets: SparseBuckets, maxMs: number): void {
    for (const [key, count] of Object.entries(buckets)) {
      const bucket = Number(key);
      if (!Number.isInteger(bucket) || bucket < 0 || bucket >= BUCKETS || !(count > 0)) continue;
      this.counts[bucket] += count;
      this.total += count;
    }
    this.maxMs = Math.max(this.maxMs, maxMs);
  }

  /** The non-empty buckets (for sending to other instances). */
  toSparse(): { buckets: SparseBuckets; maxMs: number } {
    const buckets: SparseBuckets = {};
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      if (this.counts[bucket] > 0) buckets[bucket] = this.counts[bucket];
    }
    return { buckets, maxMs: this.maxMs };
  }

  /** The value below which `fraction` (0..1) of the samples fall; null without samples. */
  percentile(fraction: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(fraction * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket];
      if (seen >= rank) return Math.min(valueOf(bucket), this.maxMs);
    }
    return this.maxMs;
  }

  summary(): LatencySummary {
    const percentile = (fraction: number) => {
      const value = this.percentile(fraction);
      return value === null ? null : round(value);
    };
    return {
      count: this.total,
      p50: percentile(0.5),
      p95: percentile(0.95),
      p99: percentile(0.99),
      max: this.total === 0 ? null : round(this.maxMs),
    };
  }
}
