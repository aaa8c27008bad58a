import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import type { Redis } from 'ioredis';
import { CHANNEL_WRITE_LOCK, InMemoryChannelWriteLock } from '../common/concurrency/channel-write-lock';
import { RedisChannelWriteLock } from '../common/concurrency/redis-channel-write-lock';
import { RedisTokenBucket } from '../common/rate-limit/redis-token-bucket';
import { InMemoryTokenBucket, SEND_RATE_LIMITER } from '../common/rate-limit/send-rate-limiter';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { engineRepository } from '../database/database-handle';
import { PresenceModule } from '../presence/presence.module';
import { REDIS_CLIENT } from '../redis/redis.module';
import { UsersModule } from '../users/users.module';
import { MessagesController } from './messages.controller';
import { messagesRepositoryFactories } from './messages.factories';
import { MessagesGateway } from './messages.gateway';
import { MESSAGES_REPOSITORY } from './messages.repository';
import { MessagesService } from './messages.service';

@Module({
  imports: [UsersModule, ChannelsModule, PresenceModule],
  controllers: [MessagesController],
  providers: [
    MessagesService,
    MessagesGateway,
    engineRepository(MESSAGES_REPOSITORY, messagesRepositoryFactories),
    {
      provide: CHANNEL_WRITE_LOCK,
      inject: [REDIS_CLIENT],
      useFactory: (redis: Redis | null) =>
        redis ? new RedisChannelWriteLock(redis) : new InMemoryChannelWriteLock(),
    },
    {
      provide: SEND_RATE_LIMITER,
      inject: [APP_CONFIG, REDIS_CLIENT],
      useFactory: (config: AppConfig, redis: Redis | null) => {
        const { perSecond, burst } = config.messageRate;
        return redis
          ? new RedisTokenBucket(redis, perSecond, burst)
          : new InMemoryTokenBucket(perSecond, burst);
      },
    },
  ],
  exports: [MESSAGES_REPOSITORY],
})
export class MessagesModule {}
