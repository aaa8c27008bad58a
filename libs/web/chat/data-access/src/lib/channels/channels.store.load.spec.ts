import { TestBed } from '@angular/core/testing';
import type { ChatHarness } from '../../test/chat-harness';
import { ALICE, GENERAL, channel, settle, setUpChat } from '../../test/chat-harness';
import { ChannelsStore } from './channels.store';

/** Loads racing the store's sign-in effect (a page opened with a stored session). */
describe('ChannelsStore loading', () => {
  let chat: ChatHarness;

  beforeEach(() => {
    localStorage.clear();
    chat = setUpChat();
  });

  afterEach(() => chat.http.verify());

  it('a load started before the store saw the signed-in user, joined by the one of `ready`, ends loaded', async () => {
    const done = chat.auth.login({ email: ALICE.email, password: 'correct horse' });
    chat.http.expectOne('/api/auth/login').flush({
      user: ALICE,
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresIn: 900,
    });
    await done;
    // The sidebar loads as soon as it exists: before any change detection ran the store's effects.
    const store = TestBed.inject(ChannelsStore);
    const first = store.load();
    TestBed.tick();
    const second = store.load(); // what `ready` does while the first request is in flight
    await settle();
    chat.http.expectOne('/api/channels').flush([]);
    await settle();
    chat.http.expectOne('/api/channels').flush([channel({ id: GENERAL, name: 'general' })]);
    await Promise.all([first, second]);
    TestBed.tick();
    expect(store.loaded()).toBe(true);
    expect(store.channels().map((c) => c.id)).toEqual([GENERAL]);
  });
});
