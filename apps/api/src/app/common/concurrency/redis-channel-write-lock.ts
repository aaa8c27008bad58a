import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { KEY_PREFIX, LuaScript } from '../../redis/lua-script';
import type { ChannelWriteLock } from './channel-write-lock';
import { InMemoryChannelWriteLock } from './channel-write-lock';

/** How long a held lock lives without renewal (a crashed holder frees it after this). */
const LEASE_MS = 5_000;
/** Give up waiting for a channel's lock after this long (the write then fails; the client retries). */
const ACQUIRE_TIMEOUT_MS = 10_000;

const RELEASE = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  1,
);
const RENEW = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  1,
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One writer per channel across every instance: the writes of a channel queue up in this process
 * first (so an instance competes for a channel once, not once per write), then take a Redis lease
 * (SET NX PX, renewed while the write runs, released by compare-and-delete).
 *
 * The release is sent without waiting: it travels on the same connection as the broadcasts made
 * inside the lock (the Socket.IO adapter's XADDs), so Redis sees them in that order and the next
 * writer's events always follow this one's.
 */
export class RedisChannelWriteLock implements ChannelWriteLock {
  private readonly logger = new Logger('RedisChannelWriteLock');
  private readonly local = new InMemoryChannelWriteLock();

  constructor(private readonly redis: Redis) {}

  run<T>(channelId: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(channelId, () => this.underLease(channelId, work));
  }

  private async underLease<T>(channelId: string, work: () => Promise<T>): Promise<T> {
    const key = `${KEY_PREFIX}lock:channel:${channelId}`;
    const token = randomUUID();
    const deadline = Date.now() + ACQUIRE_TIMEOUT_MS;
    let wait = 1;
    while ((await this.redis.set(key, token, 'PX', LEASE_MS, 'NX')) !== 'OK') {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for the write lock of channel ${channelId}`);
      await sleep(wait);
      wait = Math.min(wait * 2, 20);
    }
    const renewal = setInterval(() => {
      RENEW.run(this.redis, [key], [token, LEASE_MS]).catch(() => undefined);
    }, LEASE_MS / 3);
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      RELEASE.run(this.redis, [key], [token]).catch((error: unknown) =>
        this.logger.warn(
          `could not release a channel lock: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  }
}
