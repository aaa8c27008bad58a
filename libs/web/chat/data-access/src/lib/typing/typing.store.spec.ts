import { TestBed } from '@angular/core/testing';
import type { ChatHarness } from '../../test/chat-harness';
import { ALICE, BOB, CAROL, GENERAL, RANDOM, message, setUpChat } from '../../test/chat-harness';
import type { FakeChatSocket } from '../testing/fake-chat-socket';
import { TYPING_EXPIRY_MS, TYPING_THROTTLE_MS, TypingStore } from './typing.store';

describe('TypingStore', () => {
  let chat: ChatHarness;
  let store: TypingStore;
  let socket: FakeChatSocket;

  beforeEach(async () => {
    jest.useFakeTimers();
    localStorage.clear();
    chat = setUpChat();
    store = TestBed.inject(TypingStore);
    await chat.signIn();
    socket = await chat.connect();
  });

  afterEach(() => jest.useRealTimers());

  const typing = (channelId = GENERAL) =>
    store
      .typingIn(channelId)()
      .map((user) => user.username);
  const sentTyping = () => socket.requestsOf('typing').map((r) => r.payload);

  it('shows who types, and drops an indicator 5 s after its last refresh', () => {
    socket.serverEmit('typing', { channelId: GENERAL, user: BOB, isTyping: true });
    socket.serverEmit('typing', { channelId: GENERAL, user: CAROL, isTyping: true });
    expect(typing()).toEqual(['bob', 'carol']);
    expect(typing(RANDOM)).toEqual([]);

    jest.advanceTimersByTime(3_000);
    socket.serverEmit('typing', { channelId: GENERAL, user: BOB, isTyping: true }); // refresh
    jest.advanceTimersByTime(TYPING_EXPIRY_MS - 3_000);
    expect(typing()).toEqual(['bob']);
    jest.advanceTimersByTime(3_000);
    expect(typing()).toEqual([]);
  });

  it("ends an indicator on typing false and on that user's new message", () => {
    socket.serverEmit('typing', { channelId: GENERAL, user: BOB, isTyping: true });
    socket.serverEmit('typing', { channelId: GENERAL, user: CAROL, isTyping: true });
    socket.serverEmit('typing', { channelId: GENERAL, user: CAROL, isTyping: false });
    expect(typing()).toEqual(['bob']);
    socket.serverEmit('new-message', message({ channelId: GENERAL, seq: 3, author: BOB }));
    expect(typing()).toEqual([]);
  });

  it('ignores its own user', () => {
    const self = { id: ALICE.id, username: 'alice', displayName: 'Alice', avatarUrl: null };
    socket.serverEmit('typing', { channelId: GENERAL, user: self, isTyping: true });
    expect(typing()).toEqual([]);
  });

  it('reports typing at most once per throttle interval, and stops explicitly', () => {
    store.notifyTyping(GENERAL);
    store.notifyTyping(GENERAL);
    jest.advanceTimersByTime(TYPING_THROTTLE_MS - 1);
    store.notifyTyping(GENERAL);
    expect(sentTyping()).toEqual([{ channelId: GENERAL, isTyping: true }]);
    jest.advanceTimersByTime(1);
    store.notifyTyping(GENERAL);
    expect(sentTyping()).toHaveLength(2);

    store.stopTyping(GENERAL);
    expect(sentTyping().at(-1)).toEqual({ channelId: GENERAL, isTyping: false });
    store.stopTyping(GENERAL); // nothing to stop
    expect(sentTyping()).toHaveLength(3);
    store.notifyTyping(GENERAL); // a new burst starts at once
    expect(sentTyping().at(-1)).toEqual({ channelId: GENERAL, isTyping: true });
  });
});
