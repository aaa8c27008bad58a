import {
  TEST_JWT_SECRET,
  runApiServerToExit,
  startApiServer,
  startMongoTestServer,
  startRedisServer,
} from '@supchat/testing';
import { request } from './support/http';

/** Polls `check` until it holds (for up to 10 s). */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the condition did not hold within 10 s');
}

interface HealthBody {
  status: string;
  error: Record<string, { status: string }>;
}

// Stopping the database is only possible with the emulator this test starts itself; against a
// shared server named by MONGODB_URI the first case is skipped.
const itWithOwnMongo = process.env['MONGODB_URI'] ? it.skip : it;

describe('health when a dependency is down', () => {
  itWithOwnMongo(
    'reports 503 on /health/ready while /health/live stays 200 when MongoDB goes away',
    async () => {
      const mongo = await startMongoTestServer();
      const server = await startApiServer({ env: { MONGODB_URI: mongo.databaseUri('health_down') } });
      try {
        expect((await request(server.baseUrl, 'GET', '/health/ready')).status).toBe(200);
        await mongo.stop();
        const ready = await request<HealthBody>(server.baseUrl, 'GET', '/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.status).toBe('error');
        expect(ready.body.error['database']?.status).toBe('down');
        expect((await request(server.baseUrl, 'GET', '/health/live')).status).toBe(200);
      } finally {
        await server.stop('SIGKILL');
        await mongo.stop();
      }
    },
  );

  it('reports Redis down on /health/ready (live stays 200) when Redis goes away, and up when it is back', async () => {
    const redis = await startRedisServer();
    const server = await startApiServer({ env: { REDIS_URL: redis.url } });
    try {
      expect((await request(server.baseUrl, 'GET', '/health/ready')).status).toBe(200);
      await redis.stop();
      const ready = await request<HealthBody>(server.baseUrl, 'GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error['redis']?.status).toBe('down');
      expect((await request(server.baseUrl, 'GET', '/health/live')).status).toBe(200);
      await redis.restart();
      await waitFor(async () => (await request(server.baseUrl, 'GET', '/health/ready')).status === 200);
    } finally {
      await server.stop('SIGKILL');
      await redis.stop();
    }
  });

  it('refuses to start when REDIS_URL points at nothing, saying so', async () => {
    const result = await runApiServerToExit({
      NODE_ENV: 'test',
      PORT: '0',
      SQLITE_PATH: ':memory:',
      JWT_SECRET: TEST_JWT_SECRET,
      REDIS_URL: 'redis://127.0.0.1:1',
      REDIS_CONNECT_TIMEOUT: '1s',
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Redis (REDIS_URL) did not answer within 1 s');
    expect(result.output).not.toContain('redis://');
  });
});
