import { describeEachEngine } from '../../testing/database-engines';
import { newId } from '../common/ids';
import { usersRepositoryFactories } from '../users/users.factories';
import { refreshTokensRepositoryFactories } from './refresh-tokens.factories';
import type { NewRefreshToken, RefreshTokensRepository } from './refresh-tokens.repository';

describeEachEngine('RefreshTokensRepository contract', (engine) => {
  let tokens: RefreshTokensRepository;
  let userId: string;

  const token = (overrides: Partial<NewRefreshToken> = {}): NewRefreshToken => ({
    id: newId(),
    userId,
    familyId: newId(),
    tokenHash: `hash-${newId()}`,
    expiresAt: new Date(Date.now() + 60_000),
    ...overrides,
  });

  beforeEach(async () => {
    const users = await engine.repository(usersRepositoryFactories);
    userId = (
      await users.create({
        email: 'a@example.com',
        username: 'alice',
        displayName: 'Alice',
        passwordHash: 'x',
        role: 'member',
      })
    ).id;
    tokens = await engine.repository(refreshTokensRepositoryFactories);
  });

  it('stores a token and finds it by its hash', async () => {
    const input = token();
    await tokens.create(input);
    const found = await tokens.findByHash(input.tokenHash);
    expect(found).toMatchObject({ ...input, replacedBy: null, revokedAt: null });
    expect(await tokens.findByHash('unknown')).toBeNull();
  });

  it('marks a token replaced only once, so a second exchange is detected', async () => {
    const input = token();
    await tokens.create(input);
    const successor = newId();
    expect(await tokens.markReplaced(input.id, successor)).toBe(true);
    expect(await tokens.markReplaced(input.id, newId())).toBe(false);
    expect((await tokens.findByHash(input.tokenHash))?.replacedBy).toBe(successor);
  });

  it('lets exactly one of many simultaneous exchanges win', async () => {
    const input = token();
    await tokens.create(input);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => tokens.markReplaced(input.id, newId())),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('revokes a whole family and nothing else', async () => {
    const familyId = newId();
    const first = token({ familyId });
    const second = token({ familyId });
    const other = token();
    for (const input of [first, second, other]) await tokens.create(input);

    expect(await tokens.isFamilyActive(familyId)).toBe(true);
    expect(await tokens.revokeFamily(familyId)).toBe(2);
    expect(await tokens.isFamilyActive(familyId)).toBe(false);
    expect((await tokens.findByHash(first.tokenHash))?.revokedAt).toBeInstanceOf(Date);
    expect(await tokens.markReplaced(second.id, newId())).toBe(false);
    expect((await tokens.findByHash(other.tokenHash))?.revokedAt).toBeNull();
    expect(await tokens.revokeFamily(familyId)).toBe(0);
  });

  it('deletes expired tokens only', async () => {
    const expired = token({ expiresAt: new Date(Date.now() - 1_000) });
    const live = token();
    await tokens.create(expired);
    await tokens.create(live);
    expect(await tokens.deleteExpired(new Date())).toBe(1);
    expect(await tokens.findByHash(expired.tokenHash)).toBeNull();
    expect(await tokens.findByHash(live.tokenHash)).not.toBeNull();
  });
});
