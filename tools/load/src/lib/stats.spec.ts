import {
  concatSamples,
  median,
  percentileOfSorted,
  percentOf,
  ratio,
  SampleBuffer,
  summarize,
} from './stats';

describe('percentileOfSorted (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('returns the smallest value with at least p % of the values at or below it', () => {
    expect(percentileOfSorted(oneToHundred, 50)).toBe(50);
    expect(percentileOfSorted(oneToHundred, 95)).toBe(95);
    expect(percentileOfSorted(oneToHundred, 99)).toBe(99);
    expect(percentileOfSorted(oneToHundred, 99.5)).toBe(100);
    expect(percentileOfSorted(oneToHundred, 100)).toBe(100);
    expect(percentileOfSorted(oneToHundred, 0.1)).toBe(1);
  });

  it('rounds the rank up on small samples, so one slow value out of ten is the p99', () => {
    const samples = [1, 1, 1, 1, 1, 1, 1, 1, 1, 500];
    expect(percentileOfSorted(samples, 50)).toBe(1);
    expect(percentileOfSorted(samples, 90)).toBe(1);
    expect(percentileOfSorted(samples, 95)).toBe(500);
    expect(percentileOfSorted(samples, 99)).toBe(500);
  });

  it('is null without values and refuses percentiles outside (0, 100]', () => {
    expect(percentileOfSorted([], 50)).toBeNull();
    expect(() => percentileOfSorted([1], 0)).toThrow(RangeError);
    expect(() => percentileOfSorted([1], 101)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts numerically (not as strings) and reports p50/p95/p99/max/mean', () => {
    const samples = Float64Array.from([100, 9, 20, 3, 1000, 7, 50, 2, 1, 8]);
    const summary = summarize(samples);
    expect(summary).toEqual({ count: 10, p50: 8, p95: 1000, p99: 1000, max: 1000, mean: 120 });
  });

  it('gives nulls for no samples', () => {
    expect(summarize(new Float64Array(0))).toEqual({
      count: 0,
      p50: null,
      p95: null,
      p99: null,
      max: null,
      mean: null,
    });
  });

  it('finds p99 = 990 in 1..1000 shuffled', () => {
    const values = Array.from({ length: 1000 }, (_, index) => index + 1);
    for (let i = values.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [values[i], values[j]] = [values[j], values[i]];
    }
    const summary = summarize(Float64Array.from(values));
    expect([summary.p50, summary.p95, summary.p99, summary.max]).toEqual([500, 950, 990, 1000]);
  });
});

describe('SampleBuffer', () => {
  it('grows past its capacity and returns exactly what was pushed', () => {
    const buffer = new SampleBuffer(16);
    for (let i = 0; i < 1000; i++) buffer.push(i / 2);
    const array = buffer.toArray();
    expect(buffer.length).toBe(1000);
    expect(array.length).toBe(1000);
    expect(array[0]).toBe(0);
    expect(array[999]).toBe(499.5);
  });
});

describe('helpers', () => {
  it('concatenates sample arrays of several workers', () => {
    expect([
      ...concatSamples([Float64Array.from([1, 2]), new Float64Array(0), Float64Array.from([3])]),
    ]).toEqual([1, 2, 3]);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('computes ratios and percentages, null where undefined', () => {
    expect(ratio(30, 20)).toBe(1.5);
    expect(ratio(30, 0)).toBeNull();
    expect(ratio(null, 20)).toBeNull();
    expect(percentOf(49, 50)).toBe(98);
    expect(percentOf(1, 0)).toBeNull();
  });
});
