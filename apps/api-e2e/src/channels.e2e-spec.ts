import type { AuthResponse, Channel, ChannelMember } from '@supchat/contracts';
import { channel, post, users } from './support/chat';
import { describeEachEngine } from './support/engines';
import { expectError, request } from './support/http';
import { closeAllSockets, connectClient, emitWithAck, expectOk, settle } from './support/sockets';

describeEachEngine('channels', (subject) => {
  const url = () => subject.server().baseUrl;

  afterEach(() => closeAllSockets());

  it('creates channels with normalised unique names and lists the caller’s with zero read fields', async () => {
    const [alice, bob] = await users(url(), 2);
    const name = `Team Room ${Date.now()}`;
    const created = await request<Channel>(url(), 'POST', '/api/channels', {
      token: alice.accessToken,
      body: { name, type: 'public', topic: 'Planning', memberIds: [bob.user.id] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: name.toLowerCase().replace(/ /g, '-'),
      topic: 'Planning',
      type: 'public',
      memberCount: 2,
      lastSeq: 0,
      lastRev: 0,
      createdBy: alice.user.id,
      archivedAt: null,
      lastReadSeq: 0,
      unreadCount: 0,
      mentionCount: 0,
    });
    const again = await request(url(), 'POST', '/api/channels', {
      token: bob.accessToken,
      body: { name: name.toUpperCase(), type: 'private' },
    });
    expect(expectError(again, 409, 'CONFLICT').details).toEqual({ field: 'name' });

    const mine = await request<Channel[]>(url(), 'GET', '/api/channels', { token: bob.accessToken });
    expect(mine.body.map((entry) => entry.id)).toContain(created.body.id);

    const unknownMember = await request(url(), 'POST', '/api/channels', {
      token: alice.accessToken,
      body: { name: `x-${Date.now()}`, type: 'public', memberIds: ['0123456789abcdef01234567'] },
    });
    expectError(unknownMember, 404, 'NOT_FOUND');
    const badName = await request(url(), 'POST', '/api/channels', {
      token: alice.accessToken,
      body: { name: 'no/slashes', type: 'direct' },
    });
    const fields = (
      expectError(badName, 400, 'VALIDATION_FAILED').details?.['fields'] as { path: string }[]
    ).map((field) => field.path);
    expect(fields.sort()).toEqual(['name', 'type']);
  });

  it('browses public channels by name prefix, never private ones', async () => {
    const [alice] = await users(url(), 1);
    const tag = `zz${Date.now()}`;
    await request(url(), 'POST', '/api/channels', {
      token: alice.accessToken,
      body: { name: `${tag}-a`, type: 'public' },
    });
    await request(url(), 'POST', '/api/channels', {
      token: alice.accessToken,
      body: { name: `${tag}-b`, type: 'private' },
    });
    const found = await request<Channel[]>(url(), 'GET', `/api/channels/browse?q=${tag.toUpperCase()}`, {
      token: alice.accessToken,
    });
    expect(found.body.map((entry) => entry.name)).toEqual([`${tag}-a`]);
  });

  it('opens one direct conversation per set of people, 2 to 9 of them, and never lets anyone leave it', async () => {
    const [alice, bob, carol] = await users(url(), 3);
    const open = (session: AuthResponse, userIds: string[]) =>
      request<Channel>(url(), 'POST', '/api/channels/direct', {
        token: session.accessToken,
        body: { userIds },
      });
    const first = await open(alice, [bob.user.id]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ type: 'direct', memberCount: 2 });
    expect((await open(bob, [alice.user.id, bob.user.id])).body.id).toBe(first.body.id);
    const group = await open(carol, [bob.user.id, alice.user.id]);
    expect(group.body.id).not.toBe(first.body.id);
    expect((await open(alice, [carol.user.id, bob.user.id])).body.id).toBe(group.body.id);

    expectError(await open(alice, [alice.user.id]), 400, 'VALIDATION_FAILED');
    expectError(await open(alice, ['0123456789abcdef01234567']), 404, 'NOT_FOUND');
    const tooMany = Array.from({ length: 9 }, (_, index) => `0123456789abcdef0123456${index}`);
    expectError(await open(alice, tooMany), 400, 'VALIDATION_FAILED');
    expectError(
      await request(url(), 'POST', `/api/channels/${first.body.id}/leave`, { token: alice.accessToken }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await request(url(), 'PATCH', `/api/channels/${first.body.id}`, {
        token: alice.accessToken,
        body: { name: 'x' },
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('moves every socket of a user into and out of the room on join, invite, leave and kick', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice);
    const bobTab1 = await connectClient(url(), bob.accessToken);
    const bobTab2 = await connectClient(url(), bob.accessToken);

    const joined = await request<Channel>(url(), 'POST', `/api/channels/${room.id}/join`, {
      token: bob.accessToken,
    });
    expect(joined.body).toMatchObject({ id: room.id, memberCount: 2 });
    await bobTab1.waitFor('channel-joined', (event) => event.id === room.id);
    await bobTab2.waitFor('channel-joined', (event) => event.id === room.id);
    const hello = await post(url(), alice, room.id, 'welcome');
    await bobTab1.waitFor('new-message', (message) => message.id === hello.id);
    await bobTab2.waitFor('new-message', (message) => message.id === hello.id);

    const kicked = await request(url(), 'DELETE', `/api/channels/${room.id}/members/${bob.user.id}`, {
      token: alice.accessToken,
    });
    expect(kicked.status).toBe(204);
    await bobTab1.waitFor('channel-left', (event) => event.channelId === room.id);
    await bobTab2.waitFor('channel-left', (event) => event.channelId === room.id);
    const secret = await post(url(), alice, room.id, 'after bob left');
    await settle();
    expect(bobTab1.received('new-message').map((message) => message.id)).not.toContain(secret.id);
    expect(bobTab2.received('new-message').map((message) => message.id)).not.toContain(secret.id);

    // Invited back to a private channel by its owner.
    const privateRoom = await channel(url(), alice, [], 'private');
    const invite = await request<ChannelMember>(url(), 'POST', `/api/channels/${privateRoom.id}/members`, {
      token: alice.accessToken,
      body: { userId: bob.user.id },
    });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({ user: { id: bob.user.id }, role: 'member' });
    await bobTab1.waitFor('channel-joined', (event) => event.id === privateRoom.id);
    const inPrivate = await post(url(), alice, privateRoom.id, 'private hello');
    await bobTab2.waitFor('new-message', (message) => message.id === inPrivate.id);

    const left = await request(url(), 'POST', `/api/channels/${privateRoom.id}/leave`, {
      token: bob.accessToken,
    });
    expect(left.status).toBe(204);
    await bobTab2.waitFor('channel-left', (event) => event.channelId === privateRoom.id);
  });

  it('enforces who may invite, kick, rename and archive', async () => {
    const [alice, bob, carol, dave] = await users(url(), 4);
    const privateRoom = await channel(url(), alice, [bob, carol], 'private');
    const token = bob.accessToken;
    expectError(
      await request(url(), 'POST', `/api/channels/${privateRoom.id}/members`, {
        token,
        body: { userId: dave.user.id },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await request(url(), 'DELETE', `/api/channels/${privateRoom.id}/members/${carol.user.id}`, { token }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await request(url(), 'PATCH', `/api/channels/${privateRoom.id}`, { token, body: { topic: 'mine' } }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await request(url(), 'POST', `/api/channels/${privateRoom.id}/members`, {
        token: alice.accessToken,
        body: { userId: bob.user.id },
      }),
      409,
      'CONFLICT',
    );

    const carolClient = await connectClient(url(), carol.accessToken);
    const renamed = await request<Channel>(url(), 'PATCH', `/api/channels/${privateRoom.id}`, {
      token: alice.accessToken,
      body: { name: `renamed-${Date.now()}`, topic: 'New topic' },
    });
    expect(renamed.body).toMatchObject({ topic: 'New topic' });
    expect(await carolClient.waitFor('channel-updated')).toMatchObject({
      id: privateRoom.id,
      name: renamed.body.name,
    });
    const cleared = await request<Channel>(url(), 'PATCH', `/api/channels/${privateRoom.id}`, {
      token: alice.accessToken,
      body: { topic: null },
    });
    expect(cleared.body.topic).toBeNull();
    expectError(
      await request(url(), 'PATCH', `/api/channels/${privateRoom.id}`, {
        token: alice.accessToken,
        body: {},
      }),
      400,
      'VALIDATION_FAILED',
    );

    const before = await post(url(), carol, privateRoom.id, 'before archiving');
    const archived = await request<Channel>(url(), 'POST', `/api/channels/${privateRoom.id}/archive`, {
      token: alice.accessToken,
    });
    expect(archived.body.archivedAt).not.toBeNull();
    expectError(
      await request(url(), 'POST', `/api/channels/${privateRoom.id}/messages`, {
        token: carol.accessToken,
        body: { content: 'x' },
      }),
      403,
      'FORBIDDEN',
    );
    const history = await request<{ messages: { id: string }[] }>(
      url(),
      'GET',
      `/api/channels/${privateRoom.id}/messages`,
      {
        token: carol.accessToken,
      },
    );
    expect(history.body.messages.map((message) => message.id)).toEqual([before.id]);
    // Read-only: no renaming or new topic either.
    expectError(
      await request(url(), 'PATCH', `/api/channels/${privateRoom.id}`, {
        token: alice.accessToken,
        body: { topic: 'still here?' },
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('hands ownership to the longest-standing member when the last owner leaves', async () => {
    const [alice, bob, carol] = await users(url(), 3);
    const room = await channel(url(), alice, [bob]);
    await request(url(), 'POST', `/api/channels/${room.id}/join`, { token: carol.accessToken });
    await request(url(), 'POST', `/api/channels/${room.id}/leave`, { token: alice.accessToken });
    const members = await request<ChannelMember[]>(url(), 'GET', `/api/channels/${room.id}/members`, {
      token: bob.accessToken,
    });
    const roles = Object.fromEntries(members.body.map((member) => [member.user.id, member.role]));
    expect(roles).toEqual({ [bob.user.id]: 'owner', [carol.user.id]: 'member' });
    const page = await request<ChannelMember[]>(url(), 'GET', `/api/channels/${room.id}/members?limit=1`, {
      token: bob.accessToken,
    });
    expect(page.body).toHaveLength(1);
    const next = await request<ChannelMember[]>(
      url(),
      'GET',
      `/api/channels/${room.id}/members?limit=5&after=${page.body[0].user.id}`,
      { token: bob.accessToken },
    );
    expect(next.body).toHaveLength(1);
    expect(next.body[0].user.id).not.toBe(page.body[0].user.id);
  });

  it('cuts the sockets of a logged-out session with session-expired, and no other session', async () => {
    const [alice] = await users(url(), 1);
    const second = await request<AuthResponse>(url(), 'POST', '/api/auth/login', {
      body: { email: alice.input.email, password: alice.input.password },
    });
    const sessionA1 = await connectClient(url(), alice.accessToken);
    const sessionA2 = await connectClient(url(), alice.accessToken);
    const sessionB = await connectClient(url(), second.body.accessToken);
    const disconnected = new Promise<string>((resolve) => sessionA1.socket.once('disconnect', resolve));

    const logout = await request(url(), 'POST', '/api/auth/logout', {
      token: alice.accessToken,
      body: { refreshToken: alice.refreshToken },
    });
    expect(logout.status).toBe(204);
    await sessionA1.waitFor('session-expired');
    await sessionA2.waitFor('session-expired');
    expect(await disconnected).toBe('io server disconnect');
    await settle();
    expect(sessionB.socket.connected).toBe(true);
    expect(sessionB.received('session-expired')).toEqual([]);

    // The ended session's access token opens nothing any more, though it has not expired yet.
    await expect(connectClient(url(), alice.accessToken)).rejects.toThrow('UNAUTHORIZED');
    expectError(
      await request(url(), 'GET', '/api/users/me', { token: alice.accessToken }),
      401,
      'UNAUTHORIZED',
    );
    expect((await request(url(), 'GET', '/api/users/me', { token: second.body.accessToken })).status).toBe(
      200,
    );
  });
});

/** When an access token expires (ms since epoch), from its `exp` claim. */
function expiryOf(accessToken: string): number {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')) as {
    exp: number;
  };
  return payload.exp * 1000;
}

describeEachEngine(
  'access-token expiry on sockets',
  (subject) => {
    afterEach(() => closeAllSockets());

    it('sends session-expired and disconnects the socket when its access token expires', async () => {
      const [alice] = await users(subject.server().baseUrl, 1);
      const client = await connectClient(subject.server().baseUrl, alice.accessToken);
      const disconnected = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
      await client.waitFor('session-expired', undefined, 5_000);
      expect(await disconnected).toBe('io server disconnect');
    });

    it('keeps a socket that reauthenticates with a refreshed token past the old one expiry', async () => {
      const url = subject.server().baseUrl;
      const [alice, mallory] = await users(url, 2);
      // A token issued just now (registering two users can take a while on the emulator).
      const first = await request<AuthResponse>(url, 'POST', '/api/auth/refresh', {
        body: { refreshToken: alice.refreshToken },
      });
      const client = await connectClient(url, first.body.accessToken);
      const firstExpiry = expiryOf(first.body.accessToken);
      // Someone else's token is refused, and changes nothing.
      expect(
        await emitWithAck(client.socket, 'reauthenticate', { token: mallory.accessToken }),
      ).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHORIZED' },
      });
      expect(await emitWithAck(client.socket, 'reauthenticate', { token: 42 })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'token' }] } },
      });
      // Tokens carry whole seconds: refresh in the next one, so the new token expires later.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const refreshed = await request<AuthResponse>(url, 'POST', '/api/auth/refresh', {
        body: { refreshToken: first.body.refreshToken },
      });
      const renewed = expectOk(
        await emitWithAck<{ expiresAt: string }>(client.socket, 'reauthenticate', {
          token: refreshed.body.accessToken,
        }),
      );
      expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(firstExpiry);
      // Past the first token's expiry, the socket is still there.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstExpiry + 300 - Date.now())));
      expect(client.received('session-expired')).toEqual([]);
      expect(client.socket.connected).toBe(true);
      // Until the new token expires in turn.
      await client.waitFor('session-expired', undefined, 6_000);
    });
  },
  { env: { JWT_ACCESS_TTL: '3s' } },
);
