import type { ApiServer, MongoTestServer, StartApiServerOptions } from '@supchat/testing';
import { startApiServer, startMongoTestServer } from '@supchat/testing';

export type EngineName = 'sqlite' | 'mongo';

export interface ServerUnderTest {
  engine: EngineName;
  /** The running server of the current describe block. */
  server(): ApiServer;
  /** Starts one more server on the same engine (each gets its own, empty database). */
  start(options?: StartApiServerOptions): Promise<ApiServer>;
}

let databaseCounter = 0;

/**
 * Runs a suite against the real server on each engine: in-memory SQLite, and MongoDB (the
 * emulator, or MONGODB_URI when set). One server per engine is started before the suite.
 */
export function describeEachEngine(
  title: string,
  suite: (subject: ServerUnderTest) => void,
  serverOptions: StartApiServerOptions = {},
): void {
  describe.each<EngineName>(['sqlite', 'mongo'])(`${title} [%s]`, (engine) => {
    let mongo: MongoTestServer | undefined;
    let main: ApiServer | undefined;
    const extra: ApiServer[] = [];

    const start = async (options: StartApiServerOptions = {}): Promise<ApiServer> => {
      databaseCounter += 1;
      const env =
        engine === 'mongo' && mongo
          ? { MONGODB_URI: mongo.databaseUri(`e2e_${process.pid}_${Date.now()}_${databaseCounter}`) }
          : {};
      const server = await startApiServer({
        ...serverOptions,
        ...options,
        env: { ...env, ...serverOptions.env, ...options.env },
      });
      return server;
    };

    beforeAll(async () => {
      if (engine === 'mongo') mongo = await startMongoTestServer();
      main = await start();
    }, 90_000);

    afterAll(async () => {
      await Promise.all([main, ...extra].map((server) => server?.stop()));
      await mongo?.stop();
    });

    suite({
      engine,
      server: () => {
        if (!main) throw new Error('the server is not running');
        return main;
      },
      start: async (options) => {
        const server = await start(options);
        extra.push(server);
        return server;
      },
    });
  });
}
