import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { AuthModule } from './auth/auth.module';
import { AuthTokensModule } from './auth/auth-tokens.module';
import { ChannelsModule } from './channels/channels.module';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LifecycleModule } from './lifecycle/lifecycle';
import { loggerParams } from './logger';
import { MessagesModule } from './messages/messages.module';
import { MetricsCoreModule } from './metrics/metrics-core.module';
import { MetricsModule } from './metrics/metrics.module';
import { PresenceCoreModule } from './presence/presence-core.module';
import { PresenceModule } from './presence/presence.module';
import { RealtimeCoreModule } from './realtime/realtime-core.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RedisModule } from './redis/redis.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, rootLogger: PinoLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(rootLogger)),
        ConfigModule.forRoot(config),
        LifecycleModule,
        DatabaseModule.forRoot(config.database),
        RedisModule.forRoot(config.redisUrl, config.redisConnectTimeoutMs),
        AuthTokensModule,
        MetricsCoreModule,
        RealtimeCoreModule,
        PresenceCoreModule,
        UsersModule,
        AuthModule,
        ChannelsModule,
        MessagesModule,
        PresenceModule,
        HealthModule,
        MetricsModule,
        RealtimeModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
