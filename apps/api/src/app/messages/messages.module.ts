import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { CHANNEL_WRITE_LOCK, InMemoryChannelWriteLock } from '../common/concurrency/channel-write-lock';
import { InMemoryTokenBucket, SEND_RATE_LIMITER } from '../common/rate-limit/send-rate-limiter';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { engineRepository } from '../database/database-handle';
import { PresenceModule } from '../presence/presence.module';
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
    { provide: CHANNEL_WRITE_LOCK, useFactory: () => new InMemoryChannelWriteLock() },
    {
      provide: SEND_RATE_LIMITER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new InMemoryTokenBucket(config.messageRate.perSecond, config.messageRate.burst),
    },
  ],
  exports: [MESSAGES_REPOSITORY],
})
export class MessagesModule {}
