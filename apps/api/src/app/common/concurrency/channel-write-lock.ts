/**
 * What a write under the lock reports back: the highest rev whose events it has broadcast. Across
 * instances this is how a crashed writer's unbroadcast changes are found again (see
 * RedisChannelWriteLock); one process has nothing to find.
 */
export interface ChannelWriteLease {
  broadcast(rev: number): void;
}

/**
 * Puts back on the wire the changes a crashed writer stored but never broadcast. The messages
 * service is the one; the lock calls it before the next write of that channel, or from its sweep.
 */
export interface UnbroadcastChanges {
  /** The channel's latest rev as stored (the starting point when nothing is known yet). */
  currentRev(channelId: string): Promise<number>;
  /** Broadcasts every change of the channel above `sinceRev`, in rev order; returns the last rev sent. */
  rebroadcast(channelId: string, sinceRev: number): Promise<number>;
  /** How a look at an unfinished write went (for the metrics). */
  recovered?(outcome: 'rebroadcast' | 'nothing' | 'failed'): void;
}

/**
 * Runs the writes of one channel one at a time, so the revs they take land in order and their events
 * go out in that order (DESIGN section 3). In memory for one process; RedisChannelWriteLock across
 * instances.
 */
export interface ChannelWriteLock {
  /**
   * Runs `work` alone for its channel. A work that throws an AppError (a refusal: not found, a
   * conflict) has stored nothing; any other error may have come after a store.
   */
  run<T>(channelId: string, work: (lease: ChannelWriteLease) => Promise<T>): Promise<T>;
  /** Starts looking after writes that crashed before broadcasting (nothing to do in one process). */
  start(recovery: UnbroadcastChanges): void;
  /** Stops that, waiting for a recovery in progress. */
  stop(): Promise<void>;
}

export const CHANNEL_WRITE_LOCK = Symbol('CHANNEL_WRITE_LOCK');

const IN_PROCESS_LEASE: ChannelWriteLease = { broadcast: () => undefined };

/**
 * A promise chain per key; a key's entry disappears when its queue drains. A write that dies here
 * takes the whole process with it, so there is nothing to recover.
 */
export class InMemoryChannelWriteLock implements ChannelWriteLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(channelId: string, work: (lease: ChannelWriteLease) => Promise<T>): Promise<T> {
    const previous = this.tails.get(channelId) ?? Promise.resolve();
    const job = () => work(IN_PROCESS_LEASE);
    const current = previous.then(job, job);
    const tail = current.catch(() => undefined);
    this.tails.set(channelId, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(channelId) === tail) this.tails.delete(channelId);
    }
  }

  start(): void {
    // One process: a write either broadcasts or dies with every socket it would broadcast to.
  }

  async stop(): Promise<void> {
    // Nothing was started.
  }

  /** Keys with writes queued or running (for tests and metrics). */
  get activeKeys(): number {
    return this.tails.size;
  }
}
