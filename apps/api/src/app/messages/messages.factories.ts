import type { RepositoryFactories } from '../database/database-handle';
import type { MessagesRepository } from './messages.repository';
import { MongoMessagesRepository } from './messages.repository.mongo';
import { SqliteMessagesRepository } from './messages.repository.sqlite';

export const messagesRepositoryFactories: RepositoryFactories<MessagesRepository> = {
  sqlite: (database) => new SqliteMessagesRepository(database),
  mongo: (connection) => MongoMessagesRepository.create(connection),
};
