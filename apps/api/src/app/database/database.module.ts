import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { AppConfig } from '../config/app-config';
import type { DatabaseHandle } from './database-handle';
import { DATABASE_HANDLE } from './database-handle';
import { SqliteDatabase } from './sqlite/sqlite-database';

/** Closes the SQLite file when the application shuts down (Mongoose closes its own connection). */
@Injectable()
class SqliteLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle) {}

  onApplicationShutdown(): void {
    if (this.handle.engine === 'sqlite') this.handle.sqlite.close();
  }
}

/**
 * Chooses the storage engine at boot: MongoDB through @nestjs/mongoose when MONGODB_URI is set,
 * the embedded SQLite file otherwise. Feature modules build their repositories from the handle.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: AppConfig['database']): DynamicModule {
    if (database.engine === 'mongo') {
      return {
        module: DatabaseModule,
        imports: [
          MongooseModule.forRoot(database.mongodbUri, {
            // The test emulator has no `create` command; collections appear on first write.
            autoCreate: false,
            autoIndex: true,
            serverSelectionTimeoutMS: 10_000,
            // Plain heartbeat polls instead of the streaming (exhaust) protocol: the test emulator
            // ends those streams under load, and a real server is just as well served by polling.
            serverMonitoringMode: 'poll',
          }),
        ],
        providers: [
          {
            provide: DATABASE_HANDLE,
            inject: [getConnectionToken()],
            useFactory: (connection: Connection): DatabaseHandle => ({ engine: 'mongo', connection }),
          },
        ],
        exports: [DATABASE_HANDLE],
      };
    }
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATABASE_HANDLE,
          useFactory: (): DatabaseHandle => ({
            engine: 'sqlite',
            sqlite: SqliteDatabase.open(database.sqlitePath),
          }),
        },
        SqliteLifecycle,
      ],
      exports: [DATABASE_HANDLE],
    };
  }
}
