import { InMemoryTokenBucket } from './send-rate-limiter';

describe('InMemoryTokenBucket', () => {
  it('allows a burst, then one token per 1/rate seconds, and says how long to wait', async () => {
    let now = 0;
    const limiter = new InMemoryTokenBucket(10, 20, () => now);
    for (let index = 0; index < 20; index += 1) expect((await limiter.take('u')).allowed).toBe(true);
    expect(await limiter.take('u')).toEqual({ allowed: false, retryAfterMs: 100 });
    now += 100;
    expect((await limiter.take('u')).allowed).toBe(true);
    expect((await limiter.take('u')).allowed).toBe(false);
    now += 2_000;
    for (let index = 0; index < 20; index += 1) expect((await limiter.take('u')).allowed).toBe(true);
  });

  it('keeps users apart', async () => {
    const limiter = new InMemoryTokenBucket(1, 1, () => 0);
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(false);
    expect((await limiter.take('b')).allowed).toBe(true);
  });
});
