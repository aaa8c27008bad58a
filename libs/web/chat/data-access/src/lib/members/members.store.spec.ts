import { TestBed } from '@angular/core/testing';
import type { ChannelMember, UserSummary } from '@supchat/contracts';
import type { ChatHarness } from '../../test/chat-harness';
import { BOB, CAROL, GENERAL, setUpChat } from '../../test/chat-harness';
import type { FakeChatSocket } from '../testing/fake-chat-socket';
import { MEMBERS_PAGE, MembersStore } from './members.store';

function member(user: UserSummary, status: 'online' | 'away' | 'offline' = 'offline'): ChannelMember {
  return {
    user,
    role: 'member',
    joinedAt: '2026-01-01T00:00:00.000Z',
    presence: { status, lastSeenAt: null },
  };
}

describe('MembersStore', () => {
  let chat: ChatHarness;
  let store: MembersStore;
  let socket: FakeChatSocket;

  beforeEach(async () => {
    localStorage.clear();
    chat = setUpChat();
    store = TestBed.inject(MembersStore);
    await chat.signIn();
    socket = await chat.connect();
  });

  afterEach(() => chat.http.verify());

  it('loads members page by page and shows their live presence', async () => {
    const first = Array.from({ length: MEMBERS_PAGE }, (_, i) =>
      member({
        id: i.toString(16).padStart(24, '0'),
        username: `user${i}`,
        displayName: `User ${i}`,
        avatarUrl: null,
      }),
    );
    const load = store.load(GENERAL);
    const request = chat.http.expectOne((r) => r.url === `/api/channels/${GENERAL}/members`);
    expect(request.request.params.get('after')).toBeNull();
    request.flush(first);
    await load;
    expect(store.members(GENERAL)()).toMatchObject({ complete: false, loading: false });

    const more = store.loadMore(GENERAL);
    const next = chat.http.expectOne((r) => r.url === `/api/channels/${GENERAL}/members`);
    expect(next.request.params.get('after')).toBe(first.at(-1)?.user.id);
    next.flush([member(BOB, 'online')]);
    await more;
    expect(store.members(GENERAL)()).toMatchObject({ complete: true });
    expect(store.members(GENERAL)().members).toHaveLength(MEMBERS_PAGE + 1);

    socket.serverEmit('presence', { userId: BOB.id, status: 'away', lastSeenAt: null });
    expect(
      store
        .membersWithPresence(GENERAL)()
        .find((m) => m.user.id === BOB.id)?.status,
    ).toBe('away');
  });

  it('suggests members for @-mentions by username or display name prefix', async () => {
    const load = store.load(GENERAL);
    chat.http
      .expectOne((r) => r.url === `/api/channels/${GENERAL}/members`)
      .flush([member(BOB), member(CAROL)]);
    await load;
    expect(store.suggest(GENERAL, 'ca').map((u) => u.username)).toEqual(['carol']);
    expect(store.suggest(GENERAL, 'B').map((u) => u.username)).toEqual(['bob']);
    expect(store.suggest(GENERAL, '').map((u) => u.username)).toEqual(['bob', 'carol']);
  });

  it('invite adds the member, kick removes it', async () => {
    const load = store.load(GENERAL);
    chat.http.expectOne((r) => r.url === `/api/channels/${GENERAL}/members`).flush([member(BOB)]);
    await load;
    const invite = store.invite(GENERAL, CAROL.id);
    const post = chat.http.expectOne(`/api/channels/${GENERAL}/members`);
    expect(post.request.body).toEqual({ userId: CAROL.id });
    post.flush(member(CAROL));
    await invite;
    expect(
      store
        .members(GENERAL)()
        .members.map((m) => m.user.username),
    ).toEqual(['bob', 'carol']);

    const kick = store.kick(GENERAL, BOB.id);
    chat.http
      .expectOne(`/api/channels/${GENERAL}/members/${BOB.id}`)
      .flush(null, { status: 204, statusText: 'No Content' });
    await kick;
    expect(
      store
        .members(GENERAL)()
        .members.map((m) => m.user.username),
    ).toEqual(['carol']);
  });
});
