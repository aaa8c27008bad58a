import type { AuthResponse, ErrorBody, User, UserSummary } from '@supchat/contracts';
import { describeEachEngine } from './support/engines';
import { expectError, newUser, register, request } from './support/http';

describeEachEngine(
  'auth',
  (subject) => {
    const url = () => subject.server().baseUrl;

    describe('register', () => {
      it('creates an account and returns a session; the first user is an admin', async () => {
        const input = newUser('first');
        const response = await request<AuthResponse>(url(), 'POST', '/api/auth/register', {
          body: { ...input, displayName: '  First User  ' },
        });
        expect(response.status).toBe(201);
        expect(response.body.user).toEqual({
          id: expect.stringMatching(/^[a-f0-9]{24}$/),
          username: input.username,
          displayName: 'First User',
          avatarUrl: null,
          email: input.email,
          role: 'admin',
          createdAt: expect.any(String),
        });
        expect(response.body.expiresIn).toBe(900);
        expect(response.body.accessToken.split('.')).toHaveLength(3);
        expect(response.body.refreshToken.length).toBeGreaterThanOrEqual(32);

        const second = await register(url());
        expect(second.user.role).toBe('member');
      });

      it('lower-cases the username and refuses a duplicate email or username with 409 CONFLICT', async () => {
        const input = newUser('dup');
        const first = await register(url(), { ...input, username: input.username.toUpperCase() });
        expect(first.user.username).toBe(input.username);

        const sameEmail = await request(url(), 'POST', '/api/auth/register', {
          body: { ...newUser('other'), email: input.email.toUpperCase() },
        });
        expect(expectError(sameEmail, 409, 'CONFLICT').details).toEqual({ field: 'email' });

        const sameUsername = await request(url(), 'POST', '/api/auth/register', {
          body: { ...newUser('other'), username: input.username },
        });
        expect(expectError(sameUsername, 409, 'CONFLICT').details).toEqual({ field: 'username' });
      });

      it('answers missing and ill-typed fields with 400 VALIDATION_FAILED naming each field', async () => {
        const response = await request(url(), 'POST', '/api/auth/register', {
          body: { email: 'not-an-email', username: 42, password: 'short' },
        });
        const body = expectError(response, 400, 'VALIDATION_FAILED');
        const fields = (body.details?.['fields'] as { path: string }[]).map((field) => field.path).sort();
        expect(fields).toEqual(['email', 'password', 'username']);
        expect(body.message).toContain('email');

        const missing = await request(url(), 'POST', '/api/auth/register', { body: {} });
        expect(expectError(missing, 400, 'VALIDATION_FAILED').message).toMatch(/email: is required/);
      });

      it('refuses operator objects, unknown keys and passwords over 128 characters', async () => {
        const input = newUser('bad');
        for (const body of [
          { ...input, email: { $gt: '' } },
          { ...input, isAdmin: true },
          JSON.parse(
            `{"email":"${input.email}","username":"${input.username}","password":"12345678","__proto__":{"role":"admin"}}`,
          ),
          { ...input, password: 'p'.repeat(129) },
        ]) {
          expectError(await request(url(), 'POST', '/api/auth/register', { body }), 400, 'VALIDATION_FAILED');
        }
        const login = await request(url(), 'POST', '/api/auth/login', {
          body: { email: input.email, password: 'x' },
        });
        expectError(login, 401, 'UNAUTHORIZED');
      });

      it('answers malformed JSON with 400 and a body over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
        expectError(
          await request(url(), 'POST', '/api/auth/register', { rawBody: '{"email": ' }),
          400,
          'VALIDATION_FAILED',
        );
        const huge = JSON.stringify({ ...newUser('huge'), displayName: 'x'.repeat(1024 * 1024 + 10) });
        expectError(
          await request(url(), 'POST', '/api/auth/register', { rawBody: huge }),
          413,
          'PAYLOAD_TOO_LARGE',
        );
      });
    });

    describe('login and me', () => {
      it('logs in with the right password (email case-insensitive) and reads /api/users/me', async () => {
        const { input, user } = await register(url());
        const login = await request<AuthResponse>(url(), 'POST', '/api/auth/login', {
          body: { email: input.email.toUpperCase(), password: input.password },
        });
        expect(login.status).toBe(200);
        expect(login.body.user).toEqual(user);

        const me = await request<User>(url(), 'GET', '/api/users/me', { token: login.body.accessToken });
        expect(me.status).toBe(200);
        expect(me.body).toEqual(user);
        expect(me.body).not.toHaveProperty('passwordHash');
      });

      it('refuses a wrong password or unknown email with the same 401', async () => {
        const { input } = await register(url());
        const wrong = await request(url(), 'POST', '/api/auth/login', {
          body: { email: input.email, password: 'nope nope' },
        });
        const unknown = await request(url(), 'POST', '/api/auth/login', {
          body: { email: `missing-${input.email}`, password: input.password },
        });
        expect(expectError(wrong, 401, 'UNAUTHORIZED').message).toBe('Invalid email or password');
        expect(expectError(unknown, 401, 'UNAUTHORIZED').message).toBe('Invalid email or password');
      });

      it('refuses /api/users/me without a token, with a forged token and with a malformed header', async () => {
        expectError(await request(url(), 'GET', '/api/users/me'), 401, 'UNAUTHORIZED');
        const forged =
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1NjciLCJzaWQiOiJ4Iiwicm9sZSI6ImFkbWluIiwidHlwIjoiYWNjZXNzIn0.c2lnbmF0dXJl';
        expectError(await request(url(), 'GET', '/api/users/me', { token: forged }), 401, 'UNAUTHORIZED');
        expectError(
          await request(url(), 'GET', '/api/users/me', { headers: { authorization: 'Basic abc' } }),
          401,
          'UNAUTHORIZED',
        );
      });
    });

    describe('refresh tokens', () => {
      it('rotates the refresh token on every use', async () => {
        const session = await register(url());
        const first = await request<AuthResponse>(url(), 'POST', '/api/auth/refresh', {
          body: { refreshToken: session.refreshToken },
        });
        expect(first.status).toBe(200);
        expect(first.body.refreshToken).not.toBe(session.refreshToken);
        expect(first.body.user.id).toBe(session.user.id);

        const second = await request<AuthResponse>(url(), 'POST', '/api/auth/refresh', {
          body: { refreshToken: first.body.refreshToken },
        });
        expect(second.status).toBe(200);
        const me = await request<User>(url(), 'GET', '/api/users/me', { token: second.body.accessToken });
        expect(me.body.id).toBe(session.user.id);
      });

      it('revokes the whole token family when an already-rotated token is presented again', async () => {
        const session = await register(url());
        const rotated = await request<AuthResponse>(url(), 'POST', '/api/auth/refresh', {
          body: { refreshToken: session.refreshToken },
        });
        expect(rotated.status).toBe(200);

        // A thief replays the old token: refused, and the legitimate successor dies with it.
        const replay = await request(url(), 'POST', '/api/auth/refresh', {
          body: { refreshToken: session.refreshToken },
        });
        expect(expectError(replay, 401, 'UNAUTHORIZED').message).toMatch(/already used/);
        const successor = await request(url(), 'POST', '/api/auth/refresh', {
          body: { refreshToken: rotated.body.refreshToken },
        });
        expectError(successor, 401, 'UNAUTHORIZED');

        // Other sessions of the same user are untouched.
        const other = await request<AuthResponse>(url(), 'POST', '/api/auth/login', {
          body: { email: session.input.email, password: session.input.password },
        });
        expect(other.status).toBe(200);
        expect(
          (
            await request(url(), 'POST', '/api/auth/refresh', {
              body: { refreshToken: other.body.refreshToken },
            })
          ).status,
        ).toBe(200);
      });

      it('refuses unknown and malformed refresh tokens', async () => {
        expectError(
          await request(url(), 'POST', '/api/auth/refresh', { body: { refreshToken: 'not-a-token' } }),
          401,
          'UNAUTHORIZED',
        );
        expectError(
          await request(url(), 'POST', '/api/auth/refresh', { body: { refreshToken: 7 } }),
          400,
          'VALIDATION_FAILED',
        );
      });
    });

    describe('logout', () => {
      it('ends the session: its refresh token stops working, other sessions keep going', async () => {
        const session = await register(url());
        const other = await request<AuthResponse>(url(), 'POST', '/api/auth/login', {
          body: { email: session.input.email, password: session.input.password },
        });

        const logout = await request(url(), 'POST', '/api/auth/logout', {
          token: session.accessToken,
          body: { refreshToken: session.refreshToken },
        });
        expect(logout.status).toBe(204);
        const after = await request<ErrorBody>(url(), 'POST', '/api/auth/refresh', {
          body: { refreshToken: session.refreshToken },
        });
        expectError(after, 401, 'UNAUTHORIZED');
        expect(
          (
            await request(url(), 'POST', '/api/auth/refresh', {
              body: { refreshToken: other.body.refreshToken },
            })
          ).status,
        ).toBe(200);
      });

      it('needs an access token and cannot end somebody else’s session', async () => {
        const alice = await register(url());
        const mallory = await register(url());
        expectError(
          await request(url(), 'POST', '/api/auth/logout', { body: { refreshToken: alice.refreshToken } }),
          401,
          'UNAUTHORIZED',
        );
        const attempt = await request(url(), 'POST', '/api/auth/logout', {
          token: mallory.accessToken,
          body: { refreshToken: alice.refreshToken },
        });
        expect(attempt.status).toBe(204);
        expect(
          (await request(url(), 'POST', '/api/auth/refresh', { body: { refreshToken: alice.refreshToken } }))
            .status,
        ).toBe(200);
      });
    });

    describe('user search', () => {
      it('finds users by prefix; only admins see emails', async () => {
        const tag = `srch${Date.now() % 1e6}`;
        const found = await register(url(), { ...newUser(), username: `${tag}_one` });
        const member = await register(url());
        const results = await request<UserSummary[]>(
          url(),
          'GET',
          `/api/users?q=${tag.toUpperCase()}&limit=5`,
          {
            token: member.accessToken,
          },
        );
        expect(results.status).toBe(200);
        expect(results.body).toEqual([
          {
            id: found.user.id,
            username: found.user.username,
            displayName: found.user.displayName,
            avatarUrl: null,
          },
        ]);

        const admin = await register(url(), { ...newUser(), email: 'Boss@Admins.example' });
        expect(admin.user.role).toBe('admin');
        const adminView = await request<User[]>(url(), 'GET', `/api/users?q=${tag}`, {
          token: admin.accessToken,
        });
        expect(adminView.body[0]?.email).toBe(found.user.email);
      });

      it('validates the query', async () => {
        const member = await register(url());
        const response = await request(url(), 'GET', '/api/users?limit=1000', { token: member.accessToken });
        expect(expectError(response, 400, 'VALIDATION_FAILED').message).toContain('limit');
      });
    });
  },
  { env: { ADMIN_EMAILS: 'boss@admins.example' } },
);
