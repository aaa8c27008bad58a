import type { AuthResponse, Message } from '@supchat/contracts';
import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import { channel } from './support/chat';
import { newUser, register, request } from './support/http';
import { closeAllSockets, connectClient, emitWithAck, expectOk } from './support/sockets';

/** Every line the server printed, parsed (the test fails on a line that is not JSON). */
function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${line.slice(0, 200)}`);
      }
    });
}

describe('logs', () => {
  let server: ApiServer;

  beforeAll(async () => {
    // The most verbose level: whatever any log call prints is in the capture.
    server = await startApiServer({ env: { LOG_LEVEL: 'trace' } });
  });

  afterAll(async () => {
    closeAllSockets();
    await server?.stop();
  });

  it('are JSON lines with request, socket and user ids, and never hold passwords, tokens, emails or message contents', async () => {
    const base = server.baseUrl;
    const secrets: string[] = [];
    const aliceInput = newUser('alice');
    const alice = await register(base, aliceInput);
    const bob = await register(base);
    secrets.push(
      aliceInput.password,
      aliceInput.email,
      bob.input.email,
      alice.refreshToken,
      bob.refreshToken,
    );
    secrets.push(alice.accessToken, bob.accessToken);

    // Failed and successful logins, a refresh (rotation), a refresh-token reuse.
    await request(base, 'POST', '/api/auth/login', {
      body: { email: aliceInput.email, password: 'wrong password, also secret' },
    });
    secrets.push('wrong password, also secret');
    const login = await request<AuthResponse>(base, 'POST', '/api/auth/login', {
      body: { email: aliceInput.email, password: aliceInput.password },
    });
    const refreshed = await request<AuthResponse>(base, 'POST', '/api/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    await request(base, 'POST', '/api/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    secrets.push(login.body.accessToken, login.body.refreshToken, refreshed.body.refreshToken);
    secrets.push(refreshed.body.accessToken);

    // Messages over the socket and REST, an edit, errors carrying contents, client stats.
    const room = await channel(base, alice, [bob]);
    const aliceSocket = await connectClient(base, alice.accessToken);
    const bobSocket = await connectClient(base, bob.accessToken);
    const contents = [
      'socket-secret-apricot',
      'edited-secret-bilberry',
      'rest-secret-cherry',
      'bad-secret-damson',
    ];
    secrets.push(...contents);
    const sent = expectOk(
      await emitWithAck<Message>(aliceSocket.socket, 'send-message', {
        channelId: room.id,
        content: contents[0],
        clientMessageId: 'log-1',
      }),
    );
    expectOk(
      await emitWithAck(aliceSocket.socket, 'edit-message', { messageId: sent.id, content: contents[1] }),
    );
    await request(base, 'POST', `/api/channels/${room.id}/messages`, {
      token: bob.accessToken,
      body: { content: contents[2] },
    });
    await emitWithAck(bobSocket.socket, 'send-message', { channelId: 'nope', content: contents[3] });
    await emitWithAck(bobSocket.socket, 'no-such-event', { content: contents[3], token: bob.accessToken });
    await request(base, 'POST', `/api/channels/${room.id}/messages`, {
      token: bob.accessToken,
      body: { content: contents[3], parentId: 'nope' },
    });
    expectOk(await emitWithAck(bobSocket.socket, 'client-stats', { ackRttMs: [10] }));
    await request(base, 'POST', '/api/auth/logout', {
      token: alice.accessToken,
      body: { refreshToken: alice.refreshToken },
    });
    closeAllSockets();
    await server.stop();

    const output = server.output.all;
    const lines = jsonLines(output);
    expect(lines.length).toBeGreaterThan(20);
    for (const secret of secrets) {
      expect({ secret: secret.slice(0, 16), found: output.includes(secret) }).toEqual({
        secret: secret.slice(0, 16),
        found: false,
      });
    }
    // Useful, not just silent: requests carry their request id (and user), sockets their ids.
    const completed = lines.find(
      (line) =>
        line['msg'] === 'request completed' &&
        (line['req'] as { path?: string } | undefined)?.path === `/api/channels/${room.id}/messages`,
    );
    expect(completed).toMatchObject({
      reqId: expect.any(String),
      userId: bob.user.id,
      res: { statusCode: 201 },
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'socket connected',
        socketId: expect.any(String),
        userId: alice.user.id,
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'socket disconnected', userId: bob.user.id }),
    );
  });
});
