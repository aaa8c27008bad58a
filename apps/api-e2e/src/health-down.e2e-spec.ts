import { startApiServer, startMongoTestServer } from '@supchat/testing';
import { request } from './support/http';

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

  it('reports Redis on /health/ready when REDIS_URL points at nothing', async () => {
    const server = await startApiServer({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const ready = await request<HealthBody>(server.baseUrl, 'GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error['redis']?.status).toBe('down');
    } finally {
      await server.stop('SIGKILL');
    }
  });
});
