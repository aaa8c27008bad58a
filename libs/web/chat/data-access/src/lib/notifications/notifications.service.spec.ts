import { TestBed } from '@angular/core/testing';
import type { ChatHarness } from '../../test/chat-harness';
import {
  BOB,
  DM,
  GENERAL,
  channel,
  message,
  settle,
  setPageVisible,
  setUpChat,
} from '../../test/chat-harness';
import { I18nService } from '@supchat/web/shared/i18n';
import { ChannelsStore } from '../channels/channels.store';
import type { FakeChatSocket } from '../testing/fake-chat-socket';
import { NotificationsService } from './notifications.service';

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission = jest.fn(async () => FakeNotification.permission);
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

describe('NotificationsService', () => {
  let chat: ChatHarness;
  let service: NotificationsService;
  let channels: ChannelsStore;
  let socket: FakeChatSocket;

  beforeEach(async () => {
    localStorage.clear();
    FakeNotification.shown = [];
    FakeNotification.permission = 'granted';
    Object.defineProperty(window, 'Notification', {
      configurable: true,
      writable: true,
      value: FakeNotification,
    });
    document.title = 'SUPCHAT';
    setPageVisible(true);
    chat = setUpChat();
    service = TestBed.inject(NotificationsService);
    channels = TestBed.inject(ChannelsStore);
    await chat.signIn();
    socket = await chat.connect();
    chat.http
      .expectOne('/api/channels')
      .flush([
        channel({ id: GENERAL, name: 'general', lastSeq: 4, lastRev: 4 }),
        channel({ id: DM, name: 'alice,bob', type: 'direct', lastSeq: 2, lastRev: 2, lastReadSeq: 2 }),
      ]);
    await settle();
  });

  afterEach(() => {
    setPageVisible(true);
    delete (window as { Notification?: unknown }).Notification;
  });

  const notify = (channelId = GENERAL) =>
    socket.serverEmit('notification', {
      kind: 'mention',
      channelId,
      messageId: 'f'.repeat(24),
      from: BOB,
      preview: 'hey @alice',
    });

  it('shows a notification for a mention while the page is hidden; a click opens the channel', () => {
    const opened: string[] = [];
    service.openChannel$.subscribe((id) => opened.push(id));
    setPageVisible(false);
    notify();
    expect(FakeNotification.shown).toHaveLength(1);
    const [shown] = FakeNotification.shown;
    expect(shown.title).toBe('Bob in #general');
    expect(shown.options.body).toBe('hey @alice');

    const focus = jest.spyOn(window, 'focus').mockImplementation(() => undefined);
    shown.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(channels.selectedChannelId()).toBe(GENERAL);
    expect(opened).toEqual([GENERAL]);
    expect(shown.closed).toBe(true);
  });

  it('titles it in the UI language, and a direct message with the sender only', () => {
    TestBed.inject(I18nService).setLocale('fr');
    setPageVisible(false);
    notify();
    notify(DM);
    TestBed.inject(I18nService).setLocale('en');
    expect(FakeNotification.shown.map((shown) => shown.title)).toEqual(['Bob dans #general', 'Bob']);
  });

  it('shows nothing while the page is visible or without permission', () => {
    notify();
    FakeNotification.permission = 'denied';
    setPageVisible(false);
    notify(DM);
    expect(FakeNotification.shown).toEqual([]);
  });

  it('asks for permission on request', async () => {
    FakeNotification.permission = 'default';
    await expect(service.requestPermission()).resolves.toBe('default');
    expect(FakeNotification.requestPermission).toHaveBeenCalled();
  });

  it('keeps the unread count in the tab title', async () => {
    socket.serverEmit('new-message', message({ channelId: GENERAL, seq: 5 }));
    socket.serverEmit('new-message', message({ channelId: DM, seq: 3 }));
    TestBed.tick();
    expect(document.title).toBe('(2) SUPCHAT');

    document.title = 'Sign in'; // the router sets a new title: the count stays in front
    await settle();
    expect(document.title).toBe('(2) Sign in');

    socket.serverEmit('read-state', { channelId: GENERAL, lastReadSeq: 5, unreadCount: 0, mentionCount: 0 });
    socket.serverEmit('read-state', { channelId: DM, lastReadSeq: 3, unreadCount: 0, mentionCount: 0 });
    TestBed.tick();
    expect(document.title).toBe('Sign in');
  });
});
