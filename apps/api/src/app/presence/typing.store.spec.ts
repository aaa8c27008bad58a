import { describeEachBackend } from '../../testing/shared-state';
import type { TypingStore } from './typing.store';
import { InMemoryTypingStore } from './typing.store';
import { RedisTypingStore } from './typing.store.redis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachBackend('TypingStore', (backend) => {
  let store: TypingStore;

  beforeEach(() => {
    const redis = backend.redis();
    store = redis ? new RedisTypingStore(redis) : new InMemoryTypingStore();
  });

  it('starts, throttles refreshes, forwards again after the throttle window, and stops once', async () => {
    expect(await store.refresh('u', 'c', 100, 1_000)).toEqual({ started: true, forward: true });
    expect(await store.refresh('u', 'c', 100, 1_000)).toEqual({ started: false, forward: false });
    await sleep(120);
    expect(await store.refresh('u', 'c', 100, 1_000)).toEqual({ started: false, forward: true });
    // Another channel, another user: their own indicators.
    expect(await store.refresh('u', 'other', 100, 1_000)).toEqual({ started: true, forward: true });
    expect(await store.stop('u', 'c')).toBe(true);
    expect(await store.stop('u', 'c')).toBe(false);
  });

  it('expires only after the timeout without a refresh', async () => {
    await store.refresh('u', 'c', 10, 100);
    expect(await store.expireIfIdle('u', 'c', 100)).toBe(false);
    await sleep(60);
    await store.refresh('u', 'c', 10, 100);
    await sleep(60);
    expect(await store.expireIfIdle('u', 'c', 100)).toBe(false);
    await sleep(60);
    expect(await store.expireIfIdle('u', 'c', 100)).toBe(true);
    expect(await store.expireIfIdle('u', 'c', 100)).toBe(false);
  });
});
