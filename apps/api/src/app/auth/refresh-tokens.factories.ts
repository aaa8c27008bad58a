import type { RepositoryFactories } from '../database/database-handle';
import type { RefreshTokensRepository } from './refresh-tokens.repository';
import { MongoRefreshTokensRepository } from './refresh-tokens.repository.mongo';
import { SqliteRefreshTokensRepository } from './refresh-tokens.repository.sqlite';

export const refreshTokensRepositoryFactories: RepositoryFactories<RefreshTokensRepository> = {
  sqlite: (database) => new SqliteRefreshTokensRepository(database),
  mongo: (connection) => MongoRefreshTokensRepository.create(connection),
};
