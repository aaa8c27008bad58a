import { describeEachEngine } from '../../testing/database-engines';
import { UniqueConstraintError } from '../database/unique-constraint.error';
import { usersRepositoryFactories } from './users.factories';
import type { NewUser, UsersRepository } from './users.repository';

const newUser = (name: string, overrides: Partial<NewUser> = {}): NewUser => ({
  email: `${name}@Example.com`,
  username: name,
  displayName: `${name[0].toUpperCase()}${name.slice(1)} Tester`,
  passwordHash: `hash-of-${name}`,
  role: 'member',
  ...overrides,
});

describeEachEngine('UsersRepository contract', (engine) => {
  let users: UsersRepository;

  beforeEach(async () => {
    users = await engine.repository(usersRepositoryFactories);
  });

  it('creates a user and reads it back by id, without the password hash', async () => {
    const created = await users.create(newUser('alice'));
    expect(created.id).toMatch(/^[a-f0-9]{24}$/);
    const found = await users.findById(created.id);
    expect(found).toEqual(created);
    expect(found).not.toHaveProperty('passwordHash');
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('makes the first user an admin and later users what they asked for', async () => {
    const first = await users.create(newUser('alice'));
    const second = await users.create(newUser('bob'));
    const third = await users.create(newUser('carol', { role: 'admin' }));
    expect([first.role, second.role, third.role]).toEqual(['admin', 'member', 'admin']);
  });

  it('lets only one of several simultaneous first registrations become admin', async () => {
    const created = await Promise.all(
      ['a1', 'b2', 'c3', 'd4', 'e5'].map((name) => users.create(newUser(name))),
    );
    expect(created.filter((user) => user.role === 'admin')).toHaveLength(1);
  });

  it('refuses a duplicate email, case-insensitively, naming the field', async () => {
    await users.create(newUser('alice'));
    await expect(users.create(newUser('alice2', { email: 'ALICE@example.COM' }))).rejects.toEqual(
      new UniqueConstraintError('email'),
    );
    expect(await users.count()).toBe(1);
  });

  it('refuses a duplicate username, naming the field', async () => {
    await users.create(newUser('alice'));
    await expect(users.create(newUser('alice', { email: 'other@example.com' }))).rejects.toEqual(
      new UniqueConstraintError('username'),
    );
  });

  it('gives the first-admin claim back when the first registration fails', async () => {
    await users.create(newUser('alice'));
    // A duplicate never takes the claim: the next distinct user is still a member.
    await expect(users.create(newUser('alice'))).rejects.toBeInstanceOf(UniqueConstraintError);
    expect((await users.create(newUser('bob'))).role).toBe('member');
  });

  it('finds credentials by email case-insensitively', async () => {
    const alice = await users.create(newUser('alice'));
    const credentials = await users.findCredentialsByEmail('ALICE@EXAMPLE.COM');
    expect(credentials).toEqual({ user: alice, passwordHash: 'hash-of-alice' });
    expect(await users.findCredentialsByEmail('nobody@example.com')).toBeNull();
  });

  it('returns null for unknown and malformed ids', async () => {
    expect(await users.findById('0123456789abcdef01234567')).toBeNull();
    expect(await users.findById('not-an-id')).toBeNull();
  });

  it('finds several users by id, ignoring unknown ones', async () => {
    const alice = await users.create(newUser('alice'));
    const bob = await users.create(newUser('bob'));
    const found = await users.findByIds([bob.id, alice.id, '0123456789abcdef01234567', 'junk']);
    expect(found.map((user) => user.username).sort()).toEqual(['alice', 'bob']);
    expect(await users.findByIds([])).toEqual([]);
  });

  it('records when a user was last seen', async () => {
    const alice = await users.create(newUser('alice'));
    expect(alice.lastSeenAt).toBeNull();
    const at = new Date('2026-03-04T05:06:07.000Z');
    await users.setLastSeen(alice.id, at);
    expect((await users.findById(alice.id))?.lastSeenAt).toEqual(at);
  });

  it('finds users by exact username', async () => {
    await users.create(newUser('alice'));
    await users.create(newUser('bob'));
    const found = await users.findByUsernames(['bob', 'alice', 'nobody']);
    expect(found.map((user) => user.username).sort()).toEqual(['alice', 'bob']);
    expect(await users.findByUsernames([])).toEqual([]);
  });

  it('searches by username or display-name prefix, ordered by username and limited', async () => {
    await users.create(newUser('alice'));
    await users.create(newUser('albert'));
    await users.create(newUser('bob', { displayName: 'Alan Bob' }));
    await users.create(newUser('carol'));
    expect((await users.search('AL', 10)).map((user) => user.username)).toEqual(['albert', 'alice', 'bob']);
    expect((await users.search('al', 2)).map((user) => user.username)).toEqual(['albert', 'alice']);
    expect((await users.search('', 10)).length).toBe(4);
  });

  it('treats search input literally (no wildcards or patterns)', async () => {
    await users.create(newUser('alice'));
    for (const query of ['%', '_', '.*', '\\', '(']) {
      expect(await users.search(query, 10)).toEqual([]);
    }
  });
});
