import { runApiServerToExit, startApiServer, TEST_JWT_SECRET } from '@supchat/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUser, register, request } from './support/http';

describe('boot and configuration', () => {
  it('refuses to start in production without JWT_SECRET, with a message naming it', async () => {
    const result = await runApiServerToExit({ NODE_ENV: 'production', SQLITE_PATH: ':memory:', PORT: '0' });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('JWT_SECRET: is required when NODE_ENV=production');
  });

  it('refuses a bad variable, naming the variable and the rule', async () => {
    const result = await runApiServerToExit({
      PORT: 'eighty',
      JWT_ACCESS_TTL: 'soon',
      SQLITE_PATH: ':memory:',
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('PORT: must be a number');
    expect(result.output).toContain('JWT_ACCESS_TTL: must be a duration');
  });

  it('starts in development without JWT_SECRET, warning that a random one is used', async () => {
    const server = await startApiServer({ env: { NODE_ENV: 'development', JWT_SECRET: undefined } });
    try {
      await server.output.waitFor(/JWT_SECRET is not set/, 5_000, 'the JWT_SECRET warning');
    } finally {
      await server.stop();
    }
  });

  it('logs JSON lines in production', async () => {
    const server = await startApiServer({ env: { NODE_ENV: 'production' } });
    try {
      const line = await server.output.waitFor(/^\{.*SUPCHAT listening.*\}$/m, 5_000, 'a JSON log line');
      expect(JSON.parse(line[0])).toMatchObject({ level: 'info', context: 'Bootstrap' });
    } finally {
      await server.stop();
    }
  });

  it('keeps registered users across a restart on the embedded SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supchat-restart-'));
    const env = { SQLITE_PATH: join(dir, 'supchat.db'), JWT_SECRET: TEST_JWT_SECRET };
    try {
      const first = await startApiServer({ env });
      const user = newUser('persist');
      await register(first.baseUrl, user);
      await first.stop();

      const second = await startApiServer({ env });
      try {
        const login = await request(second.baseUrl, 'POST', '/api/auth/login', {
          body: { email: user.email, password: user.password },
        });
        expect(login.status).toBe(200);
        // The restarted server applies no migration twice.
        expect(second.output.all).not.toContain('Applied migration');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
