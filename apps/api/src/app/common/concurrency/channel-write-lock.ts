/**
 * Runs the writes of one channel one at a time, so the revs they take land in order (DESIGN
 * section 3). In memory for one process now; the scale-out issue adds one shared through Redis.
 */
export interface ChannelWriteLock {
  run<T>(channelId: string, work: () => Promise<T>): Promise<T>;
}

export const CHANNEL_WRITE_LOCK = Symbol('CHANNEL_WRITE_LOCK');

/** A promise chain per key; a key's entry disappears when its queue drains. */
export class InMemoryChannelWriteLock implements ChannelWriteLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(channelId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channelId) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.tails.set(channelId, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(channelId) === tail) this.tails.delete(channelId);
    }
  }

  /** Keys with writes queued or running (for tests and metrics). */
  get activeKeys(): number {
    return this.tails.size;
  }
}
