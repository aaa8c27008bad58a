import { Inject, Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.module';

const PING_TIMEOUT_MS = 2_000;

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
  ) {}

  get enabled(): boolean {
    return this.redis !== null;
  }

  async check(key = 'redis'): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    if (!this.redis) return indicator.up({ message: 'not configured' });
    let timer: NodeJS.Timeout | undefined;
    try {
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
        }),
      ]);
      return pong === 'PONG' ? indicator.up() : indicator.down({ message: 'unexpected ping answer' });
    } catch {
      return indicator.down({ message: 'redis did not answer a ping' });
    } finally {
      clearTimeout(timer);
    }
  }
}
