import { describeEachBackend } from '../../../testing/shared-state';
import { InMemoryChannelWriteLock } from './channel-write-lock';
import { RedisChannelWriteLock } from './redis-channel-write-lock';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('InMemoryChannelWriteLock', () => {
  it('runs the work of one key one at a time, in arrival order', async () => {
    const lock = new InMemoryChannelWriteLock();
    const events: string[] = [];
    const job = (name: string, ms: number) =>
      lock.run('c1', async () => {
        events.push(`start ${name}`);
        await tick(ms);
        events.push(`end ${name}`);
        return name;
      });
    expect(await Promise.all([job('a', 20), job('b', 1), job('c', 5)])).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(lock.activeKeys).toBe(0);
  });

  it('lets different keys run side by side', async () => {
    const lock = new InMemoryChannelWriteLock();
    const events: string[] = [];
    await Promise.all([
      lock.run('c1', async () => {
        events.push('c1 start');
        await tick(20);
        events.push('c1 end');
      }),
      lock.run('c2', async () => {
        events.push('c2 start');
        await tick(1);
        events.push('c2 end');
      }),
    ]);
    expect(events).toEqual(['c1 start', 'c2 start', 'c2 end', 'c1 end']);
  });

  it('keeps going after a failed job and passes its error to its caller only', async () => {
    const lock = new InMemoryChannelWriteLock();
    const failing = lock.run('c1', async () => {
      throw new Error('boom');
    });
    const next = lock.run('c1', async () => 'fine');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('fine');
  });
});

// One process needs no shared lock (the in-memory one is pinned down above): Redis only.
describeEachBackend(
  'ChannelWriteLock across instances',
  (backend) => {
    it('lets one instance at a time write a channel, whichever instance the writes arrive on', async () => {
      const instances = [
        new RedisChannelWriteLock(backend.connect()),
        new RedisChannelWriteLock(backend.connect()),
      ];
      let inside = 0;
      let overlaps = 0;
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          instances[index % 2].run('c1', async () => {
            inside += 1;
            if (inside > 1) overlaps += 1;
            await tick(2);
            order.push(index);
            inside -= 1;
          }),
        ),
      );
      expect(overlaps).toBe(0);
      expect(order).toHaveLength(30);
    });

    it('frees the lease of a failed job', async () => {
      const lock = new RedisChannelWriteLock(backend.connect());
      await expect(lock.run('c1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      await expect(new RedisChannelWriteLock(backend.connect()).run('c1', async () => 'next')).resolves.toBe(
        'next',
      );
    });
  },
  ['redis'],
);
