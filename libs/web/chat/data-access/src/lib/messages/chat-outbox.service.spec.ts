import { TestBed } from '@angular/core/testing';
import type { Message } from '@supchat/contracts';
import type { ChatHarness } from '../../test/chat-harness';
import { ALICE, GENERAL, message, settle, setUpChat } from '../../test/chat-harness';
import { ChatOutbox } from './chat-outbox.service';
import { MessagesStore } from './messages.store';
import { OUTBOX_STORAGE_PREFIX } from './outbox.storage';

const aliceSummary = {
  id: ALICE.id,
  username: ALICE.username,
  displayName: ALICE.displayName,
  avatarUrl: null,
};

describe('ChatOutbox', () => {
  let chat: ChatHarness;

  function start(): { outbox: ChatOutbox; store: MessagesStore } {
    chat = setUpChat();
    return { outbox: TestBed.inject(ChatOutbox), store: TestBed.inject(MessagesStore) };
  }

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  afterEach(() => chat.http.verify());

  it('keeps unsent messages across a reload and resends them with the same clientMessageId', async () => {
    let { store } = start();
    await chat.signIn();
    const pending = store.send(GENERAL, 'typed before the reload');
    expect(sessionStorage.getItem(OUTBOX_STORAGE_PREFIX + ALICE.id)).toContain(pending.clientMessageId);

    TestBed.resetTestingModule(); // the page reloads
    ({ store } = start());
    await chat.signIn();
    expect(store.timeline(GENERAL)().outgoing).toEqual([
      expect.objectContaining({ clientMessageId: pending.clientMessageId, status: 'pending' }),
    ]);
    const socket = await chat.connect();
    const [send] = socket.requestsOf('send-message');
    expect(send.payload).toMatchObject({
      clientMessageId: pending.clientMessageId,
      content: 'typed before the reload',
    });

    send.reply({
      ok: true,
      data: message({ seq: 4, author: aliceSummary, clientMessageId: pending.clientMessageId }),
    });
    await settle();
    expect(sessionStorage.getItem(OUTBOX_STORAGE_PREFIX + ALICE.id)).toBeNull();
  });

  it('drops a pending message as soon as its server copy arrives some other way (never shown twice)', async () => {
    const { outbox, store } = start();
    await chat.signIn();
    const socket = await chat.connect();
    const done = store.loadLatest(GENERAL);
    chat.http
      .expectOne((r) => r.url === `/api/channels/${GENERAL}/messages`)
      .flush({ messages: [], hasMore: false });
    await done;

    const pending = store.send(GENERAL, 'hello');
    const copy: Message = message({
      seq: 7,
      author: aliceSummary,
      clientMessageId: pending.clientMessageId,
      content: 'hello',
    });
    // Another tab of Alice, or the catch-up, brings it before the ack.
    socket.serverEmit('new-message', copy);
    expect(outbox.entries()).toEqual([]);
    expect(store.timeline(GENERAL)()).toMatchObject({ messages: [copy], outgoing: [] });

    socket.requestsOf('send-message')[0].reply({ ok: true, data: copy });
    await settle();
    expect(store.timeline(GENERAL)().messages).toEqual([copy]);
  });

  it('forgets unsent messages when the user signs out', async () => {
    const { store } = start();
    await chat.signIn();
    store.send(GENERAL, 'never mind');
    const done = chat.auth.logout();
    await settle();
    chat.http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    await done;
    TestBed.tick();
    expect(sessionStorage.getItem(OUTBOX_STORAGE_PREFIX + ALICE.id)).toBeNull();
    expect(store.timeline(GENERAL)().outgoing).toEqual([]);
  });
});
