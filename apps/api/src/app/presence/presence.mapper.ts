import type { Presence, PresenceStatus } from '@supchat/contracts';

/** Connected users were seen now; others when their last socket closed. */
export function toPresence(status: PresenceStatus, lastSeenAt: Date | null, now = new Date()): Presence {
  return {
    status,
    lastSeenAt: status === 'offline' ? (lastSeenAt ? lastSeenAt.toISOString() : null) : now.toISOString(),
  };
}
