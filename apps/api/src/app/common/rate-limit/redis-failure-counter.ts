import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { KEY_PREFIX, LUA_NOW_MS, LuaScript } from '../../redis/lua-script';
import type { AttemptDecision, FailureCounter } from './failure-counter';

/** A sorted set of attempts per key, scored by time: check and count in one script. */
const ATTEMPT = new LuaScript(
  `${LUA_NOW_MS}
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
  return { 0, math.max(1, tonumber(oldest[2]) + window - now) }
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return { 1, 0 }`,
  1,
);

/** Login failures shared by every instance. */
export class RedisFailureCounter implements FailureCounter {
  constructor(private readonly redis: Redis) {}

  async attempt(key: string, limit: number, windowMs: number): Promise<AttemptDecision> {
    const attemptId = randomUUID();
    const [allowed, retryAfterMs] = await ATTEMPT.run<[number, number]>(
      this.redis,
      [this.keyOf(key)],
      [limit, windowMs, attemptId],
    );
    return allowed === 1
      ? { allowed: true, retryAfterMs: 0, attemptId }
      : { allowed: false, retryAfterMs, attemptId: null };
  }

  async withdraw(key: string, attemptId: string): Promise<void> {
    await this.redis.zrem(this.keyOf(key), attemptId);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.keyOf(key));
  }

  private keyOf(key: string): string {
    return `${KEY_PREFIX}failures:${key}`;
  }
}
