import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles from min up to max, moved by the jitter, and starts over after reset', () => {
    const low = new Backoff({ minMs: 1_000, maxMs: 8_000, jitter: 0.5 }, () => 0);
    expect([1, 2, 3, 4, 5].map(() => low.nextDelayMs())).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    const high = new Backoff({ minMs: 1_000, maxMs: 8_000, jitter: 0.5 }, () => 0.999_999);
    expect([1, 2, 3, 4, 5].map(() => high.nextDelayMs())).toEqual([1_500, 3_000, 6_000, 8_000, 8_000]);
    high.reset();
    expect(high.nextDelayMs()).toBe(1_500);
  });
});
