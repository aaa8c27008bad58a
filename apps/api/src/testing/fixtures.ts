import type { UsersRepository } from '../app/users/users.repository';

let counter = 0;

/** Creates `count` users with distinct names and returns their ids. */
export async function createUsers(users: UsersRepository, count: number, prefix = 'user'): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    counter += 1;
    const name = `${prefix}${counter}`;
    const user = await users.create({
      email: `${name}@example.com`,
      username: name,
      displayName: name,
      passwordHash: 'x',
      role: 'member',
    });
    ids.push(user.id);
  }
  return ids;
}
