import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { UsersModule } from '../users/users.module';
import { PresenceGateway } from './presence.gateway';
import { PresenceService } from './presence.service';
import { TypingService } from './typing.service';

@Module({
  imports: [UsersModule, ChannelsModule],
  providers: [PresenceService, TypingService, PresenceGateway],
  exports: [PresenceService, TypingService],
})
export class PresenceModule {}
