import type { RepositoryFactories } from '../database/database-handle';
import type { UsersRepository } from './users.repository';
import { MongoUsersRepository } from './users.repository.mongo';
import { SqliteUsersRepository } from './users.repository.sqlite';

/** How each engine builds the users repository (used by the module and by the contract tests). */
export const usersRepositoryFactories: RepositoryFactories<UsersRepository> = {
  sqlite: (database) => new SqliteUsersRepository(database),
  mongo: (connection) => MongoUsersRepository.create(connection),
};
