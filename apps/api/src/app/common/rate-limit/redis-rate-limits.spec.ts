import { describeEachBackend } from '../../../testing/shared-state';
import type { FailureCounter } from './failure-counter';
import { InMemoryFailureCounter } from './in-memory-failure-counter';
import { RedisFailureCounter } from './redis-failure-counter';
import { RedisTokenBucket } from './redis-token-bucket';
import type { SendRateLimiter } from './send-rate-limiter';
import { InMemoryTokenBucket } from './send-rate-limiter';

describeEachBackend('rate limits shared by instances', (backend) => {
  const bucket = (rate: number, burst: number): SendRateLimiter => {
    const redis = backend.redis();
    return redis ? new RedisTokenBucket(redis, rate, burst) : new InMemoryTokenBucket(rate, burst);
  };
  const counter = (): FailureCounter => {
    const redis = backend.redis();
    return redis ? new RedisFailureCounter(redis) : new InMemoryFailureCounter();
  };

  it('token bucket: a burst, then a refusal saying how long to wait, users apart', async () => {
    const limiter = bucket(1, 3);
    for (let index = 0; index < 3; index += 1) expect((await limiter.take('u')).allowed).toBe(true);
    const refused = await limiter.take('u');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(900);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);
    expect((await limiter.take('v')).allowed).toBe(true);
  });

  it('failure counter: only `limit` of many simultaneous attempts pass; a withdrawn one frees a place', async () => {
    const failures = counter();
    const decisions = await Promise.all(Array.from({ length: 12 }, () => failures.attempt('k', 4, 60_000)));
    const allowed = decisions.filter((decision) => decision.allowed);
    expect(allowed).toHaveLength(4);
    const refused = decisions.find((decision) => !decision.allowed);
    expect(refused?.retryAfterMs).toBeGreaterThan(59_000);
    await failures.withdraw('k', allowed[0].attemptId ?? '');
    expect((await failures.attempt('k', 4, 60_000)).allowed).toBe(true);
    await failures.reset('k');
    expect((await failures.attempt('k', 1, 60_000)).allowed).toBe(true);
  });

  if (backend.name === 'redis') {
    it('holds across instances: two connections draw on one bucket and one failure count', async () => {
      const one = new RedisTokenBucket(backend.connect(), 1, 2);
      const two = new RedisTokenBucket(backend.connect(), 1, 2);
      const taken = await Promise.all([one.take('u'), two.take('u'), one.take('u'), two.take('u')]);
      expect(taken.filter((decision) => decision.allowed)).toHaveLength(2);
      const first = new RedisFailureCounter(backend.connect());
      const second = new RedisFailureCounter(backend.connect());
      await first.attempt('login', 2, 60_000);
      await second.attempt('login', 2, 60_000);
      expect((await first.attempt('login', 2, 60_000)).allowed).toBe(false);
    });
  }
});
