import type { AuthResponse } from '@supchat/contracts';
import { describeEachEngine } from './support/engines';
import { expectError, newUser, register, request } from './support/http';

describeEachEngine('login throttling', (subject) => {
  it('answers the 6th failed login for one email within a minute with 429 RATE_LIMITED and Retry-After', async () => {
    const server = await subject.start({ env: { LOGIN_MAX_FAILURES_PER_IP: '100' } });
    const { input } = await register(server.baseUrl);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await request(server.baseUrl, 'POST', '/api/auth/login', {
        body: { email: input.email, password: 'wrong password' },
      });
      expectError(response, 401, 'UNAUTHORIZED');
    }
    // Even the right password is refused while the email is throttled.
    const blocked = await request(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: input.email, password: input.password },
    });
    const body = expectError(blocked, 429, 'RATE_LIMITED');
    const retryAfterMs = body.details?.['retryAfterMs'] as number;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(Number(blocked.headers.get('retry-after'))).toBe(Math.ceil(retryAfterMs / 1000));

    // Another account is not affected by this email's failures.
    const other = await register(server.baseUrl);
    const ok = await request<AuthResponse>(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: other.input.email, password: other.input.password },
    });
    expect(ok.status).toBe(200);
  });

  it('throttles one IP that tries many different emails', async () => {
    const server = await subject.start({ env: { LOGIN_MAX_FAILURES_PER_IP: '3' } });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await request(server.baseUrl, 'POST', '/api/auth/login', {
        body: { email: newUser().email, password: 'whatever it is' },
      });
      expectError(response, 401, 'UNAUTHORIZED');
    }
    const blocked = await request(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: newUser().email, password: 'whatever it is' },
    });
    expectError(blocked, 429, 'RATE_LIMITED');
  });

  it('counts failed logins fired in parallel: of 30 at once for one email, only 5 are tried, the rest get 429', async () => {
    const server = await subject.start({ env: { LOGIN_MAX_FAILURES_PER_IP: '100' } });
    const { input } = await register(server.baseUrl);
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        request(server.baseUrl, 'POST', '/api/auth/login', {
          body: { email: input.email, password: 'wrong password' },
        }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
  });

  it('does not count successful logins against the IP', async () => {
    const server = await subject.start({ env: { LOGIN_MAX_FAILURES_PER_IP: '2' } });
    const { input } = await register(server.baseUrl);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await request(server.baseUrl, 'POST', '/api/auth/login', {
        body: { email: input.email, password: input.password },
      });
      expect(response.status).toBe(200);
    }
  });
});
