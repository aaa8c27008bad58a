import type { RedisTestServer } from '@supchat/testing';
import { startRedisServer } from '@supchat/testing';
import { Redis } from 'ioredis';

export type BackendName = 'memory' | 'redis';

export interface BackendUnderTest {
  name: BackendName;
  /** A client of the test's Redis (flushed before each test); null for the in-memory backend. */
  redis(): Redis | null;
  /** Another client of the same Redis: a second instance's connection. */
  connect(): Redis;
}

/**
 * Runs the same suite against the in-memory state of one process and against a real redis-server
 * (started on a free port, emptied before each test): the shared state of several instances.
 */
export function describeEachBackend(
  title: string,
  suite: (backend: BackendUnderTest) => void,
  backends: readonly BackendName[] = ['memory', 'redis'],
): void {
  describe.each<BackendName>([...backends])(`${title} [%s]`, (name) => {
    let server: RedisTestServer | undefined;
    const clients: Redis[] = [];

    const connect = (): Redis => {
      if (!server) throw new Error('no Redis for the in-memory backend');
      const client = new Redis(server.url, { maxRetriesPerRequest: 2 });
      clients.push(client);
      return client;
    };

    if (name === 'redis') {
      beforeAll(async () => {
        server = await startRedisServer();
      }, 30_000);
      beforeEach(async () => {
        await connect().flushall();
      });
      afterAll(async () => {
        await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
        await server?.stop();
      });
    }

    let main: Redis | null = null;
    beforeEach(() => {
      main = name === 'redis' ? connect() : null;
    });

    suite({ name, redis: () => main, connect });
  });
}
