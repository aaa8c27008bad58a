import type { Redis } from 'ioredis';
import { describeEachBackend } from '../../../testing/shared-state';
import { AppError } from '../errors/app-error';
import type { UnbroadcastChanges } from './channel-write-lock';
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

/**
 * A channel's stored changes as the messages service sees them: `stored` is the latest rev, and
 * `rebroadcasts` records every `sinceRev` the lock asked to broadcast again.
 */
class FakeChannel implements UnbroadcastChanges {
  stored = 0;
  readonly rebroadcasts: number[] = [];
  readonly outcomes: string[] = [];
  failNext = false;

  recovered(outcome: string): void {
    this.outcomes.push(outcome);
  }

  async currentRev(): Promise<number> {
    return this.stored;
  }

  async rebroadcast(_channelId: string, sinceRev: number): Promise<number> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database down');
    }
    this.rebroadcasts.push(sinceRev);
    return this.stored;
  }
}

const FAST = { leaseMs: 300, acquireTimeoutMs: 5_000, sweepIntervalMs: 100 };

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(20);
  }
}

describeEachBackend(
  'RedisChannelWriteLock when a writer dies between storing and broadcasting',
  (backend) => {
    const locks: RedisChannelWriteLock[] = [];
    const lockOn = (connection: Redis, channel: FakeChannel, options: Partial<typeof FAST> = {}) => {
      const lock = new RedisChannelWriteLock(connection, { ...FAST, ...options });
      lock.start(channel);
      locks.push(lock);
      return lock;
    };
    afterEach(async () => {
      await Promise.all(locks.splice(0).map((lock) => lock.stop()));
    });

    /**
     * One instance stores a change and loses its connection for good before it can broadcast (what
     * kill -9 looks like from Redis). Resolves once it has stored; `end` lets its stuck job finish.
     */
    async function dieAfterStoring(channel: FakeChannel): Promise<{ end: () => Promise<void> }> {
      const connection = backend.connect();
      const doomed = new RedisChannelWriteLock(connection, FAST);
      doomed.start(channel);
      let end: () => void = () => undefined;
      let stored = false;
      const job = doomed
        .run('c1', async () => {
          channel.stored += 1;
          stored = true;
          connection.disconnect();
          await new Promise<void>((resolve) => (end = resolve));
        })
        .catch(() => undefined);
      await until(() => stored, 'the doomed write to store');
      return {
        end: async () => {
          end();
          await job;
          await doomed.stop();
        },
      };
    }

    it('has the next writer broadcast again what the dead writer stored, before its own write', async () => {
      const channel = new FakeChannel();
      const survivor = lockOn(backend.connect(), channel);
      // Two clean writes: the lock learns that everything up to rev 2 went out.
      for (let index = 0; index < 2; index += 1) {
        await survivor.run('c1', async (lease) => {
          channel.stored += 1;
          lease.broadcast(channel.stored);
        });
      }
      const dead = await dieAfterStoring(channel);
      const order: string[] = [];
      await survivor.run('c1', async (lease) => {
        order.push(`write after ${channel.rebroadcasts.join(',')}`);
        channel.stored += 1;
        lease.broadcast(channel.stored);
      });
      expect(order).toEqual(['write after 2']);
      // Finished cleanly: the next write has nothing to recover.
      await survivor.run('c1', async () => undefined);
      expect(channel.rebroadcasts).toEqual([2]);
      expect(channel.outcomes).toEqual(['rebroadcast']);
      await dead.end();
    });

    it('has the sweep broadcast it when nobody writes to the channel again', async () => {
      const channel = new FakeChannel();
      channel.stored = 7; // a channel with history, first written since Redis started
      lockOn(backend.connect(), channel);
      const dead = await dieAfterStoring(channel);
      await until(() => channel.rebroadcasts.length > 0, 'the sweep');
      expect(channel.rebroadcasts).toEqual([7]);
      // Once recovered, the sweep leaves the channel alone.
      await tick(FAST.leaseMs + 3 * FAST.sweepIntervalMs);
      expect(channel.rebroadcasts).toEqual([7]);
      await dead.end();
    });

    it('lets the write go ahead when broadcasting the dead one again fails, and tries again after', async () => {
      const channel = new FakeChannel();
      const survivor = lockOn(backend.connect(), channel, { sweepIntervalMs: 60_000 });
      await survivor.run('c1', async (lease) => lease.broadcast((channel.stored += 1)));
      const dead = await dieAfterStoring(channel);
      channel.failNext = true;
      // The channel is not blocked on its past; this write's own broadcast does not count as done.
      await expect(
        survivor.run('c1', async (lease) => {
          lease.broadcast((channel.stored += 1));
          return 'written';
        }),
      ).resolves.toBe('written');
      expect(channel.rebroadcasts).toEqual([]);
      // The next write tries again, from where the events last surely went out.
      await survivor.run('c1', async () => undefined);
      expect(channel.rebroadcasts).toEqual([1]);
      await survivor.run('c1', async () => undefined);
      expect(channel.rebroadcasts).toEqual([1]);
      expect(channel.outcomes).toEqual(['failed', 'rebroadcast']);
      await dead.end();
    });

    it('looks again after a write that failed (it may have stored before failing)', async () => {
      const channel = new FakeChannel();
      const lock = lockOn(backend.connect(), channel, { sweepIntervalMs: 60_000 });
      await lock.run('c1', async (lease) => lease.broadcast((channel.stored += 1)));
      await expect(
        lock.run('c1', async () => {
          channel.stored += 1;
          throw new Error('failed after storing');
        }),
      ).rejects.toThrow('failed after storing');
      await lock.run('c1', async () => undefined);
      expect(channel.rebroadcasts).toEqual([1]);
      // A refusal (an AppError) stored nothing: nothing to look at after it.
      await expect(
        lock.run('c1', async () => {
          throw AppError.notFound('Message');
        }),
      ).rejects.toThrow(AppError);
      await lock.run('c1', async () => undefined);
      expect(channel.rebroadcasts).toEqual([1]);
    });
  },
  ['redis'],
);
