import type { Message, MessageDeleted } from '@supchat/contracts';

/**
 * Merges messages into a list ordered by seq: by id, the higher `rev` wins; never two entries for one
 * id. Returns the same array when nothing changed (so signals do not notify for nothing).
 */
export function mergeMessages(list: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (incoming.length === 0) return list;
  const byId = new Map<string, Message>();
  for (const message of list) byId.set(message.id, message);
  let changed = false;
  for (const message of incoming) {
    const current = byId.get(message.id);
    if (current === undefined || message.rev > current.rev) {
      byId.set(message.id, message);
      changed = true;
    }
  }
  if (!changed) return list;
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The message turned into a tombstone by a deletion, or null when the deletion is not newer. */
export function tombstoneOf(message: Message, deletion: MessageDeleted, deletedAt: string): Message | null {
  if (deletion.rev <= message.rev) return null;
  return {
    ...message,
    rev: deletion.rev,
    content: '',
    mentions: [],
    mentionsChannel: false,
    reactions: [],
    attachments: [],
    deletedAt: message.deletedAt ?? deletedAt,
  };
}

/** Applies a deletion to a list (by id, only when its rev is newer). Same array when nothing changed. */
export function applyDeletion(
  list: readonly Message[],
  deletion: MessageDeleted,
  deletedAt: string,
): readonly Message[] {
  const index = list.findIndex((message) => message.id === deletion.id);
  if (index < 0) return list;
  const tombstone = tombstoneOf(list[index], deletion, deletedAt);
  if (tombstone === null) return list;
  const next = [...list];
  next[index] = tombstone;
  return next;
}

/** The highest rev among messages (0 for none). */
export function maxRev(messages: readonly Message[]): number {
  let max = 0;
  for (const message of messages) if (message.rev > max) max = message.rev;
  return max;
}
