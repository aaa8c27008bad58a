import {
  fractionAtOrBelow,
  histogramBuckets,
  histogramCount,
  histogramDelta,
  histogramQuantile,
} from './prometheus';

const NAME = 'supchat_http_request_duration_seconds';
const text = (counts: number[], otherRoute = 7) =>
  [
    `# HELP ${NAME} HTTP requests`,
    `# TYPE ${NAME} histogram`,
    ...[0.001, 0.0025, 0.005, 0.01].map(
      (le, index) =>
        `${NAME}_bucket{method="GET",route="/api/channels/:id/messages",status="200",le="${le}"} ${counts[index]}`,
    ),
    `${NAME}_bucket{method="GET",route="/api/channels/:id/messages",status="200",le="+Inf"} ${counts[4]}`,
    `${NAME}_sum{method="GET",route="/api/channels/:id/messages",status="200"} 1.5`,
    `${NAME}_count{method="GET",route="/api/channels/:id/messages",status="200"} ${counts[4]}`,
    `${NAME}_bucket{method="GET",route="/api/channels/:id/messages",status="404",le="+Inf"} 3`,
    `${NAME}_bucket{method="GET",route="/api/channels",status="200",le="0.001"} ${otherRoute}`,
    `${NAME}_bucket{method="GET",route="/api/channels",status="200",le="+Inf"} ${otherRoute}`,
  ].join('\n');

const route = { method: 'GET', route: '/api/channels/:id/messages', status: '200' };

describe('Prometheus histograms', () => {
  it('reads the cumulative buckets of the matching series only', () => {
    expect(histogramBuckets(text([10, 60, 99, 100, 100]), NAME, route)).toEqual([
      { le: 0.001, count: 10 },
      { le: 0.0025, count: 60 },
      { le: 0.005, count: 99 },
      { le: 0.01, count: 100 },
      { le: Number.POSITIVE_INFINITY, count: 100 },
    ]);
  });

  it('sums series when a label is left out of the match', () => {
    const any = histogramBuckets(text([10, 60, 99, 100, 100]), NAME, { route: '/api/channels/:id/messages' });
    expect(histogramCount(any)).toBe(103);
  });

  it('subtracts an earlier reading bucket by bucket', () => {
    const before = histogramBuckets(text([5, 10, 10, 10, 10]), NAME, route);
    const after = histogramBuckets(text([15, 70, 109, 110, 110]), NAME, route);
    expect(histogramDelta(before, after).map((bucket) => bucket.count)).toEqual([10, 60, 99, 100, 100]);
  });

  it('interpolates quantiles inside a bucket like histogram_quantile', () => {
    const buckets = histogramBuckets(text([10, 60, 99, 100, 100]), NAME, route);
    // rank 50 of 100 lies in (1 ms, 2.5 ms]: 40 of its 50 observations in -> 1 + 1.5 * 0.8 ms.
    expect(histogramQuantile(buckets, 0.5)).toBeCloseTo(0.0022);
    // rank 99 is the last of (2.5 ms, 5 ms].
    expect(histogramQuantile(buckets, 0.99)).toBeCloseTo(0.005);
    // rank 5 is in the first bucket, which starts at 0.
    expect(histogramQuantile(buckets, 0.05)).toBeCloseTo(0.0005);
  });

  it('answers the highest finite bound for a quantile in +Inf, and null without data', () => {
    const slow = histogramBuckets(text([0, 0, 0, 10, 100]), NAME, route);
    expect(histogramQuantile(slow, 0.99)).toBe(0.01);
    expect(histogramQuantile(histogramBuckets('', NAME, route), 0.99)).toBeNull();
  });

  it('gives the share of observations at or below a bound', () => {
    const buckets = histogramBuckets(text([10, 60, 99, 100, 100]), NAME, route);
    expect(fractionAtOrBelow(buckets, 0.005)).toBe(0.99);
    expect(fractionAtOrBelow(buckets, 0.004)).toBeNull();
  });
});
