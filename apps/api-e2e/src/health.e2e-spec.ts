import { describeEachEngine } from './support/engines';
import { expectError, request } from './support/http';

interface HealthBody {
  status: string;
  info: Record<string, { status: string }>;
  details: Record<string, { status: string; engine?: string }>;
}

describeEachEngine(
  'health and HTTP basics',
  (subject) => {
    const url = () => subject.server().baseUrl;

    it('reports every check on /health in terminus format, without authentication', async () => {
      const response = await request<HealthBody>(url(), 'GET', '/health');
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.details['database']).toEqual({ status: 'up', engine: subject.engine });
      expect(response.body.details['memory_heap']).toEqual({ status: 'up' });
    });

    it('splits liveness (heap) from readiness (database)', async () => {
      const live = await request<HealthBody>(url(), 'GET', '/health/live');
      expect(live.status).toBe(200);
      expect(Object.keys(live.body.details)).toEqual(['memory_heap']);

      const ready = await request<HealthBody>(url(), 'GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(Object.keys(ready.body.details)).toEqual(['database', 'shutdown']);
    });

    it('answers unknown routes with 404 NOT_FOUND in the error format', async () => {
      expectError(await request(url(), 'GET', '/api/does-not-exist'), 404, 'NOT_FOUND');
      expectError(await request(url(), 'DELETE', '/api/users/me'), 404, 'NOT_FOUND');
    });

    it('echoes a sane request id and makes one up otherwise', async () => {
      const given = await request(url(), 'GET', '/api/nope', { headers: { 'x-request-id': 'trace-123' } });
      expect(given.headers.get('x-request-id')).toBe('trace-123');
      expect((given.body as { requestId: string }).requestId).toBe('trace-123');

      const made = await request(url(), 'GET', '/api/nope', {
        headers: { 'x-request-id': 'bad id\twith tabs' },
      });
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sends security headers and a CSP, and no x-powered-by', async () => {
      const response = await request(url(), 'GET', '/health');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('allows CORS only for configured origins', async () => {
      const allowed = await fetch(`${url()}/api/users/me`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.test', 'access-control-request-method': 'GET' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');

      const foreign = await fetch(`${url()}/api/users/me`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });
  },
  { env: { CORS_ORIGINS: 'https://app.example.test' } },
);
