import type { PresenceStatus } from '@supchat/contracts';

export type ClientStatus = Exclude<PresenceStatus, 'offline'>;

export interface StatusChange {
  previous: PresenceStatus;
  current: PresenceStatus;
}

/**
 * Who is connected, per socket. A user is online while any socket says online, away when every
 * socket says away, and stays at the last status after the last socket closes until
 * `expireIfIdle` (the grace period, so a reload does not flap).
 *
 * In memory for one process now. The Redis implementation (scale-out issue) keeps one key per
 * socket with an expiry that every instance refreshes with heartbeats, so the users of a crashed
 * instance drop to offline by themselves when their keys expire.
 */
export interface PresenceStore {
  addSocket(userId: string, socketId: string): Promise<StatusChange>;
  /** Returns how many sockets the user still has. */
  removeSocket(userId: string, socketId: string): Promise<number>;
  setSocketStatus(userId: string, socketId: string, status: ClientStatus): Promise<StatusChange>;
  /** Forgets a user without sockets; true when that made them offline. */
  expireIfIdle(userId: string): Promise<boolean>;
  statuses(userIds: readonly string[]): Promise<Map<string, PresenceStatus>>;
}

export const PRESENCE_STORE = Symbol('PRESENCE_STORE');

interface Entry {
  sockets: Map<string, ClientStatus>;
  /** The status shown while the user has no socket but is within the grace period. */
  lingering: ClientStatus;
}

function statusOf(entry: Entry | undefined): PresenceStatus {
  if (!entry) return 'offline';
  if (entry.sockets.size === 0) return entry.lingering;
  for (const status of entry.sockets.values()) if (status === 'online') return 'online';
  return 'away';
}

export class InMemoryPresenceStore implements PresenceStore {
  private readonly users = new Map<string, Entry>();

  async addSocket(userId: string, socketId: string): Promise<StatusChange> {
    const entry = this.users.get(userId) ?? { sockets: new Map<string, ClientStatus>(), lingering: 'online' };
    const previous = this.users.has(userId) ? statusOf(entry) : 'offline';
    entry.sockets.set(socketId, 'online');
    this.users.set(userId, entry);
    return { previous, current: statusOf(entry) };
  }

  async removeSocket(userId: string, socketId: string): Promise<number> {
    const entry = this.users.get(userId);
    if (!entry) return 0;
    const before = statusOf(entry);
    entry.sockets.delete(socketId);
    if (entry.sockets.size === 0 && before !== 'offline') entry.lingering = before;
    return entry.sockets.size;
  }

  async setSocketStatus(userId: string, socketId: string, status: ClientStatus): Promise<StatusChange> {
    const entry = this.users.get(userId);
    if (!entry || !entry.sockets.has(socketId)) {
      const current = statusOf(entry);
      return { previous: current, current };
    }
    const previous = statusOf(entry);
    entry.sockets.set(socketId, status);
    return { previous, current: statusOf(entry) };
  }

  async expireIfIdle(userId: string): Promise<boolean> {
    const entry = this.users.get(userId);
    if (!entry || entry.sockets.size > 0) return false;
    this.users.delete(userId);
    return true;
  }

  async statuses(userIds: readonly string[]): Promise<Map<string, PresenceStatus>> {
    return new Map(userIds.map((userId) => [userId, statusOf(this.users.get(userId))]));
  }
}
