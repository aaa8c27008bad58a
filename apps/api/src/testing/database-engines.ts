import type { MongoTestServer } from '@supchat/testing';
import { startMongoTestServer } from '@supchat/testing';
import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import type { DatabaseHandle, RepositoryFactories } from '../app/database/database-handle';
import { SqliteDatabase } from '../app/database/sqlite/sqlite-database';

export type EngineName = 'sqlite' | 'mongo';

export interface EngineUnderTest {
  name: EngineName;
  /** A fresh, empty database for the current test. */
  handle(): DatabaseHandle;
  /** Builds a repository on the current test's database with the module's own factories. */
  repository<T>(factories: RepositoryFactories<T>): Promise<T>;
  /** How many statements (SQLite) or commands (MongoDB) `work` sent to the database. */
  countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }>;
}

let databaseCounter = 0;

/**
 * Runs the same suite against both engines: SQLite in memory, and MongoDB (the emulator, or the
 * server named by MONGODB_URI). Each test gets an empty database.
 */
export function describeEachEngine(title: string, suite: (engine: EngineUnderTest) => void): void {
  describe.each<EngineName>(['sqlite', 'mongo'])(`${title} [%s]`, (name) => {
    let mongoServer: MongoTestServer | undefined;
    let mongoConnection: Connection | undefined;
    let current: DatabaseHandle | undefined;
    let mongoCommands = 0;
    let currentDatabase = '';

    /**
     * A handle on one database of the test server. On a loaded machine the emulator can miss a
     * heartbeat and the driver briefly reconnects; a handle taken meanwhile says it is connected
     * but never gets its `db`, so wait for the base connection and take a handle until it is wired.
     */
    const useDatabase = async (database: string): Promise<Connection> => {
      const base = mongoConnection as Connection;
      for (let attempt = 0; ; attempt += 1) {
        if (base.readyState !== 1 || !base.db) await base.asPromise();
        const connection = base.useDb(database, { useCache: false });
        if (connection.db) return connection;
        if (attempt === 20) throw new Error('the MongoDB test server connection does not come back');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    if (name === 'mongo') {
      beforeAll(async () => {
        mongoServer = await startMongoTestServer();
        mongoConnection = await mongoose
          .createConnection(mongoServer.uri, {
            autoCreate: false,
            autoIndex: true,
            monitorCommands: true,
            serverMonitoringMode: 'poll',
          })
          .asPromise();
        mongoConnection.getClient().on('commandStarted', () => {
          mongoCommands += 1;
        });
      }, 60_000);
      afterAll(async () => {
        await mongoConnection?.close();
        await mongoServer?.stop();
      });
    }

    beforeEach(async () => {
      if (name === 'sqlite') {
        current = { engine: 'sqlite', sqlite: SqliteDatabase.open(':memory:') };
      } else {
        databaseCounter += 1;
        currentDatabase = `test_${process.pid}_${Date.now()}_${databaseCounter}`;
        current = { engine: 'mongo', connection: await useDatabase(currentDatabase) };
      }
    });

    afterEach(() => {
      if (current?.engine === 'sqlite') current.sqlite.close();
      current = undefined;
    });

    const engine: EngineUnderTest = {
      name,
      handle: () => {
        if (!current) throw new Error('the engine is only available inside a test');
        return current;
      },
      repository: async <T>(factories: RepositoryFactories<T>) => {
        const handle = engine.handle();
        if (handle.engine === 'sqlite') return factories.sqlite(handle.sqlite);
        // The same reconnect can happen between a test's setup steps: take a wired handle again.
        if (!handle.connection.db)
          current = { engine: 'mongo', connection: await useDatabase(currentDatabase) };
        return factories.mongo((current as { connection: Connection }).connection);
      },
      countQueries: async <T>(work: () => Promise<T>) => {
        const handle = engine.handle();
        const before = handle.engine === 'sqlite' ? handle.sqlite.executedStatements : mongoCommands;
        const result = await work();
        const after = handle.engine === 'sqlite' ? handle.sqlite.executedStatements : mongoCommands;
        return { result, queries: after - before };
      },
    };
    suite(engine);
  });
}
