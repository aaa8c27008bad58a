import type { Redis } from 'ioredis';
import { KEY_PREFIX, LUA_NOW_MS, LuaScript } from '../redis/lua-script';
import type { TypingRefresh, TypingStore } from './typing.store';

/** KEYS: state. ARGV: throttle, timeout. Returns {started, forward}. */
const REFRESH = new LuaScript(
  `${LUA_NOW_MS}
local forwarded = tonumber(redis.call('HGET', KEYS[1], 'forwarded'))
local started = 0
local forward = 0
if not forwarded then
  started = 1
  forward = 1
  redis.call('HSET', KEYS[1], 'forwarded', now)
elseif now - forwarded >= tonumber(ARGV[1]) then
  forward = 1
  redis.call('HSET', KEYS[1], 'forwarded', now)
end
redis.call('HSET', KEYS[1], 'refreshed', now)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 3)
return { started, forward }`,
  1,
);

/** KEYS: state. ARGV: timeout. */
const EXPIRE_IF_IDLE = new LuaScript(
  `${LUA_NOW_MS}
local refreshed = tonumber(redis.call('HGET', KEYS[1], 'refreshed'))
if not refreshed or now - refreshed < tonumber(ARGV[1]) then return 0 end
return redis.call('DEL', KEYS[1])`,
  1,
);

/** Typing state shared by every instance, on the Redis clock. */
export class RedisTypingStore implements TypingStore {
  constructor(private readonly redis: Redis) {}

  async refresh(
    userId: string,
    channelId: string,
    throttleMs: number,
    timeoutMs: number,
  ): Promise<TypingRefresh> {
    const [started, forward] = await REFRESH.run<[number, number]>(
      this.redis,
      [this.keyOf(userId, channelId)],
      [throttleMs, timeoutMs],
    );
    return { started: started === 1, forward: forward === 1 };
  }

  async expireIfIdle(userId: string, channelId: string, timeoutMs: number): Promise<boolean> {
    return (await EXPIRE_IF_IDLE.run<number>(this.redis, [this.keyOf(userId, channelId)], [timeoutMs])) === 1;
  }

  async stop(userId: string, channelId: string): Promise<boolean> {
    return (await this.redis.del(this.keyOf(userId, channelId))) === 1;
  }

  private keyOf(userId: string, channelId: string): string {
    return `${KEY_PREFIX}typing:${userId}:${channelId}`;
  }
}
