import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [ChannelsModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
