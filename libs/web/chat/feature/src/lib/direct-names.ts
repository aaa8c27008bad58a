import type { Channel } from '@supchat/contracts';

/** A direct conversation's name without the caller: "alice, bob" seen by alice is "bob". */
export function directTitle(channel: Pick<Channel, 'name' | 'type'>, ownUsername: string | null): string {
  if (channel.type !== 'direct') return channel.name;
  const others = channel.name
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && name !== ownUsername);
  return others.length > 0 ? others.join(', ') : channel.name;
}
