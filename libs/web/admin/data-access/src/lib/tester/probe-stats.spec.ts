import { histogram, niceStep, percentile, summarize } from './probe-stats';

describe('probe statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarizes unsorted samples; an empty set has only nulls', () => {
    expect(summarize([30, 10, 20, 40])).toEqual({ count: 4, p50: 20, p95: 40, p99: 40, max: 40 });
    expect(summarize([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });

  it('rounds bucket widths up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.04)).toBeCloseTo(0.05);
    expect(niceStep(0)).toBe(1);
  });

  it('puts every sample in exactly one bucket, the largest in the last', () => {
    const samples = [1, 2, 3, 9, 12, 12, 24, 60];
    const buckets = histogram(samples);
    expect(buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(samples.length);
    expect(buckets[0]).toEqual({ fromMs: 0, toMs: 5, count: 3 });
    expect(buckets.at(-1)).toEqual({ fromMs: 55, toMs: 60, count: 1 });
    expect(buckets).toHaveLength(12);
    for (let index = 1; index < buckets.length; index++) {
      expect(buckets[index].fromMs).toBe(buckets[index - 1].toMs);
    }
  });

  it('has one bucket when every sample is the same, none when there is no sample', () => {
    expect(histogram([0, 0])).toEqual([{ fromMs: 0, toMs: 1, count: 2 }]);
    expect(histogram([])).toEqual([]);
  });
});
