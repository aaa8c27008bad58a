import { describeEachEngine } from '../../testing/database-engines';
import { createUsers } from '../../testing/fixtures';
import { UniqueConstraintError } from '../database/unique-constraint.error';
import { messagesRepositoryFactories } from '../messages/messages.factories';
import type { MessagesRepository, NewMessage } from '../messages/messages.repository';
import { usersRepositoryFactories } from '../users/users.factories';
import { channelsRepositoryFactories } from './channels.factories';
import type { ChannelsRepository, NewChannel } from './channels.repository';

describeEachEngine('ChannelsRepository contract', (engine) => {
  let channels: ChannelsRepository;
  let alice: string;
  let bob: string;
  let carol: string;

  const publicChannel = (name: string): NewChannel => ({
    name,
    topic: null,
    type: 'public',
    directKey: null,
    createdBy: alice,
  });

  beforeEach(async () => {
    const users = await engine.repository(usersRepositoryFactories);
    [alice, bob, carol] = await createUsers(users, 3);
    channels = await engine.repository(channelsRepositoryFactories);
  });

  it('creates a channel with its first members, counted', async () => {
    const channel = await channels.create({ ...publicChannel('general'), topic: 'hello' }, [
      { userId: alice, role: 'owner' },
      { userId: bob, role: 'member' },
    ]);
    expect(channel).toMatchObject({
      name: 'general',
      topic: 'hello',
      type: 'public',
      createdBy: alice,
      archivedAt: null,
      lastRev: 0,
      lastSeq: 0,
      memberCount: 2,
    });
    expect(await channels.findById(channel.id)).toEqual(channel);
    expect((await channels.findMembership(channel.id, alice))?.role).toBe('owner');
    expect(await channels.findMembership(channel.id, carol)).toBeNull();
  });

  it('refuses a second public or private channel with the same name', async () => {
    await channels.create(publicChannel('general'), [{ userId: alice, role: 'owner' }]);
    await expect(
      channels.create({ ...publicChannel('general'), type: 'private' }, [{ userId: bob, role: 'owner' }]),
    ).rejects.toEqual(new UniqueConstraintError('name'));
  });

  it('keeps one direct channel per set of people', async () => {
    const key = [alice, bob].sort().join(':');
    const direct = { name: 'a, b', topic: null, type: 'direct' as const, directKey: key, createdBy: alice };
    const created = await channels.create(direct, [
      { userId: alice, role: 'member' },
      { userId: bob, role: 'member' },
    ]);
    expect(await channels.findByDirectKey(key)).toEqual(created);
    await expect(channels.create(direct, [])).rejects.toEqual(new UniqueConstraintError('directKey'));
    // A direct channel's name does not block a public channel of the same name.
    await expect(channels.create(publicChannel('a, b'), [])).resolves.toMatchObject({ type: 'public' });
  });

  it("lists a user's channels with their membership", async () => {
    const first = await channels.create(publicChannel('first'), [{ userId: alice, role: 'owner' }]);
    const second = await channels.create(publicChannel('second'), [
      { userId: bob, role: 'owner' },
      { userId: alice, role: 'member' },
    ]);
    await channels.create(publicChannel('third'), [{ userId: bob, role: 'owner' }]);
    const mine = await channels.listForUser(alice);
    // By channel id, which grows with creation time.
    expect(mine.map((entry) => [entry.channel.name, entry.membership.role])).toEqual([
      ['first', 'owner'],
      ['second', 'member'],
    ]);
    expect((await channels.channelIdsForUser(alice)).sort()).toEqual([first.id, second.id].sort());
    expect(await channels.listForUser(carol)).toEqual([]);
  });

  it('browses public channels by name prefix only', async () => {
    await channels.create(publicChannel('design'), []);
    await channels.create(publicChannel('dev-ops'), []);
    await channels.create({ ...publicChannel('devs-secret'), type: 'private' }, []);
    await channels.create(publicChannel('random'), []);
    expect((await channels.browsePublic('de', 10)).map((channel) => channel.name)).toEqual([
      'design',
      'dev-ops',
    ]);
    expect((await channels.browsePublic('', 1)).map((channel) => channel.name)).toEqual(['design']);
    expect(await channels.browsePublic('%', 10)).toEqual([]);
  });

  it('renames, changes the topic and archives', async () => {
    const channel = await channels.create(publicChannel('old'), []);
    await channels.create(publicChannel('taken'), []);
    expect(await channels.update(channel.id, { name: 'new', topic: 'a topic' })).toMatchObject({
      name: 'new',
      topic: 'a topic',
    });
    expect(await channels.update(channel.id, { topic: null })).toMatchObject({ name: 'new', topic: null });
    await expect(channels.update(channel.id, { name: 'taken' })).rejects.toEqual(
      new UniqueConstraintError('name'),
    );
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect((await channels.archive(channel.id, at))?.archivedAt).toEqual(at);
    expect((await channels.archive(channel.id, new Date()))?.archivedAt).toEqual(at);
    expect(await channels.update('0123456789abcdef01234567', { topic: 'x' })).toBeNull();
  });

  it('adds and removes members once each, keeping the count right', async () => {
    const channel = await channels.create(publicChannel('general'), [{ userId: alice, role: 'owner' }]);
    expect(await channels.addMember(channel.id, { userId: bob, role: 'member' })).toBe(true);
    expect(await channels.addMember(channel.id, { userId: bob, role: 'member' })).toBe(false);
    expect((await channels.findById(channel.id))?.memberCount).toBe(2);
    expect(await channels.removeMember(channel.id, bob)).toBe(true);
    expect(await channels.removeMember(channel.id, bob)).toBe(false);
    expect((await channels.findById(channel.id))?.memberCount).toBe(1);
  });

  it('pages members by user id, finds the oldest other member and filters members', async () => {
    const channel = await channels.create(publicChannel('general'), [{ userId: alice, role: 'owner' }]);
    await channels.addMember(channel.id, { userId: bob, role: 'member' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await channels.addMember(channel.id, { userId: carol, role: 'member' });
    const sorted = [alice, bob, carol].sort();
    expect((await channels.listMembers(channel.id, null, 2)).map((member) => member.userId)).toEqual(
      sorted.slice(0, 2),
    );
    expect((await channels.listMembers(channel.id, sorted[1], 10)).map((member) => member.userId)).toEqual([
      sorted[2],
    ]);
    expect((await channels.oldestMember(channel.id, alice))?.userId).toBe(bob);
    expect(
      (await channels.filterMembers(channel.id, [carol, '0123456789abcdef01234567', 'junk'])).sort(),
    ).toEqual([carol]);
    await channels.setRole(channel.id, bob, 'admin');
    expect((await channels.findMembership(channel.id, bob))?.role).toBe('admin');
  });
});

describeEachEngine('ChannelsRepository read state', (engine) => {
  let channels: ChannelsRepository;
  let messages: MessagesRepository;
  let alice: string;
  let bob: string;

  const send = (channelId: string, authorId: string, overrides: Partial<NewMessage> = {}) =>
    messages.insert({
      channelId,
      authorId,
      content: 'hello',
      mentions: [],
      mentionsChannel: false,
      parentId: null,
      clientMessageId: null,
      ...overrides,
    });

  const open = (name: string, members: string[]) =>
    channels.create(
      { name, topic: null, type: 'public', directKey: null, createdBy: members[0] },
      members.map((userId, index) => ({
        userId,
        role: index === 0 ? ('owner' as const) : ('member' as const),
      })),
    );

  beforeEach(async () => {
    const users = await engine.repository(usersRepositoryFactories);
    [alice, bob] = await createUsers(users, 2);
    channels = await engine.repository(channelsRepositoryFactories);
    messages = await engine.repository(messagesRepositoryFactories);
  });

  it('counts unread top-level messages and mentions after the marker, never your own or deleted ones', async () => {
    const channel = await open('general', [alice, bob]);
    await send(channel.id, alice);
    const mention = await send(channel.id, alice, { mentions: [bob] });
    await send(channel.id, alice, { mentionsChannel: true });
    await send(channel.id, bob);
    const deleted = await send(channel.id, alice, { mentions: [bob] });
    await messages.softDelete(deleted.message.id, new Date());
    // A reply mentioning bob counts as a mention but not as unread timeline.
    await send(channel.id, alice, { parentId: mention.message.id, mentions: [bob] });

    expect(await channels.readState(channel.id, bob)).toEqual({
      channelId: channel.id,
      lastReadSeq: 0,
      unreadCount: 3,
      mentionCount: 3,
    });
    expect(await channels.readState(channel.id, alice)).toMatchObject({ unreadCount: 1, mentionCount: 0 });

    // An edit that removes the mention stops it counting.
    await messages.edit(
      mention.message.id,
      { content: 'no mention', mentions: [], mentionsChannel: false },
      new Date(),
    );
    expect((await channels.readState(channel.id, bob))?.mentionCount).toBe(2);
    expect(await channels.readState(channel.id, '0123456789abcdef01234567')).toBeNull();
  });

  it('moves the read marker forward only, and never past the newest message', async () => {
    const channel = await open('general', [alice, bob]);
    const first = await send(channel.id, alice);
    const second = await send(channel.id, alice);
    expect(await channels.markRead(channel.id, bob, second.message.seq)).toBe(true);
    expect(await channels.readState(channel.id, bob)).toMatchObject({ lastReadSeq: 2, unreadCount: 0 });
    await channels.markRead(channel.id, bob, first.message.seq);
    expect((await channels.readState(channel.id, bob))?.lastReadSeq).toBe(2);
    await channels.markRead(channel.id, bob, 1_000_000);
    expect((await channels.readState(channel.id, bob))?.lastReadSeq).toBe(2);
    expect(await channels.markRead(channel.id, '0123456789abcdef01234567', 1)).toBe(false);
  });

  it('counts every unread message of a direct conversation as a mention', async () => {
    const direct = await channels.create(
      {
        name: 'a, b',
        topic: null,
        type: 'direct',
        directKey: [alice, bob].sort().join(':'),
        createdBy: alice,
      },
      [
        { userId: alice, role: 'member' },
        { userId: bob, role: 'member' },
      ],
    );
    await send(direct.id, alice);
    await send(direct.id, alice);
    expect(await channels.readState(direct.id, bob)).toMatchObject({ unreadCount: 2, mentionCount: 2 });
    const listed = await channels.listForUser(bob);
    expect(listed.find((entry) => entry.channel.id === direct.id)?.counts).toEqual({
      unreadCount: 2,
      mentionCount: 2,
    });
  });

  it('lets the marker pass the newest top-level message, to read mentions in newer replies', async () => {
    const channel = await open('general', [alice, bob]);
    const parent = await send(channel.id, alice);
    const reply = await send(channel.id, alice, { parentId: parent.message.id, mentions: [bob] });
    expect(await channels.readState(channel.id, bob)).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    await channels.markRead(channel.id, bob, reply.message.seq);
    expect(await channels.readState(channel.id, bob)).toMatchObject({
      lastReadSeq: reply.message.seq,
      unreadCount: 0,
      mentionCount: 0,
    });
  });

  it('starts a new member with the history before joining already read', async () => {
    const channel = await open('general', [alice]);
    await send(channel.id, alice);
    await send(channel.id, alice);
    await channels.addMember(channel.id, { userId: bob, role: 'member' });
    expect(await channels.readState(channel.id, bob)).toMatchObject({ lastReadSeq: 2, unreadCount: 0 });
    await send(channel.id, alice);
    expect((await channels.readState(channel.id, bob))?.unreadCount).toBe(1);
  });

  it('lists 200 channels with their counts in as many queries as 2 channels', async () => {
    const listed = async (count: number, prefix: string) => {
      for (let index = 0; index < count; index += 1) {
        const channel = await open(`${prefix}-${index}`, [alice, bob]);
        if (index % 10 === 0) await send(channel.id, alice, { mentions: [bob] });
      }
      return engine.countQueries(() => channels.listForUser(bob));
    };
    const small = await listed(2, 'small');
    expect(small.result).toHaveLength(2);
    const large = await listed(198, 'large');
    expect(large.result).toHaveLength(200);
    expect(large.queries).toBe(small.queries);
    expect(large.queries).toBeLessThanOrEqual(4);
    expect(large.result.filter((entry) => entry.counts.unreadCount === 1)).toHaveLength(21);
    expect(large.result.every((entry) => entry.counts.mentionCount === entry.counts.unreadCount)).toBe(true);
  }, 60_000);
});
