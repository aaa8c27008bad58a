/** Reads one histogram out of Prometheus text (/metrics) and answers quantiles the way Prometheus does. */

export interface HistogramBucket {
  /** Upper bound in the metric's unit (seconds here); Infinity for `+Inf`. */
  le: number;
  /** Cumulative count of observations <= le. */
  count: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!text) return labels;
  for (const match of text.matchAll(LABEL)) {
    labels[match[1]] = match[2].replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
  }
  return labels;
}

/**
 * The cumulative buckets of histogram `name`, summed over every series whose labels include `match`
 * (e.g. one route and method, any status), sorted by bound.
 */
export function histogramBuckets(
  metricsText: string,
  name: string,
  match: Readonly<Record<string, string>> = {},
): HistogramBucket[] {
  const byBound = new Map<number, number>();
  for (const line of metricsText.split('\n')) {
    if (line.startsWith('#')) continue;
    const sample = SAMPLE.exec(line);
    if (!sample || sample[1] !== `${name}_bucket`) continue;
    const labels = parseLabels(sample[2]);
    if (!Object.entries(match).every(([key, value]) => labels[key] === value)) continue;
    const le = labels['le'] === '+Inf' ? Number.POSITIVE_INFINITY : Number(labels['le']);
    byBound.set(le, (byBound.get(le) ?? 0) + Number(sample[3]));
  }
  return [...byBound.entries()].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/** The observations between two readings of the same histogram (`after - before`, bucket by bucket). */
export function histogramDelta(
  before: readonly HistogramBucket[],
  after: readonly HistogramBucket[],
): HistogramBucket[] {
  const earlier = new Map(before.map((bucket) => [bucket.le, bucket.count]));
  return after.map((bucket) => ({ le: bucket.le, count: bucket.count - (earlier.get(bucket.le) ?? 0) }));
}

/** Observations in a histogram (the +Inf bucket). */
export function histogramCount(buckets: readonly HistogramBucket[]): number {
  return buckets.length === 0 ? 0 : buckets[buckets.length - 1].count;
}

/**
 * The q-quantile (0..1) by linear interpolation inside the bucket it falls in, like PromQL's
 * histogram_quantile: the first bucket starts at 0; a quantile in the +Inf bucket is the highest
 * finite bound. Null without observations.
 */
export function histogramQuantile(buckets: readonly HistogramBucket[], q: number): number | null {
  const total = histogramCount(buckets);
  if (total === 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (!Number.isFinite(bucket.le)) return lowerBound;
      const inBucket = bucket.count - lowerCount;
      if (inBucket === 0) return bucket.le;
      return lowerBound + (bucket.le - lowerBound) * ((rank - lowerCount) / inBucket);
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}

/** The share (0..1) of observations at or below a bucket bound, which must be one of the bounds. */
export function fractionAtOrBelow(buckets: readonly HistogramBucket[], le: number): number | null {
  const total = histogramCount(buckets);
  const bucket = buckets.find((candidate) => candidate.le === le);
  if (total === 0 || !bucket) return null;
  return bucket.count / total;
}
