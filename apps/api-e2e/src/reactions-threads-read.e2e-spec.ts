import type { AuthResponse, Channel, Message, MessagePage, ReadState } from '@supchat/contracts';
import { allMessages, channel, post, users } from './support/chat';
import { describeEachEngine } from './support/engines';
import { expectError, request } from './support/http';
import { closeAllSockets, connectClient, emitWithAck, expectOk, settle } from './support/sockets';

describeEachEngine(
  'reactions',
  (subject) => {
    const url = () => subject.server().baseUrl;

    afterEach(() => closeAllSockets());

    it('toggles emoji and shortcodes, moves rev and broadcasts message-updated', async () => {
      const [alice, bob] = await users(url(), 2);
      const room = await channel(url(), alice, [bob]);
      const message = await post(url(), alice, room.id, 'react to me');
      const bobClient = await connectClient(url(), bob.accessToken);
      const aliceClient = await connectClient(url(), alice.accessToken);

      const emoji = ['👍🏽', '👩‍👩‍👧‍👦', '🇯🇵', '1️⃣', ':party_parrot:'];
      for (const [index, value] of emoji.entries()) {
        const reacted = expectOk(
          await emitWithAck<Message>(bobClient.socket, 'toggle-reaction', {
            messageId: message.id,
            emoji: value,
          }),
        );
        expect(reacted.rev).toBe(message.rev + index + 1);
      }
      const updated = await aliceClient.waitFor(
        'message-updated',
        (m) => m.reactions.length === emoji.length,
      );
      expect(updated.reactions).toEqual(
        emoji.map((value) => ({ emoji: value, userIds: [bob.user.id], count: 1 })),
      );

      const off = expectOk(
        await emitWithAck<Message>(bobClient.socket, 'toggle-reaction', {
          messageId: message.id,
          emoji: '👍🏽',
        }),
      );
      expect(off.reactions.map((reaction) => reaction.emoji)).not.toContain('👍🏽');

      const put = await request<Message>(
        url(),
        'PUT',
        `/api/messages/${message.id}/reactions/${encodeURIComponent('🎉')}`,
        {
          token: alice.accessToken,
        },
      );
      expect(put.status).toBe(200);
      const again = await request<Message>(
        url(),
        'PUT',
        `/api/messages/${message.id}/reactions/${encodeURIComponent('🎉')}`,
        {
          token: alice.accessToken,
        },
      );
      expect(again.body.rev).toBe(put.body.rev);
      const removed = await request<Message>(
        url(),
        'DELETE',
        `/api/messages/${message.id}/reactions/${encodeURIComponent('🎉')}`,
        {
          token: alice.accessToken,
        },
      );
      expect(removed.body.reactions.find((reaction) => reaction.emoji === '🎉')).toBeUndefined();
    });

    it('refuses anything that is not one emoji or a :shortcode: of up to 32 characters', async () => {
      const [alice] = await users(url(), 1);
      const room = await channel(url(), alice);
      const message = await post(url(), alice, room.id, 'x');
      const client = await connectClient(url(), alice.accessToken);
      for (const emoji of [
        'a',
        '👍👍',
        'hello',
        ':x y:',
        `:${'a'.repeat(33)}:`,
        '',
        '<script>',
        { $gt: '' },
      ]) {
        expect(
          await emitWithAck(client.socket, 'toggle-reaction', { messageId: message.id, emoji }),
        ).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED' },
        });
      }
      expectError(
        await request(url(), 'PUT', `/api/messages/${message.id}/reactions/nope`, {
          token: alice.accessToken,
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('caps a message at 50 distinct reactions', async () => {
      const [alice] = await users(url(), 1);
      const room = await channel(url(), alice);
      const message = await post(url(), alice, room.id, 'many');
      for (let index = 0; index < 50; index += 1) {
        const response = await request(url(), 'PUT', `/api/messages/${message.id}/reactions/:r${index}:`, {
          token: alice.accessToken,
        });
        expect(response.status).toBe(200);
      }
      const overflow = await request(url(), 'PUT', `/api/messages/${message.id}/reactions/:one-more:`, {
        token: alice.accessToken,
      });
      expect(expectError(overflow, 409, 'CONFLICT').details).toEqual({ limit: 50 });
    });

    it('loses no toggle when fifty users react with the same emoji at the same moment', async () => {
      const people = await users(url(), 50);
      const room = await channel(url(), people[0], people.slice(1));
      const message = await post(url(), people[0], room.id, 'everyone, react!');
      const clients = await Promise.all(people.map((person) => connectClient(url(), person.accessToken)));
      const acks = await Promise.all(
        clients.map((client) =>
          emitWithAck(client.socket, 'toggle-reaction', { messageId: message.id, emoji: '🔥' }),
        ),
      );
      expect(acks.every((ack) => ack.ok)).toBe(true);
      const final = await request<Message>(url(), 'GET', `/api/messages/${message.id}`, {
        token: people[1].accessToken,
      });
      expect(final.body.reactions).toHaveLength(1);
      expect(final.body.reactions[0].count).toBe(50);
      expect([...final.body.reactions[0].userIds].sort()).toEqual(
        people.map((person) => person.user.id).sort(),
      );
      expect(final.body.rev).toBe(message.rev + 50);

      // Half of them take it back, at once.
      await Promise.all(
        clients
          .slice(0, 25)
          .map((client) =>
            emitWithAck(client.socket, 'toggle-reaction', { messageId: message.id, emoji: '🔥' }),
          ),
      );
      const after = await request<Message>(url(), 'GET', `/api/messages/${message.id}`, {
        token: people[1].accessToken,
      });
      expect(after.body.reactions[0].count).toBe(25);
    }, 60_000);
  },
  { env: { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_RATE_BURST: '1000' } },
);

describeEachEngine('threads', (subject) => {
  const url = () => subject.server().baseUrl;

  afterEach(() => closeAllSockets());

  it('counts replies on the parent, broadcasts its update, notifies mentions and keeps replies out of the timeline', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const parent = await post(url(), alice, room.id, 'thread starter');
    const aliceClient = await connectClient(url(), alice.accessToken);
    const bobClient = await connectClient(url(), bob.accessToken);

    const reply = expectOk(
      await emitWithAck<Message>(bobClient.socket, 'send-message', {
        channelId: room.id,
        content: `@${alice.user.username} replying`,
        clientMessageId: 'reply-1',
        parentId: parent.id,
      }),
    );
    expect(reply.parentId).toBe(parent.id);
    const parentUpdate = await aliceClient.waitFor('message-updated', (m) => m.id === parent.id);
    expect(parentUpdate).toMatchObject({ replyCount: 1, rev: reply.rev + 1, lastReplyAt: reply.createdAt });
    await aliceClient.waitFor('notification', (event) => event.messageId === reply.id);
    await post(url(), alice, room.id, 'top level');

    const timeline = await request<MessagePage>(url(), 'GET', `/api/channels/${room.id}/messages`, {
      token: bob.accessToken,
    });
    expect(timeline.body.messages.map((m) => m.content)).toEqual(['thread starter', 'top level']);
    const thread = await request<MessagePage>(url(), 'GET', `/api/messages/${parent.id}/replies`, {
      token: bob.accessToken,
    });
    expect(thread.body.messages.map((m) => m.id)).toEqual([reply.id]);
    // Catch-up includes replies.
    expect((await allMessages(url(), bob, room.id)).map((m) => m.id)).toContain(reply.id);
  });

  it('keeps a thread readable after its parent is deleted and un-counts deleted replies', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const parent = await post(url(), alice, room.id, 'parent');
    const replyOf = (content: string) =>
      request<Message>(url(), 'POST', `/api/channels/${room.id}/messages`, {
        token: bob.accessToken,
        body: { content, parentId: parent.id },
      });
    const first = await replyOf('first');
    await replyOf('second');
    await request(url(), 'DELETE', `/api/messages/${first.body.id}`, { token: bob.accessToken });
    expect(
      (await request<Message>(url(), 'GET', `/api/messages/${parent.id}`, { token: bob.accessToken })).body
        .replyCount,
    ).toBe(1);

    await request(url(), 'DELETE', `/api/messages/${parent.id}`, { token: alice.accessToken });
    const thread = await request<MessagePage>(url(), 'GET', `/api/messages/${parent.id}/replies`, {
      token: bob.accessToken,
    });
    expect(thread.status).toBe(200);
    expect(thread.body.messages.map((m) => [m.content, m.deletedAt !== null])).toEqual([
      ['', true],
      ['second', false],
    ]);
    // Nobody can reply to a deleted parent.
    expect((await replyOf('late')).status).toBe(404);
  });
});

describeEachEngine('read state', (subject) => {
  const url = () => subject.server().baseUrl;

  afterEach(() => closeAllSockets());

  const myChannel = async (session: AuthResponse, channelId: string) =>
    (await request<Channel[]>(url(), 'GET', '/api/channels', { token: session.accessToken })).body.find(
      (entry) => entry.id === channelId,
    );

  it('counts unread messages and mentions, not your own, and follows edits and deletes', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    await post(url(), alice, room.id, 'one');
    const mention = await post(url(), alice, room.id, `hey @${bob.user.username}`);
    const doomed = await post(url(), alice, room.id, 'to be deleted');
    await post(url(), bob, room.id, 'my own');
    expect(await myChannel(bob, room.id)).toMatchObject({ unreadCount: 3, mentionCount: 1, lastReadSeq: 0 });
    expect(await myChannel(alice, room.id)).toMatchObject({ unreadCount: 1, mentionCount: 0 });

    await request(url(), 'DELETE', `/api/messages/${doomed.id}`, { token: alice.accessToken });
    await request(url(), 'PATCH', `/api/messages/${mention.id}`, {
      token: alice.accessToken,
      body: { content: 'hey you' },
    });
    expect(await myChannel(bob, room.id)).toMatchObject({ unreadCount: 2, mentionCount: 0 });
  });

  it('marks read over the socket and REST, never backwards, and tells the other tabs', async () => {
    const [alice, bob] = await users(url(), 2);
    const room = await channel(url(), alice, [bob]);
    const first = await post(url(), alice, room.id, 'one');
    const second = await post(url(), alice, room.id, 'two');
    const tab1 = await connectClient(url(), bob.accessToken);
    const tab2 = await connectClient(url(), bob.accessToken);

    const state = expectOk(
      await emitWithAck<ReadState>(tab1.socket, 'mark-read', { channelId: room.id, seq: second.seq }),
    );
    expect(state).toEqual({ channelId: room.id, lastReadSeq: second.seq, unreadCount: 0, mentionCount: 0 });
    expect(await tab2.waitFor('read-state')).toEqual(state);
    expect(await tab1.waitFor('read-state')).toEqual(state);

    const backwards = await request<ReadState>(url(), 'POST', `/api/channels/${room.id}/read`, {
      token: bob.accessToken,
      body: { seq: first.seq },
    });
    expect(backwards.body.lastReadSeq).toBe(second.seq);
    const third = await post(url(), alice, room.id, 'three');
    expect(await myChannel(bob, room.id)).toMatchObject({ unreadCount: 1, lastReadSeq: second.seq });
    const rest = await request<ReadState>(url(), 'POST', `/api/channels/${room.id}/read`, {
      token: bob.accessToken,
      body: { seq: third.seq + 100 },
    });
    expect(rest.body).toMatchObject({ lastReadSeq: third.seq, unreadCount: 0 });
    await tab2.waitFor('read-state', (event) => event.lastReadSeq === third.seq);

    const outsider = (await users(url(), 1))[0];
    expectError(
      await request(url(), 'POST', `/api/channels/${room.id}/read`, {
        token: outsider.accessToken,
        body: { seq: 1 },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await request(url(), 'POST', `/api/channels/${room.id}/read`, {
        token: bob.accessToken,
        body: { seq: -1 },
      }),
      400,
      'VALIDATION_FAILED',
    );
    await settle();
  });
});
