import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { MessagesModule } from '../messages/messages.module';
import { UsersModule } from '../users/users.module';
import { ClientStatsGateway } from './client-stats.gateway';
import { MetricsController } from './metrics.controller';
import { MonitorGateway } from './monitor.gateway';
import { MonitorService } from './monitor.service';
import { ProbeController } from './probe.controller';
import { ProbeService } from './probe.service';

/** `/metrics`, the live dashboard's `/monitor` namespace, `client-stats` and the message tester. */
@Module({
  imports: [UsersModule, ChannelsModule, MessagesModule],
  controllers: [MetricsController, ProbeController],
  providers: [MonitorService, MonitorGateway, ClientStatsGateway, ProbeService],
})
export class MetricsModule {}
