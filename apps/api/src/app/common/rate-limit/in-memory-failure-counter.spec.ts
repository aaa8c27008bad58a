import { InMemoryFailureCounter } from './in-memory-failure-counter';

describe('InMemoryFailureCounter', () => {
  let now = 0;
  let counter: InMemoryFailureCounter;

  beforeEach(() => {
    now = 1_000_000;
    counter = new InMemoryFailureCounter(() => now);
  });

  afterEach(() => counter.onModuleDestroy());

  it('blocks a key after `limit` failures inside the window and says when to retry', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await counter.status('email:a', 5, 60_000)).blocked).toBe(false);
      await counter.record('email:a', 60_000);
      now += 1_000;
    }
    const status = await counter.status('email:a', 5, 60_000);
    expect(status.blocked).toBe(true);
    // The first failure was 5 s ago, so it leaves the window in 55 s.
    expect(status.retryAfterMs).toBe(55_000);
  });

  it('lets the key try again once old failures slide out of the window', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) await counter.record('ip:1', 60_000);
    now += 60_001;
    expect(await counter.status('ip:1', 5, 60_000)).toEqual({ blocked: false, retryAfterMs: 0 });
  });

  it('keeps keys apart and forgets a key on reset', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) await counter.record('email:a', 60_000);
    expect((await counter.status('email:b', 5, 60_000)).blocked).toBe(false);
    await counter.reset('email:a');
    expect((await counter.status('email:a', 5, 60_000)).blocked).toBe(false);
  });
});
