import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run with EVALSHA (the script body crosses the network once per Redis server, then
 * only its hash), loaded again when the server answers NOSCRIPT (after a restart or a failover).
 */
export class LuaScript {
  private readonly sha: string;

  constructor(
    private readonly body: string,
    private readonly keyCount: number,
  ) {
    this.sha = createHash('sha1').update(body).digest('hex');
  }

  async run<T = unknown>(
    redis: Redis,
    keys: readonly string[],
    args: readonly (string | number)[] = [],
  ): Promise<T> {
    if (keys.length !== this.keyCount) throw new Error(`expected ${this.keyCount} keys, got ${keys.length}`);
    try {
      return (await redis.evalsha(this.sha, this.keyCount, ...keys, ...args)) as T;
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return (await redis.eval(this.body, this.keyCount, ...keys, ...args)) as T;
    }
  }
}

/** The Redis server's clock in milliseconds, inside a script: every instance agrees on "now". */
export const LUA_NOW_MS = `local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)`;

/** Every SUPCHAT key starts with this, so one Redis can be shared with other programs. */
export const KEY_PREFIX = 'supchat:';
