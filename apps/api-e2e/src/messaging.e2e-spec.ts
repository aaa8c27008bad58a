import type {
  Channel,
  ChangesPage,
  Message,
  MessageDeleted,
  MessagePage,
  SyncResult,
} from '@supchat/contracts';
import { allMessages, channel, post, users } from './support/chat';
import type { ApiServer } from '@supchat/testing';
import { startApiServer } from '@supchat/testing';
import { describeEachEngine } from './support/engines';
import { expectError, request } from './support/http';
import { closeAllSockets, connectClient, emitWithAck, expectOk, settle } from './support/sockets';

describeEachEngine('messaging', (subject) => {
  const url = () => subject.server().baseUrl;

  afterEach(() => closeAllSockets());

  it('delivers a message: message-sent to the sending socket, new-message to everyone else, one ack', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const aliceTab1 = await connectClient(url(), alice.accessToken);
    const aliceTab2 = await connectClient(url(), alice.accessToken);
    const bobClient = await connectClient(url(), bob.accessToken);
    expect(bobClient.ready.channelIds).toContain(room.id);

    const ack = await emitWithAck<Message>(aliceTab1.socket, 'send-message', {
      channelId: room.id,
      content: '  hello @' + bob.user.username + '  ',
      clientMessageId: 'c-1',
    });
    const message = expectOk(ack);
    expect(message).toMatchObject({
      channelId: room.id,
      seq: 1,
      rev: 1,
      authorId: alice.user.id,
      author: { id: alice.user.id, username: alice.user.username },
      content: `hello @${bob.user.username}`,
      mentions: [bob.user.id],
      mentionsChannel: false,
      clientMessageId: 'c-1',
      deletedAt: null,
    });

    expect(await aliceTab1.waitFor('message-sent')).toEqual(message);
    expect(await aliceTab2.waitFor('new-message')).toEqual(message);
    expect(await bobClient.waitFor('new-message')).toEqual(message);
    await settle();
    expect(aliceTab1.received('new-message')).toEqual([]);
    expect(aliceTab2.received('message-sent')).toEqual([]);
    expect(bobClient.received('new-message')).toHaveLength(1);
  });

  it('broadcasts a message posted over REST to every socket, the author’s included', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const aliceClient = await connectClient(url(), alice.accessToken);
    const bobClient = await connectClient(url(), bob.accessToken);
    const message = await post(url(), alice, room.id, 'from an integration');
    expect(await aliceClient.waitFor('new-message')).toEqual(message);
    expect(await bobClient.waitFor('new-message')).toEqual(message);
  });

  it('makes one message of a retried send, over the socket and over REST, and broadcasts it once', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const aliceClient = await connectClient(url(), alice.accessToken);
    const bobClient = await connectClient(url(), bob.accessToken);
    const payload = { channelId: room.id, content: 'once', clientMessageId: 'retry-me' };
    const acks = await Promise.all([
      emitWithAck<Message>(aliceClient.socket, 'send-message', payload),
      emitWithAck<Message>(aliceClient.socket, 'send-message', payload),
    ]);
    const third = await emitWithAck<Message>(aliceClient.socket, 'send-message', {
      ...payload,
      content: 'changed',
    });
    const ids = [...acks, third].map((ack) => expectOk(ack).id);
    expect(new Set(ids).size).toBe(1);

    const restFirst = await request<Message>(url(), 'POST', `/api/channels/${room.id}/messages`, {
      token: alice.accessToken,
      body: { content: 'rest', clientMessageId: 'rest-1' },
    });
    const restAgain = await request<Message>(url(), 'POST', `/api/channels/${room.id}/messages`, {
      token: alice.accessToken,
      body: { content: 'rest', clientMessageId: 'rest-1' },
    });
    expect([restFirst.status, restAgain.status]).toEqual([201, 200]);
    expect(restAgain.body.id).toBe(restFirst.body.id);

    await settle();
    expect(bobClient.received('new-message').map((message) => message.id)).toEqual([
      ids[0],
      restFirst.body.id,
    ]);
    expect((await allMessages(url(), alice, room.id)).map((message) => message.content)).toEqual([
      'once',
      'rest',
    ]);
  });

  it('refuses a clientMessageId already used in another channel with CONFLICT, storing nothing', async () => {
    const [alice] = await users(url(), 1);
    const first = await channel(url(), alice);
    const second = await channel(url(), alice);
    const client = await connectClient(url(), alice.accessToken);
    expectOk(
      await emitWithAck(client.socket, 'send-message', {
        channelId: first.id,
        content: 'a',
        clientMessageId: 'x-1',
      }),
    );
    const reused = await emitWithAck(client.socket, 'send-message', {
      channelId: second.id,
      content: 'b',
      clientMessageId: 'x-1',
    });
    expect(reused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { field: 'clientMessageId' } },
    });
    expectError(
      await request(url(), 'POST', `/api/channels/${second.id}/messages`, {
        token: alice.accessToken,
        body: { content: 'b', clientMessageId: 'x-1' },
      }),
      409,
      'CONFLICT',
    );
    expect(await allMessages(url(), alice, second.id)).toEqual([]);
  });

  it('ignores events that need an ack but came without one: nothing is stored or broadcast', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const aliceClient = await connectClient(url(), alice.accessToken);
    const bobClient = await connectClient(url(), bob.accessToken);
    const untyped = aliceClient.socket as unknown as { emit(event: string, payload: unknown): void };
    untyped.emit('send-message', { channelId: room.id, content: 'no ack', clientMessageId: 'n-1' });
    untyped.emit('delete-message', { messageId: room.id });
    // Acks are optional for typing: it goes through.
    aliceClient.socket.emit('typing', { channelId: room.id, isTyping: true });
    await bobClient.waitFor('typing', (event) => event.isTyping);
    await settle();
    expect(bobClient.received('new-message')).toEqual([]);
    expect(await allMessages(url(), alice, room.id)).toEqual([]);
  });

  it('sends edits and deletions to everyone, with the author-only and moderator rules', async () => {
    const [alice, bob, carol] = await users(url(), 3);
    const room = await channel(url(), alice, [bob, carol]);
    const bobClient = await connectClient(url(), bob.accessToken);
    const carolClient = await connectClient(url(), carol.accessToken);
    const bobMessage = expectOk(
      await emitWithAck<Message>(bobClient.socket, 'send-message', {
        channelId: room.id,
        content: 'tpyo',
        clientMessageId: 'b-1',
      }),
    );

    const notAuthor = await emitWithAck(carolClient.socket, 'edit-message', {
      messageId: bobMessage.id,
      content: 'x',
    });
    expect(notAuthor).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const edited = expectOk(
      await emitWithAck<Message>(bobClient.socket, 'edit-message', {
        messageId: bobMessage.id,
        content: 'typo',
      }),
    );
    expect(edited).toMatchObject({
      id: bobMessage.id,
      seq: bobMessage.seq,
      rev: bobMessage.rev + 1,
      content: 'typo',
    });
    expect(edited.editedAt).not.toBeNull();
    expect(await carolClient.waitFor('message-updated')).toEqual(edited);
    expect(await bobClient.waitFor('message-updated')).toEqual(edited);

    // A plain member cannot delete somebody else's message; the channel owner can.
    const byMember = await request(url(), 'DELETE', `/api/messages/${bobMessage.id}`, {
      token: carol.accessToken,
    });
    expectError(byMember, 403, 'FORBIDDEN');
    const byOwner = await request<MessageDeleted>(url(), 'DELETE', `/api/messages/${bobMessage.id}`, {
      token: alice.accessToken,
    });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body).toEqual({ id: bobMessage.id, channelId: room.id, rev: edited.rev + 1 });
    expect(await carolClient.waitFor('message-deleted')).toEqual(byOwner.body);

    const tombstone = await request<Message>(url(), 'GET', `/api/messages/${bobMessage.id}`, {
      token: carol.accessToken,
    });
    expect(tombstone.body).toMatchObject({ content: '', mentions: [], rev: edited.rev + 1 });
    expect(tombstone.body.deletedAt).not.toBeNull();
    const editDeleted = await emitWithAck(bobClient.socket, 'edit-message', {
      messageId: bobMessage.id,
      content: 'back',
    });
    expect(editDeleted).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a non-member everywhere in a channel, reading included', async () => {
    const [alice, mallory] = await users(url(), 2);
    const publicRoom = await channel(url(), alice);
    const privateRoom = await channel(url(), alice, [], 'private');
    const message = await post(url(), alice, publicRoom.id, 'members only');
    const malloryClient = await connectClient(url(), mallory.accessToken);
    expect(malloryClient.ready.channelIds).toEqual([]);

    const token = mallory.accessToken;
    for (const [method, path, body] of [
      ['GET', `/api/channels/${publicRoom.id}/messages`],
      ['GET', `/api/channels/${publicRoom.id}/changes?sinceRev=0`],
      ['GET', `/api/channels/${publicRoom.id}/members`],
      ['POST', `/api/channels/${publicRoom.id}/messages`, { content: 'hi' }],
      ['GET', `/api/messages/${message.id}`],
      ['PATCH', `/api/messages/${message.id}`, { content: 'mine now' }],
      ['DELETE', `/api/messages/${message.id}`],
      ['GET', `/api/channels/${privateRoom.id}`],
      ['POST', `/api/channels/${privateRoom.id}/join`],
      ['POST', `/api/channels/${privateRoom.id}/members`, { userId: mallory.user.id }],
      ['PATCH', `/api/channels/${publicRoom.id}`, { topic: 'hijacked' }],
      ['POST', `/api/channels/${publicRoom.id}/archive`],
    ] as const) {
      expectError(await request(url(), method, path, { token, body }), 403, 'FORBIDDEN');
    }
    for (const [event, payload] of [
      ['send-message', { channelId: publicRoom.id, content: 'hi', clientMessageId: 'm-1' }],
      ['edit-message', { messageId: message.id, content: 'x' }],
      ['delete-message', { messageId: message.id }],
      ['sync', { channels: [{ channelId: publicRoom.id, sinceRev: 0 }] }],
    ] as const) {
      expect(await emitWithAck(malloryClient.socket, event, payload)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    // A public channel's card is visible, its messages are not.
    expect((await request<Channel>(url(), 'GET', `/api/channels/${publicRoom.id}`, { token })).status).toBe(
      200,
    );
    expect((await allMessages(url(), alice, publicRoom.id)).map((m) => m.content)).toEqual(['members only']);
  });

  it('lets a client that was offline catch up creates, edits and deletes through sync and /changes', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const first = await post(url(), alice, room.id, 'before bob left');
    const bobClient = await connectClient(url(), bob.accessToken);
    const seenRev = expectOk(
      await emitWithAck<SyncResult>(bobClient.socket, 'sync', {
        channels: [{ channelId: room.id, sinceRev: 0 }],
      }),
    ).channels[0].lastRev;
    expect(seenRev).toBe(first.rev);
    bobClient.socket.disconnect();

    const second = await post(url(), alice, room.id, 'while bob was away');
    await request(url(), 'PATCH', `/api/messages/${first.id}`, {
      token: alice.accessToken,
      body: { content: 'edited' },
    });
    await request(url(), 'DELETE', `/api/messages/${second.id}`, { token: alice.accessToken });
    const third = await post(url(), alice, room.id, 'last');

    const back = await connectClient(url(), bob.accessToken);
    const sync = expectOk(
      await emitWithAck<SyncResult>(back.socket, 'sync', {
        channels: [{ channelId: room.id, sinceRev: seenRev }],
      }),
    ).channels[0];
    expect(sync.hasMore).toBe(false);
    expect(sync.lastRev).toBe(third.rev);
    expect(sync.messages.map((message) => [message.id, message.content, message.deletedAt !== null])).toEqual(
      [
        [first.id, 'edited', false],
        [second.id, '', true],
        [third.id, 'last', false],
      ],
    );

    const changes = await request<ChangesPage>(
      url(),
      'GET',
      `/api/channels/${room.id}/changes?sinceRev=${seenRev}&limit=2`,
      {
        token: bob.accessToken,
      },
    );
    expect(changes.body.messages).toHaveLength(2);
    expect(changes.body.hasMore).toBe(true);
    const rest = await request<ChangesPage>(
      url(),
      'GET',
      `/api/channels/${room.id}/changes?sinceRev=${changes.body.lastRev}`,
      { token: bob.accessToken },
    );
    expect(rest.body).toMatchObject({ hasMore: false, lastRev: third.rev });
    expect(rest.body.messages.map((message) => message.id)).toEqual([third.id]);
  });

  it('pages history back and forth, leaving thread replies out of the timeline', async () => {
    const [alice] = await users(url(), 1);
    const room = await channel(url(), alice);
    const sent: Message[] = [];
    for (let index = 1; index <= 5; index += 1) sent.push(await post(url(), alice, room.id, `m${index}`));
    const reply = await request<Message>(url(), 'POST', `/api/channels/${room.id}/messages`, {
      token: alice.accessToken,
      body: { content: 'in thread', parentId: sent[0].id },
    });
    expect(reply.body.parentId).toBe(sent[0].id);

    const latest = await request<MessagePage>(url(), 'GET', `/api/channels/${room.id}/messages?limit=2`, {
      token: alice.accessToken,
    });
    expect(latest.body.messages.map((message) => message.content)).toEqual(['m4', 'm5']);
    expect(latest.body.hasMore).toBe(true);
    const older = await request<MessagePage>(
      url(),
      'GET',
      `/api/channels/${room.id}/messages?before=${latest.body.messages[0].seq}&limit=10`,
      { token: alice.accessToken },
    );
    expect(older.body).toMatchObject({ hasMore: false });
    expect(older.body.messages.map((message) => message.content)).toEqual(['m1', 'm2', 'm3']);
    const newer = await request<MessagePage>(
      url(),
      'GET',
      `/api/channels/${room.id}/messages?after=${sent[2].seq}`,
      {
        token: alice.accessToken,
      },
    );
    expect(newer.body.messages.map((message) => message.content)).toEqual(['m4', 'm5']);

    // A reply to a reply, to another channel's message, or to nothing is refused.
    const other = await channel(url(), alice);
    for (const parentId of [
      reply.body.id,
      (await post(url(), alice, other.id, 'elsewhere')).id,
      '0123456789abcdef01234567',
    ]) {
      const refused = await request(url(), 'POST', `/api/channels/${room.id}/messages`, {
        token: alice.accessToken,
        body: { content: 'nested', parentId },
      });
      expect([400, 404]).toContain(refused.status);
    }
    const bothCursors = await request(url(), 'GET', `/api/channels/${room.id}/messages?before=3&after=1`, {
      token: alice.accessToken,
    });
    expectError(bothCursors, 400, 'VALIDATION_FAILED');
  });

  it('never stores a reply after its parent was deleted, however close together the two come', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const parents: Message[] = [];
    for (let index = 0; index < 20; index += 1) parents.push(await post(url(), alice, room.id, `p${index}`));
    const outcomes = await Promise.all(
      parents.map(async (parent, index) => {
        const [reply, deletion] = await Promise.all([
          request<Message>(url(), 'POST', `/api/channels/${room.id}/messages`, {
            token: bob.accessToken,
            body: { content: `r${index}`, parentId: parent.id },
          }),
          request<MessageDeleted>(url(), 'DELETE', `/api/messages/${parent.id}`, {
            token: alice.accessToken,
          }),
        ]);
        expect(deletion.status).toBe(200);
        return { reply, deletedAt: deletion.body.rev };
      }),
    );
    for (const { reply, deletedAt } of outcomes) {
      if (reply.status === 201) expect(reply.body.rev).toBeLessThan(deletedAt);
      else expectError(reply, 404, 'NOT_FOUND');
    }
  });

  it('answers a retried reply with the stored one even after its parent was deleted', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const parent = await post(url(), alice, room.id, 'soon gone');
    const body = { content: 'stored before the delete', parentId: parent.id, clientMessageId: 'retry-1' };
    const first = await request<Message>(url(), 'POST', `/api/channels/${room.id}/messages`, {
      token: bob.accessToken,
      body,
    });
    expect(first.status).toBe(201);
    await request(url(), 'DELETE', `/api/messages/${parent.id}`, { token: alice.accessToken });
    const again = await request<Message>(url(), 'POST', `/api/channels/${room.id}/messages`, {
      token: bob.accessToken,
      body,
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // A new reply to the deleted parent is still refused.
    const fresh = await request(url(), 'POST', `/api/channels/${room.id}/messages`, {
      token: bob.accessToken,
      body: { ...body, clientMessageId: 'retry-2' },
    });
    expectError(fresh, 404, 'NOT_FOUND');
  });

  it('notifies mentioned members, everybody on @channel, and the other side of a direct conversation', async () => {
    const [alice, bob, carol, outsider] = await users(url(), 4);
    const room = await channel(url(), alice, [bob, carol]);
    const bobClient = await connectClient(url(), bob.accessToken);
    const carolClient = await connectClient(url(), carol.accessToken);
    const outsiderClient = await connectClient(url(), outsider.accessToken);

    const mention = await post(
      url(),
      alice,
      room.id,
      `@${bob.user.username} and @${outsider.user.username}, look`,
    );
    expect(mention.mentions).toEqual([bob.user.id]);
    expect(await bobClient.waitFor('notification')).toEqual({
      kind: 'mention',
      channelId: room.id,
      messageId: mention.id,
      from: mention.author,
      preview: mention.content,
    });
    const everyone = await post(url(), alice, room.id, '@channel standup in 5');
    expect(everyone.mentionsChannel).toBe(true);
    await carolClient.waitFor('notification', (event) => event.messageId === everyone.id);

    const direct = await request<Channel>(url(), 'POST', '/api/channels/direct', {
      token: alice.accessToken,
      body: { userIds: [carol.user.id] },
    });
    const dm = await post(url(), alice, direct.body.id, 'psst');
    expect(await carolClient.waitFor('notification', (event) => event.messageId === dm.id)).toMatchObject({
      kind: 'direct',
    });
    await settle();
    expect(outsiderClient.received('notification')).toEqual([]);
    expect(bobClient.received('notification').map((event) => event.messageId)).toEqual([
      mention.id,
      everyone.id,
    ]);
  });

  it('answers RATE_LIMITED with retryAfterMs once a user sends faster than the bucket allows', async () => {
    const server = await subject.start({ env: { MESSAGE_RATE_PER_SECOND: '1', MESSAGE_RATE_BURST: '3' } });
    const [alice] = await users(server.baseUrl, 1);
    const room = await channel(server.baseUrl, alice);
    const client = await connectClient(server.baseUrl, alice.accessToken);
    const acks = [];
    for (let index = 0; index < 5; index += 1) {
      acks.push(
        await emitWithAck(client.socket, 'send-message', {
          channelId: room.id,
          content: `m${index}`,
          clientMessageId: `r${index}`,
        }),
      );
    }
    expect(acks.slice(0, 3).every((ack) => ack.ok)).toBe(true);
    const limited = acks[3];
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const retryAfterMs = !limited.ok ? (limited.error.details?.['retryAfterMs'] as number) : 0;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(1000);
    const rest = await request(server.baseUrl, 'POST', `/api/channels/${room.id}/messages`, {
      token: alice.accessToken,
      body: { content: 'rest too' },
    });
    expectError(rest, 429, 'RATE_LIMITED');
    expect(rest.headers.get('retry-after')).toBe('1');
    expect(await allMessages(server.baseUrl, alice, room.id)).toHaveLength(3);
  });

  it('answers unknown events NOT_FOUND and malformed payloads VALIDATION_FAILED, and keeps serving', async () => {
    const [alice] = await users(url(), 1);
    const room = await channel(url(), alice);
    const client = await connectClient(url(), alice.accessToken);
    expect(await emitWithAck(client.socket, 'no-such-event', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    for (const payload of [
      'text',
      42,
      null,
      [],
      { channelId: room.id },
      { channelId: { $gt: '' }, content: 'x', clientMessageId: 'a' },
    ]) {
      expect(await emitWithAck(client.socket, 'send-message', payload)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    const tooLong = await emitWithAck(client.socket, 'send-message', {
      channelId: room.id,
      content: 'x'.repeat(4001),
      clientMessageId: 'long',
    });
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'content' }] } },
    });
    expect(
      expectOk(
        await emitWithAck<Message>(client.socket, 'send-message', {
          channelId: room.id,
          content: 'x'.repeat(4000),
          clientMessageId: 'max',
        }),
      ).content,
    ).toHaveLength(4000);
  });
});

describe('sync size', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({
      env: { MESSAGE_RATE_PER_SECOND: '100000', MESSAGE_RATE_BURST: '100000' },
    });
  });

  afterEach(() => closeAllSockets());
  afterAll(() => server?.stop());

  it('refuses a sync naming a channel twice, and caps a reply at 1000 messages, the rest left for asking again', async () => {
    const [alice] = await users(server.baseUrl, 1);
    const rooms = [];
    for (let index = 0; index < 6; index += 1) rooms.push(await channel(server.baseUrl, alice));
    const client = await connectClient(server.baseUrl, alice.accessToken);
    const twice = await emitWithAck(client.socket, 'sync', {
      channels: [
        { channelId: rooms[0].id, sinceRev: 0 },
        { channelId: rooms[0].id, sinceRev: 0 },
      ],
    });
    expect(twice).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'channels' }] } },
    });

    // 6 channels of 200 messages: more than one reply holds.
    await Promise.all(
      rooms.flatMap((room) =>
        Array.from({ length: 200 }, (_, index) =>
          emitWithAck(client.socket, 'send-message', {
            channelId: room.id,
            content: `m${index}`,
            clientMessageId: `${room.id}-${index}`,
          }).then(expectOk),
        ),
      ),
    );
    const ask = (cursors: Map<string, number>) =>
      emitWithAck<SyncResult>(client.socket, 'sync', {
        channels: [...cursors].map(([channelId, sinceRev]) => ({ channelId, sinceRev })),
      }).then(expectOk);
    const cursors = new Map(rooms.map((room) => [room.id, 0]));
    const first = await ask(cursors);
    const total = first.channels.reduce((sum, entry) => sum + entry.messages.length, 0);
    expect(total).toBe(1000);
    expect(first.channels.map((entry) => entry.messages.length)).toEqual([200, 200, 200, 200, 200, 0]);
    expect(first.channels[5]).toMatchObject({ lastRev: 0, hasMore: true });
    // Asking again from where each channel got to brings the rest.
    for (const entry of first.channels) cursors.set(entry.channelId, entry.lastRev);
    const second = await ask(cursors);
    expect(second.channels.map((entry) => entry.messages.length)).toEqual([0, 0, 0, 0, 0, 200]);
    expect(second.channels.every((entry) => !entry.hasMore)).toBe(true);
  });
});
