import { describeEachEngine } from '../../testing/database-engines';
import { createUsers } from '../../testing/fixtures';
import { channelsRepositoryFactories } from '../channels/channels.factories';
import type { ChannelsRepository } from '../channels/channels.repository';
import { usersRepositoryFactories } from '../users/users.factories';
import { messagesRepositoryFactories } from './messages.factories';
import type { MessagesRepository, NewMessage } from './messages.repository';
import { TooManyReactionsError } from './messages.repository';

describeEachEngine('MessagesRepository contract', (engine) => {
  let messages: MessagesRepository;
  let channels: ChannelsRepository;
  let alice: string;
  let bob: string;
  let channelId: string;

  const message = (content: string, overrides: Partial<NewMessage> = {}): NewMessage => ({
    channelId,
    authorId: alice,
    content,
    mentions: [],
    mentionsChannel: false,
    parentId: null,
    clientMessageId: null,
    ...overrides,
  });

  beforeEach(async () => {
    const users = await engine.repository(usersRepositoryFactories);
    [alice, bob] = await createUsers(users, 2);
    channels = await engine.repository(channelsRepositoryFactories);
    channelId = (
      await channels.create(
        { name: 'general', topic: null, type: 'public', directKey: null, createdBy: alice },
        [{ userId: alice, role: 'owner' }],
      )
    ).id;
    messages = await engine.repository(messagesRepositoryFactories);
  });

  it('gives each new message the next rev as its seq and moves the channel counters', async () => {
    const first = await messages.insert(message('one', { mentions: [bob], mentionsChannel: true }));
    const second = await messages.insert(message('two'));
    expect(first).toEqual({
      created: true,
      parent: null,
      message: expect.objectContaining({
        seq: 1,
        rev: 1,
        content: 'one',
        mentions: [bob],
        mentionsChannel: true,
      }),
    });
    expect(second.message).toMatchObject({ seq: 2, rev: 2, authorId: alice, parentId: null, replyCount: 0 });
    expect(second.message.createdAt).toBeInstanceOf(Date);
    expect(await channels.findById(channelId)).toMatchObject({ lastRev: 2, lastSeq: 2 });
    expect(await messages.findById(first.message.id)).toEqual(first.message);
  });

  it('returns the first message for a repeated (author, clientMessageId) and stores nothing', async () => {
    const first = await messages.insert(message('hello', { clientMessageId: 'c-1' }));
    const again = await messages.insert(message('different text', { clientMessageId: 'c-1' }));
    expect(again).toEqual({ created: false, parent: null, message: first.message });
    // Another author may use the same client id.
    expect((await messages.insert(message('bob', { authorId: bob, clientMessageId: 'c-1' }))).created).toBe(
      true,
    );
    expect((await channels.findById(channelId))?.lastRev).toBe(2);
    // And finds it by that pair.
    expect(await messages.findByClientId(first.message.authorId, 'c-1')).toEqual(first.message);
    expect(await messages.findByClientId(first.message.authorId, 'c-2')).toBeNull();
  });

  it('counts stored messages: new ones and tombstones, not repeated sends', async () => {
    const before = await messages.count();
    const first = await messages.insert(message('one', { clientMessageId: 'count-1' }));
    await messages.insert(message('one again', { clientMessageId: 'count-1' }));
    await messages.insert(message('two'));
    await messages.softDelete(first.message.id, new Date());
    expect(await messages.count()).toBe(before + 2);
  });

  it('moves rev but not seq on an edit, and refuses to edit a deleted message', async () => {
    const { message: original } = await messages.insert(message('typo'));
    await messages.insert(message('next'));
    const editedAt = new Date('2026-02-03T04:05:06.000Z');
    const edited = await messages.edit(
      original.id,
      { content: 'fixed', mentions: [bob], mentionsChannel: false },
      editedAt,
    );
    expect(edited).toMatchObject({ seq: 1, rev: 3, content: 'fixed', mentions: [bob], editedAt });
    expect(await channels.findById(channelId)).toMatchObject({ lastRev: 3, lastSeq: 2 });

    const deleted = await messages.softDelete(original.id, new Date());
    expect(deleted).toMatchObject({
      changed: true,
      parent: null,
      message: { seq: 1, rev: 4, content: '', mentions: [], reactions: [] },
    });
    expect(deleted?.message.deletedAt).toBeInstanceOf(Date);
    expect(
      await messages.edit(original.id, { content: 'x', mentions: [], mentionsChannel: false }, new Date()),
    ).toBeNull();
    // Deleting twice changes nothing.
    expect(await messages.softDelete(original.id, new Date())).toEqual({
      message: deleted?.message,
      changed: false,
      parent: null,
    });
    expect(await messages.softDelete('0123456789abcdef01234567', new Date())).toBeNull();
  });

  it('pages the timeline backwards and forwards, top-level messages only', async () => {
    const ids: string[] = [];
    for (let index = 1; index <= 7; index += 1)
      ids.push((await messages.insert(message(`m${index}`))).message.id);
    await messages.insert(message('a reply', { parentId: ids[6] }));

    const newest = await messages.timeline(channelId, { limit: 3 });
    expect(newest.messages.map((entry) => entry.content)).toEqual(['m5', 'm6', 'm7']);
    expect(newest.hasMore).toBe(true);
    const older = await messages.timeline(channelId, { before: 5, limit: 3 });
    expect(older.messages.map((entry) => entry.seq)).toEqual([2, 3, 4]);
    const oldest = await messages.timeline(channelId, { before: 2, limit: 3 });
    expect(oldest).toMatchObject({ hasMore: false });
    expect(oldest.messages.map((entry) => entry.seq)).toEqual([1]);
    const forward = await messages.timeline(channelId, { after: 5, limit: 10 });
    expect(forward.messages.map((entry) => entry.content)).toEqual(['m6', 'm7']);
    expect(forward.hasMore).toBe(false);
  });

  it('returns every change after a rev, by rev, with tombstones and replies', async () => {
    const { message: first } = await messages.insert(message('one'));
    const { message: second } = await messages.insert(message('two'));
    await messages.insert(message('reply', { parentId: first.id }));
    await messages.edit(first.id, { content: 'one!', mentions: [], mentionsChannel: false }, new Date());
    await messages.softDelete(second.id, new Date());

    // rev 3: the reply, 4: its parent counted it, 5: the edit of the parent, 6: the delete.
    const all = await messages.changes(channelId, 0, 100);
    expect(all.messages.map((entry) => [entry.content, entry.rev])).toEqual([
      ['reply', 3],
      ['one!', 5],
      ['', 6],
    ]);
    expect(all).toMatchObject({ lastRev: 6, hasMore: false });

    const paged = await messages.changes(channelId, 3, 1);
    expect(paged.messages.map((entry) => entry.rev)).toEqual([5]);
    expect(paged).toMatchObject({ lastRev: 5, hasMore: true });
    expect(await messages.changes(channelId, 6, 10)).toEqual({ messages: [], lastRev: 6, hasMore: false });
  });

  it('counts replies on the parent (new rev each time) and pages a thread, deleted parent included', async () => {
    const { message: parent } = await messages.insert(message('parent'));
    const first = await messages.insert(message('r1', { parentId: parent.id, authorId: bob }));
    expect(first.parent).toMatchObject({ id: parent.id, replyCount: 1, rev: 3 });
    expect(first.parent?.lastReplyAt).toEqual(first.message.createdAt);
    const second = await messages.insert(message('r2', { parentId: parent.id }));
    expect(second.parent).toMatchObject({ replyCount: 2, rev: 5 });
    // Replies do not move the channel's lastSeq (the timeline is top-level only).
    expect(await channels.findById(channelId)).toMatchObject({ lastSeq: 1, lastRev: 5 });

    const removed = await messages.softDelete(first.message.id, new Date());
    expect(removed?.parent).toMatchObject({ id: parent.id, replyCount: 1, rev: 7 });
    await messages.softDelete(parent.id, new Date());

    const thread = await messages.replies(parent.id, 0, 1);
    expect(thread.messages.map((entry) => entry.content)).toEqual(['']);
    expect(thread.hasMore).toBe(true);
    const rest = await messages.replies(parent.id, thread.messages[0].seq, 10);
    expect(rest).toMatchObject({ hasMore: false });
    expect(rest.messages.map((entry) => entry.content)).toEqual(['r2']);
  });

  it('adds, removes and toggles reactions under new revs, and caps distinct reactions', async () => {
    const { message: target } = await messages.insert(message('react to me'));
    const added = await messages.react(target.id, '👍🏽', alice, 'add', 3);
    expect(added).toMatchObject({
      changed: true,
      message: { rev: 2, reactions: [{ emoji: '👍🏽', userIds: [alice] }] },
    });
    expect(await messages.react(target.id, '👍🏽', alice, 'add', 3)).toMatchObject({
      changed: false,
      message: { rev: 2 },
    });
    const toggled = await messages.react(target.id, '👍🏽', bob, 'toggle', 3);
    expect(toggled?.message.reactions).toEqual([{ emoji: '👍🏽', userIds: [alice, bob] }]);
    await messages.react(target.id, ':tada:', bob, 'add', 3);
    await messages.react(target.id, '🇫🇷', bob, 'add', 3);
    await expect(messages.react(target.id, '❤️', bob, 'add', 3)).rejects.toBeInstanceOf(
      TooManyReactionsError,
    );
    // Another user on an existing reaction is fine at the cap.
    expect((await messages.react(target.id, ':tada:', alice, 'toggle', 3))?.changed).toBe(true);

    const removed = await messages.react(target.id, '👍🏽', alice, 'remove', 3);
    const removedAgain = await messages.react(target.id, '👍🏽', bob, 'toggle', 3);
    expect(removed?.changed).toBe(true);
    expect(removedAgain?.message.reactions.map((reaction) => reaction.emoji)).toEqual([':tada:', '🇫🇷']);

    await messages.softDelete(target.id, new Date());
    expect(await messages.react(target.id, ':tada:', alice, 'add', 3)).toBeNull();
  });
});
