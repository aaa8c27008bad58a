/** Latency samples and their summaries. Every time here is in milliseconds. */

export interface Distribution {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export const EMPTY_DISTRIBUTION: Distribution = {
  count: 0,
  p50: null,
  p95: null,
  p99: null,
  max: null,
  mean: null,
};

/**
 * The p-th percentile (0 < p <= 100) of values sorted ascending, by the nearest-rank method: the
 * smallest value such that at least p % of the values are at or below it. Null when there are none.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50, p95, p99, max and mean of the samples (which it sorts in place). */
export function summarize(samples: Float64Array): Distribution {
  if (samples.length === 0) return EMPTY_DISTRIBUTION;
  samples.sort();
  let sum = 0;
  for (const value of samples) sum += value;
  return {
    count: samples.length,
    p50: percentileOfSorted(samples, 50),
    p95: percentileOfSorted(samples, 95),
    p99: percentileOfSorted(samples, 99),
    max: samples[samples.length - 1],
    mean: sum / samples.length,
  };
}

/** Joins sample arrays (from several workers) into one. */
export function concatSamples(parts: readonly Float64Array[]): Float64Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Float64Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** The median of a few numbers (for repeated runs and RSS samples); null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A growable array of doubles: a million latencies cost 8 MB and travel between processes as one buffer. */
export class SampleBuffer {
  private data: Float64Array;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size] = value;
    this.size += 1;
  }

  /** A copy of the samples, trimmed to size. */
  toArray(): Float64Array {
    return this.data.slice(0, this.size);
  }
}

/** `part / whole` as a percentage, or null when `whole` is zero. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}

/** `value / reference`, or null when either is missing or the reference is zero. */
export function ratio(value: number | null | undefined, reference: number | null | undefined): number | null {
  if (value === null || value === undefined || reference === null || reference === undefined) return null;
  if (reference === 0) return null;
  return value / reference;
}
