import type { Namespace } from 'socket.io';
import type { Session } from 'socket.io-adapter';

/** Decides what of a recovered session a client may have back (null: no recovery, a plain connect). */
export type RecoveryFilter = (session: Session) => Promise<Session | null>;

/**
 * Socket.IO restores a recovered session (its rooms, the packets it missed) before any middleware
 * runs, and sends the missed packets at once. This puts `filter` between the adapter and that step,
 * so a session that has ended gets nothing back and a client removed from a channel while it was
 * away does not get that channel's room or events.
 */
export function guardRecovery(namespace: Namespace, filter: RecoveryFilter): void {
  const adapter = namespace.adapter;
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    return session ? ((await filter(session)) ?? (null as unknown as Session)) : session;
  };
}
