import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import type { Connection } from 'mongoose';
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

export function engineRepository<T>(
  token: InjectionToken,
  factories: RepositoryFactories<T>,
): FactoryProvider<T | Promise<T>> {
  return {
    provide: token,
    inject: [DATABASE_HANDLE],
    useFactory: (handle: DatabaseHandle) =>
      handle.engine === 'sqlite' ? factories.sqlite(handle.sqlite) : factories.mongo(handle.connection),
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
