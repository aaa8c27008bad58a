import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { PresenceModule } from '../presence/presence.module';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [ChannelsModule, PresenceModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
