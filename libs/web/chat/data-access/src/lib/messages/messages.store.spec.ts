import { TestBed } from '@angular/core/testing';
import type { Message, SyncResult } from '@supchat/contracts';
import type { ChatHarness } from '../../test/chat-harness';
import { ALICE, GENERAL, RANDOM, message, settle, setUpChat } from '../../test/chat-harness';
import type { FakeChatSocket } from '../testing/fake-chat-socket';
import { SYNC_RETRY_DELAY, SYNC_TIMEOUT_MS } from './catch-up';
import { MessagesStore } from './messages.store';

const aliceSummary = {
  id: ALICE.id,
  username: ALICE.username,
  displayName: ALICE.displayName,
  avatarUrl: null,
};

describe('MessagesStore', () => {
  let chat: ChatHarness;
  let store: MessagesStore;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    chat = setUpChat();
    store = TestBed.inject(MessagesStore);
  });

  afterEach(() => {
    chat.http.verify();
    jest.useRealTimers();
  });

  async function connected(): Promise<FakeChatSocket> {
    await chat.signIn();
    return chat.connect();
  }

  async function loadLatest(channelId: string, messages: Message[], hasMore = false): Promise<void> {
    const done = store.loadLatest(channelId);
    chat.http
      .expectOne(
        (request) => request.url === `/api/channels/${channelId}/messages` && !request.params.has('before'),
      )
      .flush({ messages, hasMore });
    await done;
  }

  function timelineOf(channelId = GENERAL): Message[] {
    return [...store.timeline(channelId)().messages];
  }

  function answerSync(socket: FakeChatSocket, result: SyncResult): void {
    const [request] = socket.unanswered('sync');
    request.reply({ ok: true, data: result });
  }

  describe('loading', () => {
    it('loads the newest page, keeping live events that arrive meanwhile', async () => {
      const socket = await connected();
      const done = store.loadLatest(GENERAL);
      expect(store.timeline(GENERAL)().loading).toBe(true);
      socket.serverEmit('new-message', message({ seq: 12, id: 'm12'.padEnd(24, '0') }));
      chat.http
        .expectOne((request) => request.url === `/api/channels/${GENERAL}/messages`)
        .flush({ messages: [message({ seq: 10 }), message({ seq: 11 })], hasMore: true });
      await done;
      const timeline = store.timeline(GENERAL)();
      expect(timeline.messages.map((m) => m.seq)).toEqual([10, 11, 12]);
      expect(timeline).toMatchObject({ loaded: true, loading: false, hasMoreOlder: true });
    });

    it('pages back with loadOlder until there is nothing older', async () => {
      await connected();
      await loadLatest(GENERAL, [message({ seq: 10 }), message({ seq: 11 })], true);
      const done = store.loadOlder(GENERAL);
      const request = chat.http.expectOne((r) => r.url === `/api/channels/${GENERAL}/messages`);
      expect(request.request.params.get('before')).toBe('10');
      request.flush({ messages: [message({ seq: 4 }), message({ seq: 7 })], hasMore: false });
      await done;
      expect(timelineOf().map((m) => m.seq)).toEqual([4, 7, 10, 11]);
      expect(store.timeline(GENERAL)().hasMoreOlder).toBe(false);
      await store.loadOlder(GENERAL); // nothing older: no request
    });

    it('leaves out a change to a message older than the loaded window (no hole in the timeline)', async () => {
      const socket = await connected();
      await loadLatest(GENERAL, [message({ seq: 10 })], true);
      socket.serverEmit('message-updated', message({ seq: 3, rev: 20, content: 'edited long ago' }));
      expect(timelineOf().map((m) => m.seq)).toEqual([10]);
    });

    it('puts replies in their thread, not the timeline, and follows the parent reply count', async () => {
      const socket = await connected();
      const parent = message({ seq: 10, id: 'd'.repeat(24) });
      await loadLatest(GENERAL, [parent]);
      const threadDone = store.loadThread(parent.id);
      chat.http
        .expectOne((r) => r.url === `/api/messages/${parent.id}/replies`)
        .flush({ messages: [message({ seq: 11, parentId: parent.id })], hasMore: false });
      await threadDone;

      socket.serverEmit('new-message', message({ seq: 12, parentId: parent.id }));
      socket.serverEmit('message-updated', { ...parent, rev: 13, replyCount: 2 });

      expect(timelineOf().map((m) => m.id)).toEqual([parent.id]);
      expect(timelineOf()[0].replyCount).toBe(2);
      const thread = store.thread(parent.id)();
      expect(thread.replies.map((m) => m.seq)).toEqual([11, 12]);
      expect(thread.parent?.replyCount).toBe(2);
    });

    it('keeps a deleted message as a tombstone, and ignores an older version arriving later', async () => {
      const socket = await connected();
      const original = message({ seq: 10 });
      await loadLatest(GENERAL, [original]);
      socket.serverEmit('message-deleted', { id: original.id, channelId: GENERAL, rev: 12 });
      socket.serverEmit('message-updated', { ...original, rev: 11, content: 'late edit' });
      const [tombstone] = timelineOf();
      expect(tombstone).toMatchObject({ id: original.id, rev: 12, content: '' });
      expect(tombstone.deletedAt).not.toBeNull();
    });
  });

  describe('catch-up after a reconnect', () => {
    it('syncs from the highest rev held, pages while hasMore, and merges with live events by rev', async () => {
      const socket = await connected();
      const kept = message({ seq: 10, id: 'e'.repeat(24) });
      const edited = message({ seq: 11 });
      const deleted = message({ seq: 12 });
      await loadLatest(GENERAL, [kept, edited, deleted]);
      socket.serverEmit('new-message', message({ seq: 13 }));

      socket.dropConnection();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL] });
      const [first] = socket.unanswered('sync');
      expect(first.payload).toEqual({ channels: [{ channelId: GENERAL, sinceRev: 13 }] });

      // Live events arrive before the catch-up answer, newer than what it returns for the same ids.
      const fresh = message({ seq: 16 });
      socket.serverEmit('new-message', fresh);
      socket.serverEmit('message-updated', { ...edited, rev: 17, content: 'second edit' });

      answerSync(socket, {
        channels: [
          {
            channelId: GENERAL,
            messages: [
              { ...edited, rev: 14, content: 'first edit' },
              { ...deleted, rev: 15, content: '', deletedAt: '2026-01-03T00:00:00.000Z' },
            ],
            lastRev: 15,
            hasMore: true,
          },
        ],
      });
      await settle();
      const [second] = socket.unanswered('sync');
      expect(second.payload).toEqual({ channels: [{ channelId: GENERAL, sinceRev: 15 }] });
      answerSync(socket, {
        channels: [
          { channelId: GENERAL, messages: [fresh, { ...fresh, rev: 16 }], lastRev: 16, hasMore: false },
        ],
      });
      await settle();

      const timeline = timelineOf();
      expect(timeline.map((m) => m.seq)).toEqual([10, 11, 12, 13, 16]);
      expect(new Set(timeline.map((m) => m.id)).size).toBe(5);
      expect(timeline[1]).toMatchObject({ rev: 17, content: 'second edit' });
      expect(timeline[2]).toMatchObject({ rev: 15, content: '', deletedAt: '2026-01-03T00:00:00.000Z' });

      // Caught up: the next catch-up starts after everything seen, live events included.
      socket.dropConnection();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL] });
      expect(socket.unanswered('sync')[0].payload).toEqual({
        channels: [{ channelId: GENERAL, sinceRev: 17 }],
      });
    });

    it('resumes an interrupted catch-up from the last page reached, not from live events seen meanwhile', async () => {
      const socket = await connected();
      await loadLatest(GENERAL, [message({ seq: 10 })]);
      socket.dropConnection();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL] });
      socket.serverEmit('new-message', message({ seq: 30 }));
      answerSync(socket, {
        channels: [{ channelId: GENERAL, messages: [message({ seq: 12 })], lastRev: 12, hasMore: true }],
      });
      await settle();
      socket.dropConnection(); // the second page never comes
      await settle();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL] });
      expect(socket.unanswered('sync')[0].payload).toEqual({
        channels: [{ channelId: GENERAL, sinceRev: 12 }],
      });
    });

    it('drops channels the server says the user left (FORBIDDEN) and syncs the others', async () => {
      const socket = await connected();
      await loadLatest(GENERAL, [message({ seq: 4 })]);
      await loadLatest(RANDOM, [message({ seq: 6, channelId: RANDOM })]);
      socket.dropConnection();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL] });
      const [first] = socket.unanswered('sync');
      expect(first.payload).toEqual({
        channels: [
          { channelId: GENERAL, sinceRev: 4 },
          { channelId: RANDOM, sinceRev: 6 },
        ],
      });
      first.reply({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Not a member', details: { channelIds: [RANDOM] } },
      });
      await settle();
      expect(socket.unanswered('sync')[0].payload).toEqual({
        channels: [{ channelId: GENERAL, sinceRev: 4 }],
      });
    });

    it('asks a sync that timed out again, with backoff, while the connection stays up', async () => {
      jest.useFakeTimers();
      const socket = await connected();
      await loadLatest(GENERAL, [message({ seq: 10 })]);
      socket.dropConnection();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL] });
      expect(socket.requestsOf('sync')).toHaveLength(1);

      jest.advanceTimersByTime(SYNC_TIMEOUT_MS);
      await settle();
      expect(socket.unanswered('sync')).toHaveLength(0);
      jest.advanceTimersByTime(SYNC_RETRY_DELAY.minMs * (1 + SYNC_RETRY_DELAY.jitter));
      await settle();
      const [again] = socket.unanswered('sync');
      expect(again.payload).toEqual({ channels: [{ channelId: GENERAL, sinceRev: 10 }] });

      // Refused for a passing reason: asked again too (after at least retryAfterMs).
      again.reply({
        ok: false,
        error: { code: 'RATE_LIMITED', message: 'Slow down', details: { retryAfterMs: 5_000 } },
      });
      await settle();
      jest.advanceTimersByTime(4_999);
      await settle();
      expect(socket.unanswered('sync')).toHaveLength(0);
      jest.advanceTimersByTime(1);
      await settle();
      answerSync(socket, {
        channels: [{ channelId: GENERAL, messages: [message({ seq: 11 })], lastRev: 11, hasMore: false }],
      });
      await settle();
      expect(timelineOf().map((m) => m.seq)).toEqual([10, 11]);
    });

    it('does not ask again once the connection dropped: the next ready does', async () => {
      jest.useFakeTimers();
      const socket = await connected();
      await loadLatest(GENERAL, [message({ seq: 10 })]);
      socket.dropConnection();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL] });
      jest.advanceTimersByTime(SYNC_TIMEOUT_MS);
      await settle();
      socket.dropConnection();
      jest.advanceTimersByTime(SYNC_RETRY_DELAY.maxMs);
      await settle();
      expect(socket.requestsOf('sync')).toHaveLength(1);
    });

    it('does not sync channels that were never loaded', async () => {
      const socket = await connected();
      socket.dropConnection();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL] });
      expect(socket.requestsOf('sync')).toHaveLength(0);
    });
  });

  describe('sending', () => {
    function sentPayload(socket: FakeChatSocket, index = 0): { clientMessageId: string; content: string } {
      return socket.requestsOf('send-message')[index].payload as { clientMessageId: string; content: string };
    }

    function serverCopy(clientMessageId: string, seq = 20, content = 'hello'): Message {
      return message({ seq, author: aliceSummary, clientMessageId, content });
    }

    it('shows the message as pending at once, then replaces it with the server message', async () => {
      const socket = await connected();
      await loadLatest(GENERAL, []);
      const pending = store.send(GENERAL, '  hello ');
      expect(store.timeline(GENERAL)().outgoing).toEqual([
        expect.objectContaining({
          clientMessageId: pending.clientMessageId,
          content: 'hello',
          status: 'pending',
        }),
      ]);
      const request = socket.requestsOf('send-message')[0];
      expect(request.payload).toEqual({
        channelId: GENERAL,
        content: 'hello',
        clientMessageId: pending.clientMessageId,
      });

      const stored = serverCopy(pending.clientMessageId);
      socket.serverEmit('message-sent', stored);
      request.reply({ ok: true, data: stored });
      await settle();
      const timeline = store.timeline(GENERAL)();
      expect(timeline.outgoing).toEqual([]);
      expect(timeline.messages).toEqual([stored]);
    });

    it('retries with the same clientMessageId across a disconnect; exactly one message afterwards', async () => {
      const socket = await connected();
      await loadLatest(GENERAL, []);
      const pending = store.send(GENERAL, 'hello');
      socket.dropConnection(); // the ack is lost with the connection
      await settle();
      expect(store.timeline(GENERAL)().outgoing[0].status).toBe('pending');

      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL] });
      await settle();
      const sends = socket.requestsOf('send-message');
      expect(sends).toHaveLength(2);
      expect(sentPayload(socket, 1).clientMessageId).toBe(pending.clientMessageId);

      // The first attempt had reached the server: catch-up and the retry's ack both bring the same message.
      const stored = serverCopy(pending.clientMessageId, 20);
      answerSync(socket, {
        channels: [{ channelId: GENERAL, messages: [stored], lastRev: 20, hasMore: false }],
      });
      sends[1].reply({ ok: true, data: stored });
      await settle();
      const timeline = store.timeline(GENERAL)();
      expect(timeline.messages).toEqual([stored]);
      expect(timeline.outgoing).toEqual([]);
    });

    it('retries after an ack timeout with the same clientMessageId', async () => {
      jest.useFakeTimers();
      const socket = await connected();
      const pending = store.send(GENERAL, 'hello');
      await jest.advanceTimersByTimeAsync(10_000);
      await jest.advanceTimersByTimeAsync(1_500);
      const sends = socket.requestsOf('send-message');
      expect(sends).toHaveLength(2);
      expect(sentPayload(socket, 1).clientMessageId).toBe(pending.clientMessageId);
    });

    it('keeps messages typed while offline pending and sends them, in order, when connected again', async () => {
      await chat.signIn();
      const socket = chat.socket();
      const first = store.send(GENERAL, 'one');
      store.send(GENERAL, 'two');
      expect(socket.requestsOf('send-message')).toHaveLength(0);
      expect(
        store
          .timeline(GENERAL)()
          .outgoing.map((entry) => entry.status),
      ).toEqual(['pending', 'pending']);

      await chat.connect();
      expect(socket.requestsOf('send-message')).toHaveLength(1);
      socket
        .requestsOf('send-message')[0]
        .reply({ ok: true, data: serverCopy(first.clientMessageId, 5, 'one') });
      await settle();
      expect(
        socket.requestsOf('send-message').map((r) => (r.payload as { content: string }).content),
      ).toEqual(['one', 'two']);
    });

    it('marks a refused message failed; retry() sends it again with the same clientMessageId', async () => {
      const socket = await connected();
      await loadLatest(GENERAL, []);
      const pending = store.send(GENERAL, 'hello');
      socket.requestsOf('send-message')[0].reply({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'This channel is archived' },
      });
      await settle();
      expect(store.timeline(GENERAL)().outgoing[0]).toMatchObject({
        status: 'failed',
        error: { code: 'FORBIDDEN', message: 'This channel is archived' },
      });
      expect(socket.requestsOf('send-message')).toHaveLength(1);

      store.retry(pending.clientMessageId);
      await settle();
      expect(socket.requestsOf('send-message')).toHaveLength(2);
      expect(sentPayload(socket, 1).clientMessageId).toBe(pending.clientMessageId);
      const stored = serverCopy(pending.clientMessageId);
      socket.requestsOf('send-message')[1].reply({ ok: true, data: stored });
      await settle();
      expect(store.timeline(GENERAL)()).toMatchObject({ messages: [stored], outgoing: [] });
    });

    it('waits retryAfterMs after RATE_LIMITED, then sends again', async () => {
      jest.useFakeTimers();
      const socket = await connected();
      const pending = store.send(GENERAL, 'hello');
      socket.requestsOf('send-message')[0].reply({
        ok: false,
        error: { code: 'RATE_LIMITED', message: 'Slow down', details: { retryAfterMs: 3_000 } },
      });
      await jest.advanceTimersByTimeAsync(2_900);
      expect(socket.requestsOf('send-message')).toHaveLength(1);
      expect(store.timeline(GENERAL)().outgoing[0].status).toBe('pending');
      await jest.advanceTimersByTimeAsync(200);
      expect(socket.requestsOf('send-message')).toHaveLength(2);
      expect(sentPayload(socket, 1).clientMessageId).toBe(pending.clientMessageId);
    });

    it('puts a reply in its thread as pending, not in the timeline', async () => {
      await connected();
      const parentId = 'd'.repeat(24);
      store.send(GENERAL, 'a reply', parentId);
      expect(store.timeline(GENERAL)().outgoing).toEqual([]);
      expect(
        store
          .thread(parentId)()
          .outgoing.map((entry) => entry.content),
      ).toEqual(['a reply']);
    });
  });

  describe('edit, delete, react', () => {
    it('applies the message the acks return', async () => {
      const socket = await connected();
      const original = message({ seq: 10, author: aliceSummary });
      await loadLatest(GENERAL, [original]);

      const edit = store.edit(original.id, 'changed');
      expect(socket.requestsOf('edit-message')[0].payload).toEqual({
        messageId: original.id,
        content: 'changed',
      });
      socket
        .requestsOf('edit-message')[0]
        .reply({ ok: true, data: { ...original, rev: 11, content: 'changed' } });
      await edit;
      expect(timelineOf()[0].content).toBe('changed');

      const react = store.toggleReaction(original.id, '👍');
      const reactions = [{ emoji: '👍', userIds: [ALICE.id], count: 1 }];
      socket
        .requestsOf('toggle-reaction')[0]
        .reply({ ok: true, data: { ...original, rev: 12, content: 'changed', reactions } });
      await react;
      expect(timelineOf()[0].reactions).toEqual(reactions);

      const removal = store.delete(original.id);
      socket
        .requestsOf('delete-message')[0]
        .reply({ ok: true, data: { id: original.id, channelId: GENERAL, rev: 13 } });
      await removal;
      expect(timelineOf()[0]).toMatchObject({ rev: 13, content: '', reactions: [] });
    });

    it('rejects with the error ack and changes nothing', async () => {
      const socket = await connected();
      const original = message({ seq: 10 });
      await loadLatest(GENERAL, [original]);
      const edit = store.edit(original.id, 'mine now');
      socket
        .requestsOf('edit-message')[0]
        .reply({ ok: false, error: { code: 'FORBIDDEN', message: 'Not yours' } });
      await expect(edit).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(timelineOf()).toEqual([original]);
    });
  });
});
