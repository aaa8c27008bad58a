import type { Redis } from 'ioredis';
import { KEY_PREFIX, LUA_NOW_MS, LuaScript } from '../../redis/lua-script';
import type { RateDecision, SendRateLimiter } from './send-rate-limiter';

const TAKE = new LuaScript(
  `${LUA_NOW_MS}
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return { allowed, retry }`,
  1,
);

/** The per-user token bucket shared by every instance: one Lua script, on the Redis clock. */
export class RedisTokenBucket implements SendRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {}

  async take(key: string): Promise<RateDecision> {
    const [allowed, retryAfterMs] = await TAKE.run<[number, number]>(
      this.redis,
      [`${KEY_PREFIX}rate:send:${key}`],
      [this.ratePerSecond, this.burst],
    );
    return { allowed: allowed === 1, retryAfterMs };
  }
}
