import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { KEY_PREFIX, LUA_NOW_MS, LuaScript } from '../../redis/lua-script';
import { AppError } from '../errors/app-error';
import type { ChannelWriteLease, ChannelWriteLock, UnbroadcastChanges } from './channel-write-lock';
import { InMemoryChannelWriteLock } from './channel-write-lock';

export interface RedisChannelWriteLockOptions {
  /** How long a held lease lives without renewal (a crashed holder frees it after this). */
  leaseMs: number;
  /** Give up waiting for a channel's lease after this long (the write then fails; the client retries). */
  acquireTimeoutMs: number;
  /** How often every instance looks for writes whose holder died (their lease ran out). */
  sweepIntervalMs: number;
}

const DEFAULTS: RedisChannelWriteLockOptions = {
  leaseMs: 5_000,
  acquireTimeoutMs: 10_000,
  sweepIntervalMs: 2_000,
};

/** Channels a sweep looks after at most (the rest wait for the next one). */
const SWEEP_BATCH = 20;

/** The shared keys: one field or member per channel. */
const WRITERS = `${KEY_PREFIX}channel-writers`; // hash: channel -> token of the write in progress
const WRITE_EXPIRY = `${KEY_PREFIX}channel-writes`; // zset: channel -> when that write's lease runs out
const BROADCAST = `${KEY_PREFIX}channel-broadcast`; // hash: channel -> every rev up to this one went out

const leaseKey = (channelId: string) => `${KEY_PREFIX}lock:channel:${channelId}`;

/**
 * Takes the lease and marks the write as in progress. Nil when another holder has the lease; else
 * whether the previous write never finished (its holder died holding the lease) and the rev every
 * earlier event is known to have gone out up to (-1: not known yet).
 */
const ACQUIRE = new LuaScript(
  `if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return false end
${LUA_NOW_MS}
local unfinished = redis.call('HGET', KEYS[2], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), ARGV[3])
local rev = redis.call('HGET', KEYS[4], ARGV[3])
return {unfinished and 1 or 0, tonumber(rev or '-1')}`,
  4,
);
const RENEW = new LuaScript(
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
${LUA_NOW_MS}
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], 'XX', now + tonumber(ARGV[2]), ARGV[3])
return 1`,
  2,
);
/** Frees the lease, records the broadcast rev and (when `ARGV[4]` is 1) marks the write finished. */
const RELEASE = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if redis.call('HGET', KEYS[2], ARGV[2]) ~= ARGV[1] then return 0 end
if ARGV[3] ~= '' and tonumber(ARGV[3]) > tonumber(redis.call('HGET', KEYS[4], ARGV[2]) or '-1') then
  redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
end
if ARGV[4] == '1' then
  redis.call('HDEL', KEYS[2], ARGV[2])
  redis.call('ZREM', KEYS[3], ARGV[2])
end
return 1`,
  4,
);
/** Channels whose write is unfinished and whose lease has run out. */
const ABANDONED = new LuaScript(
  `${LUA_NOW_MS}
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, ARGV[1])`,
  1,
);

class Lease implements ChannelWriteLease {
  rev: number | null = null;
  /** Broadcasting the previous write's changes failed: this write must not mark the channel done. */
  recoveryFailed = false;
  broadcast(rev: number): void {
    if (this.rev === null || rev > this.rev) this.rev = rev;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One writer per channel across every instance: the writes of a channel queue up in this process
 * first (so an instance competes for a channel once, not once per write), then take a Redis lease
 * (SET NX PX, renewed while the write runs, released by compare-and-delete).
 *
 * The release is sent without waiting: it travels on the same connection as the broadcasts made
 * inside the lock (the Socket.IO adapter's XADDs), so Redis sees them in that order and the next
 * writer's events always follow this one's.
 *
 * A holder can die between storing a change and broadcasting it (kill -9, a lost host). The change
 * is durable, but clients that stay connected elsewhere would never hear of it. So every write is
 * marked in Redis while it runs, and the release records the last rev it broadcast. The next holder
 * of a channel whose previous write never finished first broadcasts again every change above that
 * rev (clients merge by id and rev, so one they already have changes nothing). When no one writes
 * to the channel again, the sweep takes the lease itself once it has run out, and does the same.
 */
export class RedisChannelWriteLock implements ChannelWriteLock {
  private readonly logger = new Logger('RedisChannelWriteLock');
  private readonly local = new InMemoryChannelWriteLock();
  private readonly options: RedisChannelWriteLockOptions;
  private recovery: UnbroadcastChanges | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    options: Partial<RedisChannelWriteLockOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  run<T>(channelId: string, work: (lease: ChannelWriteLease) => Promise<T>): Promise<T> {
    return this.local.run(channelId, () => this.underLease(channelId, work));
  }

  start(recovery: UnbroadcastChanges): void {
    this.recovery = recovery;
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = null));
    }, this.options.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    await this.sweeping;
  }

  /** Broadcasts the changes of writes whose holder died and that nobody has written after since. */
  async sweep(): Promise<void> {
    let channelIds: string[];
    try {
      channelIds = await ABANDONED.run<string[]>(this.redis, [WRITE_EXPIRY], [SWEEP_BATCH]);
    } catch (error) {
      this.logger.warn(`could not look for abandoned channel writes: ${messageOf(error)}`);
      return;
    }
    for (const channelId of channelIds) {
      // Taking the lease is what recovers: an empty write.
      await this.run(channelId, async () => undefined).catch((error: unknown) =>
        this.logger.warn(`could not recover an abandoned channel write: ${messageOf(error)}`),
      );
    }
  }

  private async underLease<T>(channelId: string, work: (lease: ChannelWriteLease) => Promise<T>): Promise<T> {
    const key = leaseKey(channelId);
    const token = randomUUID();
    const { leaseMs } = this.options;
    const deadline = Date.now() + this.options.acquireTimeoutMs;
    let acquired: [unfinished: number, broadcastRev: number] | null;
    let wait = 1;
    while (
      (acquired = await ACQUIRE.run<[number, number] | null>(
        this.redis,
        [key, WRITERS, WRITE_EXPIRY, BROADCAST],
        [token, leaseMs, channelId],
      )) === null
    ) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for the write lock of channel ${channelId}`);
      await sleep(wait);
      wait = Math.min(wait * 2, 20);
    }
    const renewal = setInterval(() => {
      RENEW.run(this.redis, [key, WRITE_EXPIRY], [token, leaseMs, channelId]).catch(() => undefined);
    }, leaseMs / 3);
    const lease = new Lease();
    let finished: boolean | undefined;
    try {
      await this.catchUp(channelId, acquired, lease);
      const result = await work(lease);
      finished = true;
      return result;
    } catch (error) {
      // A refusal stored nothing; anything else may have stored before failing: look again.
      finished = error instanceof AppError;
      throw error;
    } finally {
      clearInterval(renewal);
      // After a failed recovery, this write's own events went out but the earlier ones did not:
      // the channel stays unfinished at its old broadcast rev, for the sweep to try again.
      const done = finished === true && !lease.recoveryFailed;
      const rev = lease.recoveryFailed || lease.rev === null ? '' : lease.rev;
      RELEASE.run(
        this.redis,
        [key, WRITERS, WRITE_EXPIRY, BROADCAST],
        [token, channelId, rev, done ? 1 : 0],
      ).catch((error: unknown) => this.logger.warn(`could not release a channel lock: ${messageOf(error)}`));
    }
  }

  /**
   * Before this write: when the previous one never finished, broadcast what it may have stored; when
   * this channel has no broadcast rev yet, record where it stands now (so a later recovery knows
   * where to start: nothing of this write is stored yet).
   */
  private async catchUp(
    channelId: string,
    [unfinished, broadcastRev]: [number, number],
    lease: Lease,
  ): Promise<void> {
    if (!this.recovery) return;
    if (broadcastRev < 0) {
      // Nothing known (a new channel, or Redis lost its data): a holder that died before this
      // point had stored nothing yet.
      const current = await this.recovery.currentRev(channelId);
      await this.redis.hsetnx(BROADCAST, channelId, current);
      return;
    }
    if (unfinished === 1) {
      // The previous write failed, or its holder died: whatever it stored goes out now. If that
      // fails, this write still goes ahead (a channel must not stay blocked on its past) and the
      // sweep tries again later.
      try {
        const sent = await this.recovery.rebroadcast(channelId, broadcastRev);
        lease.broadcast(sent);
        this.recovery.recovered?.(sent > broadcastRev ? 'rebroadcast' : 'nothing');
        if (sent > broadcastRev) {
          this.logger.warn(
            `channel ${channelId}: an unfinished write had stored revs ${broadcastRev + 1}..${sent} without broadcasting them; broadcast now`,
          );
        }
      } catch (error) {
        lease.recoveryFailed = true;
        this.recovery.recovered?.('failed');
        this.logger.error(
          `channel ${channelId}: could not broadcast the changes of an unfinished write (will retry): ${messageOf(error)}`,
        );
      }
    }
  }
}
