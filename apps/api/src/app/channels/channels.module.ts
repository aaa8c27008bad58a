import { Module } from '@nestjs/common';
import { engineRepository } from '../database/database-handle';
import { UsersModule } from '../users/users.module';
import { ChannelsController } from './channels.controller';
import { ChannelsGateway } from './channels.gateway';
import { channelsRepositoryFactories } from './channels.factories';
import { CHANNELS_REPOSITORY } from './channels.repository';
import { ChannelsService } from './channels.service';

@Module({
  imports: [UsersModule],
  controllers: [ChannelsController],
  providers: [
    ChannelsService,
    ChannelsGateway,
    engineRepository(CHANNELS_REPOSITORY, channelsRepositoryFactories),
  ],
  exports: [ChannelsService, CHANNELS_REPOSITORY],
})
export class ChannelsModule {}
