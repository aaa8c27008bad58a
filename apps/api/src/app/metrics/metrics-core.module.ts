import { Global, Module } from '@nestjs/common';
import { INSTANCE_STATS_EXCHANGE, InMemoryInstanceStatsExchange } from './instance-stats.exchange';
import { MetricsService } from './metrics.service';

/** The measurements every module records into (no dependencies, so anyone can use it). */
@Global()
@Module({
  providers: [
    MetricsService,
    { provide: INSTANCE_STATS_EXCHANGE, useFactory: () => new InMemoryInstanceStatsExchange() },
  ],
  exports: [MetricsService, INSTANCE_STATS_EXCHANGE],
})
export class MetricsCoreModule {}
