import { TestBed } from '@angular/core/testing';
import type { Channel, ChannelMember, UserSummary } from '@supchat/contracts';
import type { TestRequest } from '@angular/common/http/testing';
import type { ChatHarness } from '../../test/chat-harness';
import { ALICE, BOB, CAROL, DM, GENERAL, RANDOM, channel, settle, setUpChat } from '../../test/chat-harness';
import { ChannelsStore } from '../channels/channels.store';
import { PresenceStore } from '../presence/presence.store';
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

function someone(i: number): UserSummary {
  return {
    id: i.toString(16).padStart(24, '0'),
    username: `user${i}`,
    displayName: `User ${i}`,
    avatarUrl: null,
  };
}

const ALICE_SUMMARY: UserSummary = {
  id: ALICE.id,
  username: ALICE.username,
  displayName: ALICE.displayName,
  avatarUrl: null,
};

describe('MembersStore', () => {
  let chat: ChatHarness;
  let store: MembersStore;
  let channels: ChannelsStore;
  let socket: FakeChatSocket;

  const general = channel({ id: GENERAL, name: 'general', memberCount: 2 });
  const random = channel({ id: RANDOM, name: 'random', memberCount: 2 });
  const dm = channel({ id: DM, name: 'alice,bob', type: 'direct', memberCount: 2 });

  function membersRequests(channelId: string): TestRequest[] {
    return chat.http.match((request) => request.url === `/api/channels/${channelId}/members`);
  }

  function expectMembersRequest(channelId: string): TestRequest {
    return chat.http.expectOne((request) => request.url === `/api/channels/${channelId}/members`);
  }

  /** Completes the handshake, emits `ready` and answers the channel list the ready reloads. */
  async function connect(list: Channel[] = [general, random]): Promise<void> {
    socket = await chat.connect([GENERAL, RANDOM]);
    chat.http.expectOne('/api/channels').flush(list);
    await settle();
    TestBed.tick();
    await settle();
  }

  async function reconnect(list: Channel[] = [general, random]): Promise<void> {
    socket.dropConnection();
    socket.connect();
    await settle();
    await connect(list);
  }

  /** Opens a channel and answers its first members page. */
  async function open(channelId: string, page: ChannelMember[]): Promise<void> {
    channels.select(channelId);
    TestBed.tick();
    await settle();
    expectMembersRequest(channelId).flush(page);
    await settle();
  }

  beforeEach(async () => {
    localStorage.clear();
    chat = setUpChat();
    store = TestBed.inject(MembersStore);
    channels = TestBed.inject(ChannelsStore);
    await chat.signIn();
    await connect();
  });

  afterEach(() => chat.http.verify());

  it('loads members page by page and shows their live presence', async () => {
    const first = Array.from({ length: MEMBERS_PAGE }, (_, i) => member(someone(i)));
    const load = store.load(GENERAL);
    const request = expectMembersRequest(GENERAL);
    expect(request.request.params.get('after')).toBeNull();
    request.flush(first);
    await load;
    expect(store.members(GENERAL)()).toMatchObject({ complete: false, loading: false });

    const more = store.loadMore(GENERAL);
    const next = expectMembersRequest(GENERAL);
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
    expectMembersRequest(GENERAL).flush([member(BOB), member(CAROL)]);
    await load;
    expect(store.suggest(GENERAL, 'ca').map((u) => u.username)).toEqual(['carol']);
    expect(store.suggest(GENERAL, 'B').map((u) => u.username)).toEqual(['bob']);
    expect(store.suggest(GENERAL, '').map((u) => u.username)).toEqual(['bob', 'carol']);
  });

  it('invite adds the member, kick removes it', async () => {
    const load = store.load(GENERAL);
    expectMembersRequest(GENERAL).flush([member(BOB)]);
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

  describe('kept current', () => {
    it('loads the open channel each time it is opened', async () => {
      await open(GENERAL, [member(ALICE_SUMMARY), member(BOB)]);
      await open(RANDOM, [member(ALICE_SUMMARY)]);
      await open(GENERAL, [member(ALICE_SUMMARY), member(BOB), member(CAROL)]);
      expect(store.suggest(GENERAL, 'car').map((user) => user.username)).toEqual(['carol']);
    });

    it('fetches the open channel again when channel-updated brings another member count', async () => {
      await open(GENERAL, [member(ALICE_SUMMARY), member(BOB)]);
      // A rename changes nothing about members.
      socket.serverEmit('channel-updated', { ...general, name: 'lobby' });
      await settle();
      expect(membersRequests(GENERAL)).toEqual([]);

      socket.serverEmit('channel-updated', { ...general, memberCount: 3 });
      await settle();
      expectMembersRequest(GENERAL).flush([member(ALICE_SUMMARY), member(BOB), member(CAROL, 'online')]);
      await settle();
      expect(store.suggest(GENERAL, 'car').map((user) => user.username)).toEqual(['carol']);
      expect(TestBed.inject(PresenceStore).statusOf(CAROL.id)).toBe('online');
    });

    it('leaves channels that are not on screen alone (they load again when opened)', async () => {
      await open(GENERAL, [member(ALICE_SUMMARY), member(BOB)]);
      await open(RANDOM, [member(ALICE_SUMMARY)]);
      socket.serverEmit('channel-updated', { ...general, memberCount: 3 });
      await settle();
      expect(membersRequests(GENERAL)).toEqual([]);
    });

    it('fetches again after a load on its way when the count changes meanwhile', async () => {
      channels.select(GENERAL);
      TestBed.tick();
      await settle();
      const first = expectMembersRequest(GENERAL);
      socket.serverEmit('channel-updated', { ...general, memberCount: 3 });
      await settle();
      expect(membersRequests(GENERAL)).toEqual([]);
      first.flush([member(ALICE_SUMMARY), member(BOB)]);
      await settle();
      expectMembersRequest(GENERAL).flush([member(ALICE_SUMMARY), member(BOB), member(CAROL)]);
      await settle();
      expect(store.members(GENERAL)().members).toHaveLength(3);
    });

    it('after every ready (a reconnect) fetches the shown lists again, as far as they were paged', async () => {
      const firstPage = Array.from({ length: MEMBERS_PAGE }, (_, i) => member(someone(i + 10)));
      await open(GENERAL, firstPage);
      const more = store.loadMore(GENERAL);
      expectMembersRequest(GENERAL).flush([member(BOB, 'online')]);
      await more;
      expect(TestBed.inject(PresenceStore).statusOf(BOB.id)).toBe('online');

      // Bob went offline while this client was disconnected: no presence event reached it.
      await reconnect();
      const pageOne = expectMembersRequest(GENERAL);
      expect(pageOne.request.params.get('after')).toBeNull();
      pageOne.flush(firstPage);
      await settle();
      const pageTwo = expectMembersRequest(GENERAL);
      expect(pageTwo.request.params.get('after')).toBe(firstPage.at(-1)?.user.id);
      pageTwo.flush([member(BOB, 'offline')]);
      await settle();
      expect(store.members(GENERAL)()).toMatchObject({ complete: true, loading: false });
      expect(store.members(GENERAL)().members).toHaveLength(MEMBERS_PAGE + 1);
      expect(TestBed.inject(PresenceStore).statusOf(BOB.id)).toBe('offline');
    });

    it('loads one-to-one partners once, and again after a reconnect (the sidebar shows their presence)', async () => {
      await reconnect([general, dm]);
      expectMembersRequest(DM).flush([member(ALICE_SUMMARY), member(BOB, 'online')]);
      await settle();
      expect(TestBed.inject(PresenceStore).statusOf(BOB.id)).toBe('online');

      await reconnect([general, dm]);
      expectMembersRequest(DM).flush([member(ALICE_SUMMARY), member(BOB, 'offline')]);
      await settle();
      expect(TestBed.inject(PresenceStore).statusOf(BOB.id)).toBe('offline');
    });

    it('forgets a channel the user left, and fetches a shown one again when they join it again', async () => {
      await open(GENERAL, [member(ALICE_SUMMARY), member(BOB)]);
      socket.serverEmit('channel-joined', { ...general, memberCount: 3 });
      await settle();
      expectMembersRequest(GENERAL).flush([member(ALICE_SUMMARY), member(BOB), member(CAROL)]);
      await settle();
      expect(store.members(GENERAL)().members).toHaveLength(3);

      socket.serverEmit('channel-left', { channelId: GENERAL });
      await settle();
      expect(store.members(GENERAL)().members).toEqual([]);
    });
  });
});
