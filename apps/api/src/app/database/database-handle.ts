import type { FactoryProvider } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { instrumentRepository } from '../metrics/instrument-repository';
import { MetricsService } from '../metrics/metrics.service';
import type { SqliteDatabase } from './sqlite/sqlite-database';

/** The engine chosen at boot and its connection. Only repositories and health checks use it. */
export type DatabaseHandle =
  { engine: 'sqlite'; sqlite: SqliteDatabase } | { engine: 'mongo'; connection: Connection };

export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');

/** Builds a repository for whichever engine runs, from one factory per engine. */
export interface RepositoryFactories<T> {
  sqlite: (database: SqliteDatabase) => T;
  mongo: (connection: Connection) => Promise<T>;
}

/**
 * The repository of `token` for the engine that runs, with every call timed in
 * `supchat_db_operation_seconds` (operation `<name>.<method>`, `name` from a `NAME_REPOSITORY` token).
 */
export function engineRepository<T extends object>(
  token: symbol,
  factories: RepositoryFactories<T>,
): FactoryProvider<Promise<T>> {
  const name = (token.description ?? 'repository').replace(/_REPOSITORY$/, '').toLowerCase();
  return {
    provide: token,
    inject: [DATABASE_HANDLE, MetricsService],
    useFactory: async (handle: DatabaseHandle, metrics: MetricsService) => {
      const repository =
        handle.engine === 'sqlite'
          ? factories.sqlite(handle.sqlite)
          : await factories.mongo(handle.connection);
      return instrumentRepository(repository, name, handle.engine, metrics.dbDuration);
    },
  };
}

/** Checks that the database answers, within `timeoutMs`. */
export async function pingDatabase(handle: DatabaseHandle, timeoutMs: number): Promise<void> {
  if (handle.engine === 'sqlite') {
    handle.sqlite.ping();
    return;
  }
  const db = handle.connection.db;
  if (!db) throw new Error('MongoDB is not connected');
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.admin().ping(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`MongoDB did not answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
