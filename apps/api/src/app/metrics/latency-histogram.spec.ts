import { LatencyHistogram } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('reports percentiles within a few percent of the exact ones, and the exact maximum', () => {
    const histogram = new LatencyHistogram();
    const samples = Array.from({ length: 1000 }, (_, index) => (index + 1) / 10); // 0.1 .. 100 ms
    for (const sample of samples) histogram.record(sample);
    const summary = histogram.summary();
    expect(summary.count).toBe(1000);
    expect(summary.p50).toBeGreaterThan(50 * 0.97);
    expect(summary.p50).toBeLessThan(50 * 1.03);
    expect(summary.p99).toBeGreaterThan(99 * 0.97);
    expect(summary.p99).toBeLessThanOrEqual(100);
    expect(summary.max).toBe(100);
  });

  it('is empty without samples and ignores impossible ones', () => {
    const histogram = new LatencyHistogram();
    histogram.record(Number.NaN);
    histogram.record(-3);
    expect(histogram.summary()).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });

  it('merges exactly, directly or through its sparse form (several seconds, several instances)', () => {
    const fast = new LatencyHistogram();
    const slow = new LatencyHistogram();
    for (let index = 0; index < 90; index++) fast.record(2);
    for (let index = 0; index < 10; index++) slow.record(400);
    const direct = new LatencyHistogram();
    direct.merge(fast);
    direct.merge(slow);
    const sparse = new LatencyHistogram();
    for (const part of [fast, slow]) {
      const { buckets, maxMs } = part.toSparse();
      sparse.mergeSparse(JSON.parse(JSON.stringify(buckets)), maxMs);
    }
    for (const merged of [direct, sparse]) {
      expect(merged.count).toBe(100);
      expect(merged.percentile(0.5)).toBeCloseTo(2, 0);
      expect(merged.percentile(0.95)).toBeGreaterThan(380);
      expect(merged.summary().max).toBe(400);
    }
  });

  it('rejects sparse buckets that are out of range or not counts', () => {
    const histogram = new LatencyHistogram();
    histogram.mergeSparse({ [-1]: 5, 99999: 5, 3: -2, 4: Number.NaN }, 0);
    expect(histogram.count).toBe(0);
  });
});
