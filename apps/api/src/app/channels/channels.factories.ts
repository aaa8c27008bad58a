import type { RepositoryFactories } from '../database/database-handle';
import type { ChannelsRepository } from './channels.repository';
import { MongoChannelsRepository } from './channels.repository.mongo';
import { SqliteChannelsRepository } from './channels.repository.sqlite';

export const channelsRepositoryFactories: RepositoryFactories<ChannelsRepository> = {
  sqlite: (database) => new SqliteChannelsRepository(database),
  mongo: (connection) => MongoChannelsRepository.create(connection),
};
