/**
 * A uniform random sample of at most `capacity` items from a stream of unknown length (Algorithm R):
 * after n offers, every one of the n items is held with the same probability capacity/n.
 */
export class Reservoir<T> {
  private items: T[] = [];
  private offered = 0;

  constructor(
    readonly capacity: number,
    private readonly random: () => number = Math.random,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
  }

  /** How many items were offered since the last `drain()`. */
  get seen(): number {
    return this.offered;
  }

  get size(): number {
    return this.items.length;
  }

  offer(item: T): void {
    this.offered++;
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    // Keep the n-th item with probability capacity/n, in place of a random held one.
    const slot = Math.floor(this.random() * this.offered);
    if (slot < this.capacity) this.items[slot] = item;
  }

  /** A copy of the current sample. */
  sample(): T[] {
    return [...this.items];
  }

  /** The sample, and a fresh start. */
  drain(): T[] {
    const sample = this.items;
    this.items = [];
    this.offered = 0;
    return sample;
  }

  clear(): void {
    this.drain();
  }
}
