import { InMemoryFailureCounter } from './in-memory-failure-counter';

describe('InMemoryFailureCounter', () => {
  let now = 0;
  let counter: InMemoryFailureCounter;

  beforeEach(() => {
    now = 1_000_000;
    counter = new InMemoryFailureCounter(() => now);
  });

  afterEach(() => counter.onModuleDestroy());

  it('refuses a key after `limit` counted attempts inside the window and says when to retry', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await counter.attempt('email:a', 5, 60_000)).allowed).toBe(true);
      now += 1_000;
    }
    const refused = await counter.attempt('email:a', 5, 60_000);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 55_000, attemptId: null });
  });

  it('counts attempts made at the same moment: only `limit` of them are allowed', async () => {
    const decisions = await Promise.all(Array.from({ length: 30 }, () => counter.attempt('ip:1', 5, 60_000)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
  });

  it('forgets a withdrawn attempt (a success), and lets the key try again once old ones slide out', async () => {
    const first = await counter.attempt('ip:1', 2, 60_000);
    await counter.attempt('ip:1', 2, 60_000);
    expect((await counter.attempt('ip:1', 2, 60_000)).allowed).toBe(false);
    await counter.withdraw('ip:1', first.attemptId ?? '');
    expect((await counter.attempt('ip:1', 2, 60_000)).allowed).toBe(true);
    now += 60_001;
    expect((await counter.attempt('ip:1', 2, 60_000)).allowed).toBe(true);
  });

  it('keeps keys apart and forgets a key on reset', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) await counter.attempt('email:a', 5, 60_000);
    expect((await counter.attempt('email:b', 5, 60_000)).allowed).toBe(true);
    await counter.reset('email:a');
    expect((await counter.attempt('email:a', 5, 60_000)).allowed).toBe(true);
  });
});
