import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import { expectError, request } from './support/http';

describe('serving the web app', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer();
  });

  afterAll(() => server.stop());

  it.each(['/', '/login', '/register', '/some/client/route'])('serves index.html for %s', async (path) => {
    const response = await fetch(`${server.baseUrl}${path}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const html = await response.text();
    expect(html).toContain('<title>SUPCHAT</title>');
    expect(html).toContain('<sc-root>');
  });

  it('serves the hashed bundles with long-lived caching', async () => {
    const html = await (await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
    const script = /src="(main-[A-Z0-9]{8}\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(`${server.baseUrl}/${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps API and health paths out of the SPA fallback', async () => {
    expectError(
      await request(server.baseUrl, 'GET', '/api/not-a-route', { headers: { accept: 'text/html' } }),
      404,
      'NOT_FOUND',
    );
    const health = await fetch(`${server.baseUrl}/health`, { headers: { accept: 'text/html' } });
    expect(health.headers.get('content-type')).toContain('application/json');
  });
});
