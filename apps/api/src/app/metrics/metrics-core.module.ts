import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.module';
import { INSTANCE_ID } from './instance';
import { RedisInstanceStatsExchange } from './instance-stats.exchange.redis';
import { INSTANCE_STATS_EXCHANGE, InMemoryInstanceStatsExchange } from './instance-stats.exchange';
import { MetricsService } from './metrics.service';

/** The measurements every module records into (no dependencies, so anyone can use it). */
@Global()
@Module({
  providers: [
    MetricsService,
    {
      provide: INSTANCE_STATS_EXCHANGE,
      inject: [REDIS_CLIENT],
      useFactory: (redis: Redis | null) =>
        redis ? new RedisInstanceStatsExchange(redis, INSTANCE_ID) : new InMemoryInstanceStatsExchange(),
    },
  ],
  exports: [MetricsService, INSTANCE_STATS_EXCHANGE],
})
export class MetricsCoreModule {}
