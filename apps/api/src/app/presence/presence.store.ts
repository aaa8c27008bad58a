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
 * The grace period is a schedule in the store (`scheduleOffline`, `takeDue`), so whichever instance
 * looks first sends the offline event, even if the one the user left from is gone.
 *
 * In memory for one process; with Redis shared by every instance, where each instance renews a
 * heartbeat and the sockets of an instance whose heartbeat lapsed (a crash) are removed by the others
 * (`reapDeadInstances`), so its users go offline by themselves.
 */
export interface PresenceStore {
  /** A new socket, online unless its client said in the handshake that it is away. */
  addSocket(userId: string, socketId: string, status?: ClientStatus): Promise<StatusChange>;
  /** Returns how many sockets the user still has. */
  removeSocket(userId: string, socketId: string): Promise<number>;
  setSocketStatus(userId: string, socketId: string, status: ClientStatus): Promise<StatusChange>;
  /** Forgets a user without sockets; true when that made them offline. */
  expireIfIdle(userId: string): Promise<boolean>;
  statuses(userIds: readonly string[]): Promise<Map<string, PresenceStatus>>;
  /** The user is to go offline at `dueAt` (ms since epoch) unless a socket comes back first. */
  scheduleOffline(userId: string, dueAt: number): Promise<void>;
  cancelOffline(userId: string): Promise<void>;
  /** Users whose offline time has come, each handed to exactly one caller. */
  takeDue(now: number): Promise<{ userId: string; dueAt: number }[]>;
  /**
   * Makes the store hold exactly these sockets for this instance (after Redis came back, maybe
   * empty, maybe with sockets that closed while it was away): the missing are added with their
   * status, the others removed (a user left without a socket is due to go offline now). Returns the
   * status change of every user it touched.
   */
  resync(sockets: readonly LocalSocket[]): Promise<UserStatusChange[]>;
  /** This instance is alive (its sockets are real). */
  heartbeat(): Promise<void>;
  /** Removes the sockets of instances whose heartbeat lapsed; their users now without a socket are due. */
  reapDeadInstances(): Promise<void>;
  /** Stops the heartbeat of this instance (a clean shutdown). */
  close(): Promise<void>;
}

export const PRESENCE_STORE = Symbol('PRESENCE_STORE');

export interface LocalSocket {
  userId: string;
  socketId: string;
  status: ClientStatus;
}

export type UserStatusChange = StatusChange & { userId: string };

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
  private readonly due = new Map<string, number>();

  async addSocket(userId: string, socketId: string, status: ClientStatus = 'online'): Promise<StatusChange> {
    const entry = this.users.get(userId) ?? { sockets: new Map<string, ClientStatus>(), lingering: 'online' };
    const previous = this.users.has(userId) ? statusOf(entry) : 'offline';
    entry.sockets.set(socketId, status);
    this.users.set(userId, entry);
    this.due.delete(userId);
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

  async resync(sockets: readonly LocalSocket[]): Promise<UserStatusChange[]> {
    const wanted = new Map(sockets.map((socket) => [`${socket.userId}|${socket.socketId}`, socket]));
    const before = new Map<string, PresenceStatus>();
    const touch = (userId: string) => {
      if (!before.has(userId)) before.set(userId, statusOf(this.users.get(userId)));
    };
    for (const [userId, entry] of this.users) {
      for (const socketId of [...entry.sockets.keys()]) {
        if (wanted.has(`${userId}|${socketId}`)) continue;
        touch(userId);
        await this.removeSocket(userId, socketId);
        if (entry.sockets.size === 0 && !this.due.has(userId)) this.due.set(userId, Date.now());
      }
    }
    for (const { userId, socketId, status } of wanted.values()) {
      touch(userId);
      await this.addSocket(userId, socketId, status);
    }
    return [...before].map(([userId, previous]) => ({
      userId,
      previous,
      current: statusOf(this.users.get(userId)),
    }));
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

  async scheduleOffline(userId: string, dueAt: number): Promise<void> {
    this.due.set(userId, dueAt);
  }

  async cancelOffline(userId: string): Promise<void> {
    this.due.delete(userId);
  }

  async takeDue(now: number): Promise<{ userId: string; dueAt: number }[]> {
    const taken: { userId: string; dueAt: number }[] = [];
    for (const [userId, dueAt] of this.due) {
      if (dueAt > now) continue;
      this.due.delete(userId);
      taken.push({ userId, dueAt });
    }
    return taken;
  }

  /** One process: nobody else to tell it is alive. */
  heartbeat(): Promise<void> {
    return Promise.resolve();
  }

  /** One process: no other instance can die under it. */
  reapDeadInstances(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.due.clear();
  }
}
