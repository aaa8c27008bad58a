import type { LatencySummary } from '@supchat/contracts';

export interface HistogramBucket {
  /** Inclusive lower bound, in ms. */
  fromMs: number;
  /** Exclusive upper bound, in ms (the last bucket includes it). */
  toMs: number;
  count: number;
}

/** The value at percentile `p` (0..100) of ascending `sorted`, by nearest rank; null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** count, p50, p95, p99 and max of some latencies (ms), as the contract's LatencySummary. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? null,
  };
}

/** The smallest of 1, 2, 5 x 10^k (k may be negative) that is at least `value`. */
export function niceStep(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * magnitude >= value * (1 - 1e-9)) return factor * magnitude;
  }
  return 10 * magnitude;
}

/**
 * Equal-width buckets from 0 to the largest sample, about `targetBuckets` of them with a round width
 * (1, 2, 5 x 10^k ms), so the bars read as "0–5 ms, 5–10 ms...". Empty when there is no sample.
 */
export function histogram(samples: readonly number[], targetBuckets = 12): HistogramBucket[] {
  if (samples.length === 0) return [];
  const max = Math.max(...samples);
  const width = niceStep(max / targetBuckets);
  const count = Math.max(1, Math.ceil(max / width));
  const buckets: HistogramBucket[] = Array.from({ length: count }, (_, index) => ({
    fromMs: roundMs(index * width),
    toMs: roundMs((index + 1) * width),
    count: 0,
  }));
  for (const sample of samples) {
    const index = Math.min(count - 1, Math.max(0, Math.floor(sample / width)));
    buckets[index].count++;
  }
  return buckets;
}

/** Bucket edges without floating-point dust (0.30000000000000004). */
function roundMs(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
