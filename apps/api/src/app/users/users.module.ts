import { Module } from '@nestjs/common';
import { engineRepository } from '../database/database-handle';
import { UsersController } from './users.controller';
import { usersRepositoryFactories } from './users.factories';
import { USERS_REPOSITORY } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, engineRepository(USERS_REPOSITORY, usersRepositoryFactories)],
  exports: [UsersService, USERS_REPOSITORY],
})
export class UsersModule {}
