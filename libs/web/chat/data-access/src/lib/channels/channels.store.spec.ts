import { TestBed } from '@angular/core/testing';
import type { Channel } from '@supchat/contracts';
import type { ChatHarness } from '../../test/chat-harness';
import {
  ALICE,
  BOB,
  DM,
  GENERAL,
  RANDOM,
  channel,
  message,
  settle,
  setPageVisible,
  setUpChat,
} from '../../test/chat-harness';
import type { FakeChatSocket } from '../testing/fake-chat-socket';
import { ChannelsStore, MARK_READ_THROTTLE_MS } from './channels.store';

describe('ChannelsStore', () => {
  let chat: ChatHarness;
  let store: ChannelsStore;
  let socket: FakeChatSocket;

  const general = channel({ id: GENERAL, name: 'general', lastSeq: 10, lastRev: 10, lastReadSeq: 10 });
  const random = channel({
    id: RANDOM,
    name: 'Random',
    lastSeq: 5,
    lastRev: 6,
    lastReadSeq: 3,
    unreadCount: 2,
  });
  const direct = channel({
    id: DM,
    name: 'alice,bob',
    type: 'direct',
    lastSeq: 8,
    lastRev: 8,
    lastReadSeq: 6,
    unreadCount: 2,
  });

  beforeEach(async () => {
    localStorage.clear();
    setPageVisible(true);
    chat = setUpChat();
    store = TestBed.inject(ChannelsStore);
    await chat.signIn();
    socket = await chat.connect([GENERAL, RANDOM, DM]);
    chat.http.expectOne('/api/channels').flush([random, direct, general]);
    await settle();
  });

  afterEach(() => {
    chat.http.verify();
    jest.useRealTimers();
    setPageVisible(true);
  });

  const get = (id: string): Channel => store.byId()[id];

  function markReadRequests(channelId: string): number[] {
    return socket
      .requestsOf('mark-read')
      .map((r) => r.payload as { channelId: string; seq: number })
      .filter((p) => p.channelId === channelId)
      .map((p) => p.seq);
  }

  it('loads on ready: channels and direct conversations apart, by name, with the server counts', () => {
    expect(store.channels().map((c) => c.name)).toEqual(['general', 'Random']);
    expect(store.directs().map((c) => c.id)).toEqual([DM]);
    expect(get(RANDOM)).toMatchObject({ unreadCount: 2, mentionCount: 0 });
    // Every unread direct message counts as a mention.
    expect(get(DM)).toMatchObject({ unreadCount: 2, mentionCount: 2 });
    expect(store.totalUnread()).toBe(4);
  });

  describe('new messages', () => {
    it('count as unread in a channel not being read; mentions count as mentions, once each', () => {
      socket.serverEmit('new-message', message({ channelId: RANDOM, seq: 7 }));
      expect(get(RANDOM)).toMatchObject({ unreadCount: 3, mentionCount: 0, lastSeq: 7 });
      const mention = message({ channelId: RANDOM, seq: 8, mentions: [ALICE.id] });
      socket.serverEmit('new-message', mention);
      socket.serverEmit('new-message', mention); // delivered twice: counted once
      expect(get(RANDOM)).toMatchObject({ unreadCount: 4, mentionCount: 1 });
      socket.serverEmit('new-message', message({ channelId: RANDOM, seq: 9, mentionsChannel: true }));
      expect(get(RANDOM)).toMatchObject({ unreadCount: 5, mentionCount: 2 });
      expect(store.totalUnread()).toBe(5 + 2);
    });

    it('a reply is not unread, but a reply mentioning the user is a mention', () => {
      const parentId = 'd'.repeat(24);
      socket.serverEmit('new-message', message({ channelId: RANDOM, seq: 7, parentId }));
      expect(get(RANDOM)).toMatchObject({ unreadCount: 2, mentionCount: 0, lastSeq: 5 });
      socket.serverEmit(
        'new-message',
        message({ channelId: RANDOM, seq: 8, parentId, mentions: [ALICE.id] }),
      );
      expect(get(RANDOM)).toMatchObject({ unreadCount: 2, mentionCount: 1 });
    });

    it("the user's own messages move lastSeq but are never unread", () => {
      const own = { id: ALICE.id, username: 'alice', displayName: 'Alice', avatarUrl: null };
      socket.serverEmit('message-sent', message({ channelId: RANDOM, seq: 7, author: own }));
      expect(get(RANDOM)).toMatchObject({ unreadCount: 2, lastSeq: 7 });
    });

    it('a direct message bumps the mention count', () => {
      socket.serverEmit('new-message', message({ channelId: DM, seq: 9 }));
      expect(get(DM)).toMatchObject({ unreadCount: 3, mentionCount: 3 });
    });

    it('a reply in a direct conversation is a mention too (as the server counts it)', () => {
      socket.serverEmit('new-message', message({ channelId: DM, seq: 9, parentId: 'd'.repeat(24) }));
      expect(get(DM)).toMatchObject({ unreadCount: 2, mentionCount: 3 });
    });

    it('a counted message that is deleted leaves the counts again', () => {
      const plain = message({ channelId: RANDOM, seq: 7 });
      const mention = message({ channelId: RANDOM, seq: 8, mentions: [ALICE.id] });
      socket.serverEmit('new-message', plain);
      socket.serverEmit('new-message', mention);
      expect(get(RANDOM)).toMatchObject({ unreadCount: 4, mentionCount: 1 });
      socket.serverEmit('message-deleted', { id: mention.id, channelId: RANDOM, rev: 9 });
      expect(get(RANDOM)).toMatchObject({ unreadCount: 3, mentionCount: 0 });
      socket.serverEmit('message-deleted', { id: mention.id, channelId: RANDOM, rev: 9 }); // twice: once
      socket.serverEmit('message-deleted', { id: plain.id, channelId: RANDOM, rev: 10 });
      expect(get(RANDOM)).toMatchObject({ unreadCount: 2, mentionCount: 0 });

      socket.serverEmit('new-message', message({ channelId: DM, seq: 9 }));
      const reply = message({ channelId: DM, seq: 10, parentId: 'd'.repeat(24) });
      socket.serverEmit('new-message', reply);
      expect(get(DM)).toMatchObject({ unreadCount: 3, mentionCount: 4 });
      socket.serverEmit('message-deleted', { id: reply.id, channelId: DM, rev: 11 });
      expect(get(DM)).toMatchObject({ unreadCount: 3, mentionCount: 3 });
    });

    it('a deletion of a message not counted here, or already read, changes nothing', () => {
      socket.serverEmit('message-deleted', { id: 'f'.repeat(24), channelId: RANDOM, rev: 9 });
      expect(get(RANDOM)).toMatchObject({ unreadCount: 2, mentionCount: 0 });
      const counted = message({ channelId: RANDOM, seq: 7 });
      socket.serverEmit('new-message', counted);
      socket.serverEmit('read-state', { channelId: RANDOM, lastReadSeq: 7, unreadCount: 0, mentionCount: 0 });
      socket.serverEmit('new-message', message({ channelId: RANDOM, seq: 8 }));
      socket.serverEmit('message-deleted', { id: counted.id, channelId: RANDOM, rev: 9 });
      expect(get(RANDOM)).toMatchObject({ unreadCount: 1, mentionCount: 0 });
    });

    it('an edit that removes or adds a mention of the user moves the mention count', () => {
      const mention = message({ channelId: RANDOM, seq: 7, mentions: [ALICE.id] });
      socket.serverEmit('new-message', mention);
      expect(get(RANDOM)).toMatchObject({ unreadCount: 3, mentionCount: 1 });
      socket.serverEmit('message-updated', { ...mention, rev: 8, mentions: [] });
      expect(get(RANDOM)).toMatchObject({ unreadCount: 3, mentionCount: 0 });
      socket.serverEmit('message-updated', { ...mention, rev: 9, mentions: [ALICE.id] });
      expect(get(RANDOM)).toMatchObject({ unreadCount: 3, mentionCount: 1 });
      socket.serverEmit('message-updated', { ...mention, rev: 10, reactions: [] });
      expect(get(RANDOM)).toMatchObject({ unreadCount: 3, mentionCount: 1 });
    });

    it('in the channel being read nothing is counted and the read marker follows', () => {
      store.select(GENERAL);
      socket.serverEmit('new-message', message({ channelId: GENERAL, seq: 11 }));
      expect(get(GENERAL)).toMatchObject({ unreadCount: 0, mentionCount: 0, lastSeq: 11 });
      expect(markReadRequests(GENERAL)).toEqual([11]);
    });

    it('the selected channel counts again while the page is hidden', () => {
      store.select(GENERAL);
      setPageVisible(false);
      socket.serverEmit('new-message', message({ channelId: GENERAL, seq: 11, mentions: [ALICE.id] }));
      expect(get(GENERAL)).toMatchObject({ unreadCount: 1, mentionCount: 1 });
      setPageVisible(true);
      expect(markReadRequests(GENERAL)).toEqual([11]);
    });
  });

  describe('read marker', () => {
    it('select() remembers where the user had read, marks the channel read and clears its badge', () => {
      store.select(RANDOM);
      expect(store.readMarker()).toBe(3);
      expect(markReadRequests(RANDOM)).toEqual([5]);
      expect(get(RANDOM)).toMatchObject({ unreadCount: 0 });
      socket.requestsOf('mark-read')[0].reply({
        ok: true,
        data: { channelId: RANDOM, lastReadSeq: 5, unreadCount: 0, mentionCount: 0 },
      });
    });

    it('a channel opened before the list has it gets its marker, and is marked read, when it arrives', async () => {
      const later = channel({
        id: '4'.repeat(24),
        name: 'later',
        lastSeq: 9,
        lastRev: 9,
        lastReadSeq: 7,
        unreadCount: 2,
      });
      store.select(later.id); // a deep link, before the list knows the channel
      expect(store.readMarker()).toBeNull();
      socket.dropConnection();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL, RANDOM, DM, later.id] });
      chat.http.expectOne('/api/channels').flush([general, random, direct, later]);
      await settle();
      expect(store.readMarker()).toBe(7);
      expect(markReadRequests(later.id)).toEqual([9]);
    });

    it('never moves backwards and sends at most one mark-read per interval, with the latest seq', async () => {
      jest.useFakeTimers();
      store.markRead(RANDOM, 4);
      store.markRead(RANDOM, 5);
      store.markRead(RANDOM, 2);
      expect(markReadRequests(RANDOM)).toEqual([4]);
      await jest.advanceTimersByTimeAsync(MARK_READ_THROTTLE_MS);
      expect(markReadRequests(RANDOM)).toEqual([4, 5]);
      store.markRead(RANDOM, 3);
      await jest.advanceTimersByTimeAsync(MARK_READ_THROTTLE_MS * 2);
      expect(markReadRequests(RANDOM)).toEqual([4, 5]);
    });

    it('applies read-state from other tabs, but not an older one', () => {
      socket.serverEmit('read-state', { channelId: RANDOM, lastReadSeq: 5, unreadCount: 0, mentionCount: 0 });
      expect(get(RANDOM)).toMatchObject({ lastReadSeq: 5, unreadCount: 0 });
      socket.serverEmit('read-state', { channelId: RANDOM, lastReadSeq: 4, unreadCount: 1, mentionCount: 0 });
      expect(get(RANDOM)).toMatchObject({ lastReadSeq: 5, unreadCount: 0 });
    });
  });

  describe('channel events', () => {
    it('channel-updated changes the channel but keeps our read fields', () => {
      socket.serverEmit('channel-updated', {
        ...random,
        name: 'renamed',
        topic: 'new topic',
        lastReadSeq: 0,
        unreadCount: 0,
        mentionCount: 0,
      });
      expect(get(RANDOM)).toMatchObject({
        name: 'renamed',
        topic: 'new topic',
        lastReadSeq: 3,
        unreadCount: 2,
      });
    });

    it('channel-joined adds a channel; channel-left removes it and its selection', () => {
      const extra = channel({ id: '4'.repeat(24), name: 'another', unreadCount: 1 });
      socket.serverEmit('channel-joined', extra);
      expect(store.channels().map((c) => c.name)).toEqual(['another', 'general', 'Random']);
      store.select(extra.id);
      socket.serverEmit('channel-left', { channelId: extra.id });
      expect(store.byId()[extra.id]).toBeUndefined();
      expect(store.selectedChannelId()).toBeNull();
    });

    it('reloads on every ready, so counts missed while offline come back from the server', async () => {
      socket.dropConnection();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [GENERAL, RANDOM, DM] });
      chat.http
        .expectOne('/api/channels')
        .flush([{ ...random, lastSeq: 9, unreadCount: 6 }, general, direct]);
      await settle();
      expect(get(RANDOM)).toMatchObject({ unreadCount: 6, lastSeq: 9 });
      socket.serverEmit('new-message', message({ channelId: RANDOM, seq: 9, author: BOB })); // already counted
      expect(get(RANDOM).unreadCount).toBe(6);
    });
  });
});
